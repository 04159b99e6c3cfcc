import { createRequire } from 'node:module';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  crewEventSchema,
  enrichEventSchema,
  enrichItemSchema,
  enrichResultSchema,
  prefetchEventSchema,
  prefetchSummarySchema,
  consolidateEventSchema,
  failedRunEventSchema,
} from '../../lambdas/core/contracts.js';
import { STATE_NAMES } from '../../lib/analysis-state-machine.js';
import { definitionOf, fakeLambdaArn, onlyResourceOfType, synth } from './support.js';

type AslValidator = (
  definition: object,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: { message?: string }[]; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

const LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];
const EXPECTED_RETRY = {
  ErrorEquals: LAMBDA_ERRORS,
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

const s = synth();
const asl = definitionOf(s);
const states = asl.States as Record<string, any>;
const fnIds = Object.fromEntries(s.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));

/** The `.$` fields of a payload template that read the state input (`$.x`), as top-level keys. */
function inputPathsRead(template: Record<string, unknown>): string[] {
  return Object.entries(template)
    .filter(([k, v]) => k.endsWith('.$') && typeof v === 'string' && v.startsWith('$.'))
    .map(([, v]) => (v as string).slice(2).split('.')[0]!);
}

/** Every field name of a payload template (without the `.$` suffix). */
const fieldNames = (template: Record<string, unknown>): string[] =>
  Object.keys(template).map((k) => k.replace(/\.\$$/, ''));

