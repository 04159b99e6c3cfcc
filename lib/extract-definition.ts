// Takes the Amazon States Language definition out of a synthesized CloudFormation template.
// CDK renders the definition as `DefinitionString`: a plain string, or an `Fn::Join` of string
// pieces and intrinsics ({Ref}, {Fn::GetAtt}, ...) that stand for ARNs and names known only at
// deploy time. The caller decides what each intrinsic becomes (a fake ARN in tests, a local
// endpoint's name in the local engine).
import { FinwizError } from '../lambdas/core/errors.js';

/** A CloudFormation intrinsic or any other non-string piece of the definition. */
export type TemplateToken = Record<string, unknown>;

export interface ExtractDefinitionOptions {
  /** Logical id of the AWS::StepFunctions::StateMachine; needed only if the template has several. */
  readonly logicalId?: string;
}

export class DefinitionExtractionError extends FinwizError {
  override readonly name = 'DefinitionExtractionError';
}

interface TemplateResource {
  Type?: unknown;
  Properties?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds the state machine resource: the given logical id, or the only one. */
export function findStateMachine(
  template: object,
  logicalId?: string,
): { logicalId: string; properties: Record<string, unknown> } {
  const resources = (template as { Resources?: unknown }).Resources;
  if (!isObject(resources)) throw new DefinitionExtractionError('The template has no Resources');
  const machines = Object.entries(resources).filter(
    ([id, r]) =>
      isObject(r) &&
      (r as TemplateResource).Type === 'AWS::StepFunctions::StateMachine' &&
      (logicalId === undefined || id === logicalId),
  );
  if (machines.length === 0) {
    throw new DefinitionExtractionError(
      logicalId === undefined
        ? 'The template has no AWS::StepFunctions::StateMachine'
        : `The template has no AWS::StepFunctions::StateMachine with logical id ${logicalId}`,
    );
  }
  if (machines.length > 1) {
    throw new DefinitionExtractionError(
      `The template has ${machines.length} state machines (${machines.map(([id]) => id).join(', ')}); pass a logicalId`,
    );
  }
  const [id, resource] = machines[0]!;
  return { logicalId: id, properties: (resource as TemplateResource).Properties ?? {} };
}

/**
 * Turns a token into text that can stand inside a JSON string literal of the definition (CDK only
 * places tokens inside string values such as "Resource":"<token>"), so it is JSON-escaped.
 */
function tokenText(token: unknown, resolveToken: (token: TemplateToken) => string): string {
  if (!isObject(token)) {
    throw new DefinitionExtractionError(`Unexpected piece in DefinitionString: ${JSON.stringify(token)}`);
  }
  const value = resolveToken(token);
  if (typeof value !== 'string') {
    throw new DefinitionExtractionError(`resolveToken returned a ${typeof value} for ${JSON.stringify(token)}`);
  }
  return JSON.stringify(value).slice(1, -1);
}

/** Flattens a string or an Fn::Join (nested ones too) into text, resolving every other intrinsic. */
function flatten(value: unknown, resolveToken: (token: TemplateToken) => string): string {
  if (typeof value === 'string') return value;
  if (isObject(value) && Object.keys(value).length === 1 && 'Fn::Join' in value) {
    const join = value['Fn::Join'];
    if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
      throw new DefinitionExtractionError(`Malformed Fn::Join: ${JSON.stringify(value)}`);
    }
    const separator = join[0];
    return (join[1] as unknown[]).map((part) => flatten(part, resolveToken)).join(separator);
  }
  return tokenText(value, resolveToken);
}

/**
 * The ASL object of the template's state machine. `resolveToken` is called for every intrinsic
 * ({Ref}, {Fn::GetAtt}, {Fn::Select}, ...) in the DefinitionString (Fn::Join is flattened here)
 * and in DefinitionSubstitutions, and must return the string to put in its place.
 */
export function extractDefinition(
  template: object,
  resolveToken: (token: TemplateToken) => string,
  options: ExtractDefinitionOptions = {},
): Record<string, unknown> {
  const { logicalId, properties } = findStateMachine(template, options.logicalId);
  let text: string;
  if (properties.DefinitionString !== undefined) {
    text = flatten(properties.DefinitionString, resolveToken);
  } else if (isObject(properties.Definition)) {
    text = JSON.stringify(properties.Definition);
  } else {
    throw new DefinitionExtractionError(`State machine ${logicalId} has neither DefinitionString nor Definition`);
  }

  const substitutions = properties.DefinitionSubstitutions;
  if (isObject(substitutions)) {
    text = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
      if (!(name in substitutions)) return whole;
      const v = substitutions[name];
      return typeof v === 'string' ? JSON.stringify(v).slice(1, -1) : flatten(v, resolveToken);
    });
  }

  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (err) {
    throw new DefinitionExtractionError(
      `The definition of ${logicalId} is not valid JSON after resolving tokens: ${(err as Error).message}`,
    );
  }
  if (!isObject(definition) || !isObject(definition.States) || typeof definition.StartAt !== 'string') {
    throw new DefinitionExtractionError(`The definition of ${logicalId} has no StartAt/States`);
  }
  return definition;
}
