import { describe, expect, it } from 'vitest';
import { DefinitionExtractionError, extractDefinition } from '../../lib/extract-definition.js';

const sm = (properties: Record<string, unknown>) => ({ Type: 'AWS::StepFunctions::StateMachine', Properties: properties });
const simple = { StartAt: 'A', States: { A: { Type: 'Succeed' } } };
const never = (): string => {
  throw new Error('no token expected');
};

describe('extractDefinition', () => {
  it('parses a plain DefinitionString', () => {
    const t = { Resources: { M: sm({ DefinitionString: JSON.stringify(simple) }) } };
    expect(extractDefinition(t, never)).toEqual(simple);
  });

  it('flattens Fn::Join (also nested) and resolves every other intrinsic with the caller', () => {
    const t = {
      Resources: {
        Other: { Type: 'AWS::S3::Bucket' },
        M: sm({
          DefinitionString: {
            'Fn::Join': [
              '',
              [
                '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"',
                { 'Fn::GetAtt': ['Fn', 'Arn'] },
                '","Parameters":{"Bucket":"',
                { 'Fn::Join': ['', [{ Ref: 'AWS::Partition' }, '-', { Ref: 'Bucket' }]] },
                '"},"End":true}}}',
              ],
            ],
          },
        }),
      },
    };
    const seen: unknown[] = [];
    const asl = extractDefinition(t, (token) => {
      seen.push(token);
      if ('Fn::GetAtt' in token) return 'arn:aws:lambda:r:1:function:Fn';
      return token.Ref === 'AWS::Partition' ? 'aws' : 'my-bucket';
    });
    expect(asl).toEqual({
      StartAt: 'A',
      States: {
        A: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:r:1:function:Fn',
          Parameters: { Bucket: 'aws-my-bucket' },
          End: true,
        },
      },
    });
    expect(seen).toEqual([{ 'Fn::GetAtt': ['Fn', 'Arn'] }, { Ref: 'AWS::Partition' }, { Ref: 'Bucket' }]);
  });

  it('escapes resolved values so they stay inside their JSON string', () => {
    const t = {
      Resources: {
        M: sm({ DefinitionString: { 'Fn::Join': ['', ['{"StartAt":"A","Comment":"', { Ref: 'X' }, '","States":{"A":{"Type":"Succeed"}}}']] } }),
      },
    };
    expect(extractDefinition(t, () => 'say "hi"\\').Comment).toBe('say "hi"\\');
  });

  it('applies DefinitionSubstitutions', () => {
    const t = {
      Resources: {
        M: sm({
          DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${fn}","End":true}},"Comment":"${left}"}',
          DefinitionSubstitutions: { fn: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
        }),
      },
    };
    const asl = extractDefinition(t, () => 'arn:x') as any;
    expect(asl.States.A.Resource).toBe('arn:x');
    expect(asl.Comment).toBe('${left}');
  });

  it('picks the state machine by logical id when there are several, and says so otherwise', () => {
    const t = { Resources: { M1: sm({ DefinitionString: JSON.stringify(simple) }), M2: sm({ DefinitionString: '{}' }) } };
    expect(() => extractDefinition(t, never)).toThrow(/2 state machines.*M1, M2/);
    expect(extractDefinition(t, never, { logicalId: 'M1' })).toEqual(simple);
    expect(() => extractDefinition(t, never, { logicalId: 'M2' })).toThrow(/no StartAt/);
    expect(() => extractDefinition({ Resources: {} }, never)).toThrow(DefinitionExtractionError);
    expect(() => extractDefinition({}, never)).toThrow(/no Resources/);
  });

  it('reports a definition that is not JSON once resolved', () => {
    const t = { Resources: { M: sm({ DefinitionString: { 'Fn::Join': ['', ['{"StartAt":', { Ref: 'X' }, '}']] } }) } };
    expect(() => extractDefinition(t, () => 'oops')).toThrow(/not valid JSON/);
  });
});
