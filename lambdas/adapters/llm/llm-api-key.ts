// Where the OpenAI-compatible server's key comes from: AWS Secrets Manager in the cloud (the
// secret's name in LLM_SECRET_NAME, set by the stack from CDK context), LLM_API_KEY locally,
// or nothing for a local server that needs none. The key is never logged nor put in an error.
import { FinwizError } from '../../core/errors.js';
import { secretsManagerPort, type SecretsPort } from '../alpha-vantage/alpha-vantage-key.js';

export class LlmKeyError extends FinwizError {
  override readonly name = 'LlmKeyError';
}

/** JSON secrets (the console's key/value form) may hold the key under one of these names. */
const JSON_KEY_FIELDS = ['apiKey', 'api_key', 'apikey', 'LLM_API_KEY', 'key'] as const;

function keyFromSecret(name: string, raw: string | null | undefined): string {
  const value = raw?.trim() ?? '';
  if (value === '') throw new LlmKeyError(`LLM key secret "${name}" has no string value`);
  if (!value.startsWith('{')) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new LlmKeyError(`LLM key secret "${name}" starts like JSON but is not valid JSON`);
  }
  const record = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  for (const field of JSON_KEY_FIELDS) {
    const candidate = record[field];
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  throw new LlmKeyError(`LLM key secret "${name}" is JSON without a non-empty ${JSON_KEY_FIELDS.join(' / ')} field`);
}

/** The key: the secret's when a secret name is set (it wins), else the local one, else null. */
export async function llmApiKey(o: { secretName: string | null; apiKey: string | null }, secrets?: SecretsPort): Promise<string | null> {
  if (o.secretName) {
    let raw: string | null | undefined;
    try {
      raw = await (secrets ?? secretsManagerPort()).getSecretValue(o.secretName);
    } catch (error) {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new LlmKeyError(`LLM key secret "${o.secretName}" could not be read (${what})`);
    }
    return keyFromSecret(o.secretName, raw);
  }
  return o.apiKey;
}