describe('state machine definition', () => {
  it('is a STANDARD state machine', () => {
    s.template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
  });

  it('is accepted by asl-validator (schema, paths and ARNs)', () => {
    const result = aslValidator(structuredClone(asl), { checkPaths: true, checkArn: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('asl-validator rejects a broken definition (the check can fail)', () => {
    const broken = structuredClone(asl);
    broken.States[STATE_NAMES.deepAnalysis].ItemReader.Parameters['Key.$'] = "States.Format('runs/{}";
    broken.States[STATE_NAMES.chooseMode].Default = 'Nowhere';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it('has exactly the named states, at top level and in the Map processors', () => {
    expect(asl.StartAt).toBe(STATE_NAMES.resolveSessionId);
    expect(Object.keys(states).sort()).toEqual(
      [
        'Resolve session id',
        'Use given session id',
        'Use execution name',
        'Split scheduled time',
        'Use scheduled time',
        'Invalid scheduled time',
        'Prefetch',
        'Invalid input',
        'Invalid configuration',
        'Source unreachable',
        'Prefetch crashed',
        'Prefetch chunks crashed',
        'Prefetch in chunks?',
        'Prefetch chunks',
        'Summarise prefetch',
        'Alpha Vantage enabled?',
        'Alpha Vantage enrichment',
        'Choose mode',
        'Deep analysis',
        'Sequential analysis',
        'Consolidate',
        'Analysis failed',
        'Consolidate failed',
        'Report failed run',
        'Run failed',
      ].sort(),
    );
    expect(Object.keys(states['Deep analysis'].ItemProcessor.States)).toEqual(['Analyse ticker', 'Record crew crash']);
    expect(Object.keys(states['Sequential analysis'].ItemProcessor.States)).toEqual(['Analyse ticker sequentially', 'Record crew crash (sequential)']);
    expect(Object.keys(states['Prefetch chunks'].ItemProcessor.States)).toEqual(['Prefetch chunk']);
    expect(Object.keys(states['Alpha Vantage enrichment'].ItemProcessor.States).sort()).toEqual(
      [
        'Fetch company overview',
        'Alpha Vantage quota reached?',
        'Pace Alpha Vantage',
        'Fetch earnings',
        'Alpha Vantage quota reached after earnings?',
        'Pace Alpha Vantage after earnings',
        'Alpha Vantage stopped',
      ].sort(),
    );
    // STATE_NAMES lists every state, nested ones included, and nothing else.
    const all = [states, ...Object.values(states).map((st: any) => st.ItemProcessor?.States ?? {})].flatMap((x) => Object.keys(x));
    expect(all.sort()).toEqual(Object.values(STATE_NAMES).sort());
  });

  it('uses JSONPath only: no JSONata, no Assign, no Arguments/Output', () => {
    const text = JSON.stringify(asl);
    expect(asl.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/"QueryLanguage":"JSONata"|"Assign"|"Arguments"|"Output"|\{%/);
  });

  it('resolves the session id from the input, the scheduled time or the execution name', () => {
    const choice = states['Resolve session id'];
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices.map((c: any) => c.Next)).toEqual(['Use given session id', 'Split scheduled time', 'Invalid scheduled time']);
    expect(choice.Choices[0]).toEqual({ Variable: '$.sessionId', IsPresent: true, Next: 'Use given session id' });
    expect(choice.Default).toBe('Use execution name');
    expect(states['Use scheduled time'].Next).toBe('Prefetch');
    expect(states['Invalid scheduled time']).toMatchObject({ Type: 'Fail', Error: 'InvalidInput' });
    expect(states['Use given session id']).toEqual({
      Type: 'Pass',
      Parameters: { 'sessionId.$': '$.sessionId', 'input.$': '$' },
      Next: 'Prefetch',
    });
    expect(states['Use execution name']).toEqual({
      Type: 'Pass',
      Parameters: { 'sessionId.$': '$$.Execution.Name', 'input.$': '$' },
      Next: 'Prefetch',
    });
  });

  describe('Prefetch', () => {
    const prefetch = states.Prefetch;

    it('invokes the prefetch function directly (payloadResponseOnly) with session, input and start time', () => {
      expect(prefetch.Type).toBe('Task');
      expect(prefetch.Resource).toBe(fakeLambdaArn(fnIds.prefetch!));
      expect(prefetch.Parameters).toEqual({
        'sessionId.$': '$.sessionId',
        'input.$': '$.input',
        'executionStartTime.$': '$$.Execution.StartTime',
      });
      expect(prefetch.ResultPath).toBe('$');
      expect(prefetch.Next).toBe('Prefetch in chunks?');
      expect(Object.keys(prefetchEventSchema.shape).sort()).toEqual(fieldNames(prefetch.Parameters).sort());
    });

    it('retries the transient Lambda errors with backoff and full jitter', () => {
      expect(prefetch.Retry).toEqual([EXPECTED_RETRY]);
    });

    it('catches InvalidInput, InvalidConfiguration, SourceUnreachable, then everything else, in that order', () => {
      expect(prefetch.Catch).toEqual([
        { ErrorEquals: ['InvalidInput'], ResultPath: '$.error', Next: 'Invalid input' },
        { ErrorEquals: ['InvalidConfiguration'], ResultPath: '$.error', Next: 'Invalid configuration' },
        { ErrorEquals: ['SourceUnreachable'], ResultPath: '$.runError', Next: 'Source unreachable' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Prefetch crashed' },
      ]);
    });

    it('fails at once on invalid input or configuration, with the cause of the error', () => {
      expect(states['Invalid input']).toEqual({ Type: 'Fail', Error: 'InvalidInput', CausePath: '$.error.Cause' });
      expect(states['Invalid configuration']).toEqual({
        Type: 'Fail',
        Error: 'InvalidConfiguration',
        CausePath: '$.error.Cause',
      });
    });

    it('an unreachable source is labelled, reported, then fails the run with its own error', () => {
      expect(states['Source unreachable']).toEqual({ Type: 'Pass', Result: 'prefetch', ResultPath: '$.failedStage', Next: 'Report failed run' });
    });

    it('keeps the execution input in the crash record (a crash before the manifest leaves the tickers only there)', () => {
      expect(states['Prefetch crashed'].Parameters['input.$']).toBe('$.input');
      // The chunks' plan has no input: its crash record reads none (a missing path would fail the run).
      expect(states['Prefetch chunks crashed'].Parameters['input.$']).toBeUndefined();
      expect(states['Prefetch chunks crashed'].Next).toBe('Sequential analysis');
      const { 'input.$': _input, ...rest } = states['Prefetch crashed'].Parameters;
      expect(states['Prefetch chunks crashed'].Parameters).toEqual(rest);
    });

    it('falls back to the sequential analysis when it crashes, recording reason and time', () => {
      const crashed = states['Prefetch crashed'];
      expect(crashed.Type).toBe('Pass');
      expect(crashed.Next).toBe('Sequential analysis');
      expect(crashed.Parameters).toMatchObject({
        'sessionId.$': '$.sessionId',
        mode: 'sequential',
        fallbackReason: 'Prefetch crashed',
        'fallbackAt.$': '$$.State.EnteredTime',
        'error.$': '$.error',
      });
    });

    it('the crash record carries every field the sequential Map reads from the state', () => {
      const crashedFields = fieldNames(states['Prefetch crashed'].Parameters);
      const map = states['Sequential analysis'];
      const read = [...inputPathsRead(map.ItemSelector), ...inputPathsRead(map.ItemReader.Parameters)];
      // the ItemReader key is a States.Format over $.sessionId
      expect(map.ItemReader.Parameters['Key.$']).toContain('$.sessionId');
      for (const field of new Set([...read, 'sessionId'])) expect(crashedFields).toContain(field);
    });
  });

  it('chooses the sequential analysis above 50% prefetch failures or in sequential mode', () => {
    expect(states['Choose mode']).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.failureRate', NumericGreaterThan: 0.5, Next: 'Sequential analysis' },
        { Variable: '$.mode', StringEquals: 'sequential', Next: 'Sequential analysis' },
      ],
      Default: 'Deep analysis',
    });
    // every path the Choice reads is a field of the Prefetch summary
    const summaryFields = Object.keys(prefetchSummarySchema.shape);
    for (const c of states['Choose mode'].Choices) expect(summaryFields).toContain(c.Variable.slice(2));
  });

  describe.each([
    {
      name: 'Deep analysis',
      task: 'Analyse ticker',
      crashTask: 'Record crew crash',
      mode: 'batch',
      concurrency: { MaxConcurrencyPath: '$.batchSize' },
      batchSize: { 'batchSize.$': '$.batchSize' },
    },
    {
      name: 'Sequential analysis',
      task: 'Analyse ticker sequentially',
      crashTask: 'Record crew crash (sequential)',
      mode: 'sequential',
      concurrency: { MaxConcurrency: 1 },
      batchSize: { batchSize: 1 },
    },
  ])('$name (Distributed Map)', ({ name, task, crashTask, mode, concurrency, batchSize }) => {
    const map = states[name];

    it('reads the manifest of the session from the bucket as a JSON array', () => {
      expect(map.Type).toBe('Map');
      expect(map.ItemReader).toEqual({
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: {
          Bucket: `bucket-${s.stack.getLogicalId(s.stack.bucket.node.defaultChild as never).toLowerCase()}`,
          'Key.$': "States.Format('runs/{}/manifest.json', $.sessionId)",
        },
      });
      expect(map.ItemsPath).toBeUndefined();
    });

    it('runs STANDARD child workflows in DISTRIBUTED mode with the crew function', () => {
      expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
      expect(map.ItemProcessor.StartAt).toBe(task);
      const inner = map.ItemProcessor.States[task];
      expect(inner).toMatchObject({ Type: 'Task', Resource: fakeLambdaArn(fnIds.crew!), End: true });
      expect(inner.Parameters).toBeUndefined(); // the item is the whole Crew event
      expect(inner.Retry).toEqual([EXPECTED_RETRY]);
    });

    it("catches any crew error and has the crew record it as the ticker's failed result", () => {
      const inner = map.ItemProcessor.States[task];
      expect(inner.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.crash', Next: crashTask }]);
      const record = map.ItemProcessor.States[crashTask];
      expect(record).toMatchObject({ Type: 'Task', Resource: fakeLambdaArn(fnIds.crew!), End: true });
      expect(record.Parameters).toEqual({
        'sessionId.$': '$.sessionId',
        'mode.$': '$.mode',
        'holding.$': '$.holding',
        'batchSize.$': '$.batchSize',
        'totalTickers.$': '$.totalTickers',
        'crash.$': '$.crash',
      });
      expect(record.Retry).toEqual([EXPECTED_RETRY]);
      expect(record.Catch).toBeUndefined();
    });

    it('limits concurrency as required', () => {
      expect(map).toMatchObject(concurrency);
      if ('MaxConcurrency' in concurrency) expect(map.MaxConcurrencyPath).toBeUndefined();
      else expect(map.MaxConcurrency).toBeUndefined();
    });

    it('builds each Crew event from the session and the manifest item', () => {
      expect(map.ItemSelector).toEqual({
        'sessionId.$': '$.sessionId',
        mode,
        'holding.$': '$$.Map.Item.Value',
        ...batchSize,
        'totalTickers.$': '$.totalTickers',
      });
      // Every field of the Crew event but `crash`, which only the crash record sets.
      expect(fieldNames(map.ItemSelector).sort()).toEqual(Object.keys(crewEventSchema.shape).filter((key) => key !== 'crash').sort());
      expect(fieldNames(map.ItemProcessor.States[crashTask].Parameters).sort()).toEqual(Object.keys(crewEventSchema.shape).sort());
      // what the Deep analysis reads from the state is in the Prefetch summary
      const summaryFields = Object.keys(prefetchSummarySchema.shape);
      for (const f of inputPathsRead(map.ItemSelector)) expect(summaryFields).toContain(f);
    });

    it('tolerates every child failure and keeps results out of the state', () => {
      expect(map.ToleratedFailurePercentage).toBe(100);
      expect(map).toHaveProperty('ResultPath', null);
      expect(map.ResultWriter).toBeUndefined();
      expect(map.Next).toBe('Consolidate');
    });
  });

  describe('Alpha Vantage enrichment', () => {
    const map = states['Alpha Vantage enrichment'];
    const inner = map.ItemProcessor.States as Record<string, any>;
    const enrichArn = fakeLambdaArn(fnIds.enrich!);

    it('runs after Prefetch when Prefetch enabled it, and goes on to Choose mode either way', () => {
      expect(states['Alpha Vantage enabled?']).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.alphaVantage.enabled', BooleanEquals: true, Next: 'Alpha Vantage enrichment' }],
        Default: 'Choose mode',
      });
      expect(map.Next).toBe('Choose mode');
      // the Choice reads a field of the Prefetch summary
      expect(Object.keys(prefetchSummarySchema.shape)).toContain('alphaVantage');
      expect(Object.keys(prefetchSummarySchema.shape.alphaVantage.shape).sort()).toEqual(['enabled', 'paceSeconds']);
      // a crashed Prefetch (no summary) goes straight to the sequential analysis, no enrichment
      expect(states['Prefetch crashed'].Next).toBe('Sequential analysis');
    });

    it('is a Distributed Map over the manifest, one ticker at a time, tolerating every failure, keeping nothing', () => {
      expect(map.Type).toBe('Map');
      expect(map.ItemReader).toEqual(states['Deep analysis'].ItemReader);
      expect(map.ItemReader.Parameters['Key.$']).toBe("States.Format('runs/{}/manifest.json', $.sessionId)");
      expect(map.ItemsPath).toBeUndefined();
      expect(map.MaxConcurrency).toBe(1);
      expect(map.MaxConcurrencyPath).toBeUndefined();
      expect(map.ToleratedFailurePercentage).toBe(100);
      expect(map).toHaveProperty('ResultPath', null);
      expect(map.ResultWriter).toBeUndefined();
      // STANDARD children: their Waits cost nothing while waiting (EXPRESS bills the duration)
      expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
      expect(map.ItemSelector).toEqual({
        'sessionId.$': '$.sessionId',
        'ticker.$': '$$.Map.Item.Value.ticker',
        'paceSeconds.$': '$.alphaVantage.paceSeconds',
      });
      expect(fieldNames(map.ItemSelector).sort()).toEqual(Object.keys(enrichItemSchema.shape).sort());
    });

    it('fetches OVERVIEW, checks the quota, waits the pace, fetches EARNINGS, checks, waits, ends', () => {
      expect(map.ItemProcessor.StartAt).toBe('Fetch company overview');
      for (const [name, fn, next] of [
        ['Fetch company overview', 'OVERVIEW', 'Alpha Vantage quota reached?'],
        ['Fetch earnings', 'EARNINGS', 'Alpha Vantage quota reached after earnings?'],
      ] as const) {
        const task = inner[name];
        expect(task).toMatchObject({ Type: 'Task', Resource: enrichArn, ResultPath: '$.result', Next: next });
        expect(task.Parameters).toEqual({ 'sessionId.$': '$.sessionId', 'ticker.$': '$.ticker', function: fn });
        expect(fieldNames(task.Parameters).sort()).toEqual(Object.keys(enrichEventSchema.shape).sort());
        expect(task.Retry).toEqual([EXPECTED_RETRY]);
      }
      // The quota Choices end the item at once on the task's `exhausted`.
      expect(inner['Alpha Vantage quota reached?']).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.result.exhausted', BooleanEquals: true, Next: 'Alpha Vantage stopped' }],
        Default: 'Pace Alpha Vantage',
      });
      expect(inner['Alpha Vantage quota reached after earnings?']).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.result.exhausted', BooleanEquals: true, Next: 'Alpha Vantage stopped' }],
        Default: 'Pace Alpha Vantage after earnings',
      });
      expect(Object.keys(enrichResultSchema.shape)).toContain('exhausted');
      expect(inner['Alpha Vantage stopped']).toEqual({ Type: 'Succeed' });
      // The Waits take their length from the item (paceSeconds), not a constant.
      expect(inner['Pace Alpha Vantage']).toEqual({ Type: 'Wait', SecondsPath: '$.paceSeconds', Next: 'Fetch earnings' });
      expect(inner['Pace Alpha Vantage after earnings']).toEqual({ Type: 'Wait', SecondsPath: '$.paceSeconds', End: true });
    });
  });

  describe('a run that stops past its input still leaves a report', () => {
    it('catches a failed Map and a failed Consolidate into labelled states that report the run', () => {
      for (const map of ['Deep analysis', 'Sequential analysis']) {
        expect(states[map].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.runError', Next: 'Analysis failed' }]);
      }
      expect(states.Consolidate.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.runError', Next: 'Consolidate failed' }]);
      expect(states['Analysis failed']).toEqual({ Type: 'Pass', Result: 'analysis', ResultPath: '$.failedStage', Next: 'Report failed run' });
      expect(states['Consolidate failed']).toEqual({ Type: 'Pass', Result: 'consolidate', ResultPath: '$.failedStage', Next: 'Report failed run' });
    });

    it("reports through Consolidate's failure mode, then fails with the error it names, even if the report fails", () => {
      const report = states['Report failed run'];
      expect(report).toMatchObject({ Type: 'Task', Resource: fakeLambdaArn(fnIds.consolidate!), ResultPath: '$.runError', Next: 'Run failed' });
      expect(report.Parameters).toEqual({
        'sessionId.$': '$.sessionId',
        'executionStartTime.$': '$$.Execution.StartTime',
        failure: { 'stage.$': '$.failedStage', 'error.$': '$.runError' },
        'state.$': '$',
      });
      expect(fieldNames(report.Parameters).sort()).toEqual(Object.keys(failedRunEventSchema.shape).sort());
      expect(report.Retry).toEqual([EXPECTED_RETRY]);
      expect(report.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.reportError', Next: 'Run failed' }]);
      expect(states['Run failed']).toEqual({ Type: 'Fail', ErrorPath: '$.runError.Error', CausePath: '$.runError.Cause' });
    });

    it('an enrichment that fails as a whole goes on to the analysis', () => {
      expect(states['Alpha Vantage enrichment'].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Choose mode' }]);
    });
  });

  it('consolidates with the session, the start time and the whole state, then ends', () => {
    const c = states.Consolidate;
    expect(c).toMatchObject({ Type: 'Task', Resource: fakeLambdaArn(fnIds.consolidate!), End: true });
    expect(c.Parameters).toEqual({
      'sessionId.$': '$.sessionId',
      'executionStartTime.$': '$$.Execution.StartTime',
      'state.$': '$',
    });
    expect(c.Retry).toEqual([EXPECTED_RETRY]);
    expect(fieldNames(c.Parameters).sort()).toEqual(Object.keys(consolidateEventSchema.shape).sort());
  });

  it('lets the state machine invoke the four functions, read the bucket and run child executions', () => {
    const [smId, sm] = onlyResourceOfType(s.json, 'AWS::StepFunctions::StateMachine');
    const smRole = sm.Properties.RoleArn['Fn::GetAtt'][0] as string;
    s.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: smRole }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'lambda:InvokeFunction',
            Resource: Match.arrayWith([
              { 'Fn::GetAtt': [fnIds.consolidate, 'Arn'] },
              { 'Fn::GetAtt': [fnIds.crew, 'Arn'] },
              { 'Fn::GetAtt': [fnIds.enrich, 'Arn'] },
              { 'Fn::GetAtt': [fnIds.prefetch, 'Arn'] },
            ]),
          }),
          Match.objectLike({ Action: 's3:GetObject' }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: smRole }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'states:StartExecution', Resource: { Ref: smId } }),
        ]),
      },
    });
  });
});
