import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  onlyResourceOfType,
  resourcesOf,
  roleOfFunction,
  statementsGranting,
  statementsOfRole,
  synth,
} from './support.js';

const s = synth();
const handlers = Object.fromEntries(s.stack.lambdaHandlers().map((h) => [h.name, h]));
const fn = (name: string): any => s.json.Resources[handlers[name]!.logicalId];
const role = (name: string): string => roleOfFunction(s.json, handlers[name]!.logicalId);
const [bucketId] = onlyResourceOfType(s.json, 'AWS::S3::Bucket');
const [tableId] = onlyResourceOfType(s.json, 'AWS::DynamoDB::Table');
const bucketObjects = (pattern: string): string => `\${${bucketId}.Arn}/${pattern}`;

describe('functions', () => {
  it('are exactly the six handlers, mapped to their modules by logical id', () => {
    expect(Object.keys(handlers).sort()).toEqual(['consolidate', 'crew', 'enrich', 'prefetch', 'prefetchChunk', 'prefetchSummary']);
    for (const h of Object.values(handlers)) {
      expect(s.json.Resources[h.logicalId].Type).toBe('AWS::Lambda::Function');
      // Folders are kebab-case: prefetchChunk lives in lambdas/prefetch-chunk/.
      const folder = h.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(h.entry).toMatch(new RegExp(`/lambdas/${folder}/handler\\.ts$`));
      expect(h.exportName).toBe('handler');
    }
    expect(s.stack.getLogicalId(s.stack.crewFunction.node.defaultChild as never)).toBe(handlers.crew!.logicalId);
  });

  it.each([
    ['prefetch', 1024, 900],
    ['crew', 512, 120],
    ['consolidate', 512, 300],
    ['enrich', 256, 60],
    ['prefetchChunk', 1024, 900],
    ['prefetchSummary', 256, 60],
  ])('%s: nodejs22.x on arm64, %i MB, %i s', (name, memory, timeout) => {
    const p = fn(name).Properties;
    expect(p.Runtime).toBe('nodejs22.x');
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.MemorySize).toBe(memory);
    expect(p.Timeout).toBe(timeout);
    expect(p.Handler).toBe('index.handler');
  });

  it('get the bucket, the table and the service name, and no unset config variable', () => {
    for (const name of ['prefetch', 'crew', 'consolidate', 'enrich']) {
      const env = fn(name).Properties.Environment.Variables;
      expect(env).toMatchObject({
        BUCKET_NAME: { Ref: bucketId },
        TABLE_NAME: { Ref: tableId },
        POWERTOOLS_SERVICE_NAME: 'finwiz',
      });
      for (const v of [
        'BATCH_PREFETCH_ENABLED',
        'ALPHA_VANTAGE_RATE_LIMIT',
        'BATCH_PREFETCH_MIN_HOLDINGS',
        'DEEP_ANALYSIS_BATCH_SIZE',
        'ENABLE_ALPHA_VANTAGE',
        'ALPHA_VANTAGE_SECRET_NAME',
      ]) {
        expect(env).not.toHaveProperty(v);
      }
    }
  });

  it('get the configuration variables that are set in context', () => {
    const other = synth({
      'finwiz:batchPrefetchEnabled': false,
      'finwiz:alphaVantageRateLimit': 75,
      'finwiz:batchPrefetchMinHoldings': '3',
      'finwiz:deepAnalysisBatchSize': 'auto',
      'finwiz:enableAlphaVantage': 'yes',
    });
    const id = other.stack.lambdaHandlers().find((h) => h.name === 'prefetch')!.logicalId;
    expect(other.json.Resources[id].Properties.Environment.Variables).toMatchObject({
      BATCH_PREFETCH_ENABLED: 'false',
      ALPHA_VANTAGE_RATE_LIMIT: '75',
      BATCH_PREFETCH_MIN_HOLDINGS: '3',
      DEEP_ANALYSIS_BATCH_SIZE: 'auto',
      ENABLE_ALPHA_VANTAGE: 'yes',
    });
  });

  it('log to their own log group kept one month', () => {
    for (const name of ['prefetch', 'crew', 'consolidate']) {
      const logGroupId = fn(name).Properties.LoggingConfig.LogGroup.Ref;
      const lg = s.json.Resources[logGroupId];
      expect(lg.Type).toBe('AWS::Logs::LogGroup');
      expect(lg.Properties.RetentionInDays).toBe(30);
    }
  });

  describe('IAM', () => {
    const s3Delete = ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket'];

    it('no function may delete objects', () => {
      for (const name of ['prefetch', 'crew', 'consolidate', 'enrich', 'prefetchChunk', 'prefetchSummary']) {
        for (const action of s3Delete) expect(statementsGranting(s.json, role(name), action)).toEqual([]);
      }
    });

    /** The object patterns (relative to the bucket) the role may call `action` on. */
    const objectsFor = (name: string, action: string): string[] =>
      statementsGranting(s.json, role(name), action)
        .flatMap(resourcesOf)
        .filter((r) => r.startsWith(`\${${bucketId}.Arn}/`))
        .map((r) => r.slice(`\${${bucketId}.Arn}/`.length))
        .sort();

    it('crew reads only its run inputs (prefetch, market context, Alpha Vantage) and writes only runs/*/results/*', () => {
      expect(objectsFor('crew', 's3:GetObject')).toEqual(['runs/*/alpha-vantage/*', 'runs/*/market-context.json', 'runs/*/prefetch/*']);
      expect(objectsFor('crew', 's3:PutObject')).toEqual(['runs/*/results/*']);
      // Not the portfolios, not the manifest or the report, not the cache.
      for (const key of ['portfolios/*', 'runs/*', 'cache/*']) expect(objectsFor('crew', 's3:GetObject')).not.toContain(key);
      expect(statementsGranting(s.json, role('crew'), 'dynamodb:PutItem')).toEqual([]);
    });

    it('prefetch reads portfolios/ and cache/, writes runs/ and cache/', () => {
      expect(objectsFor('prefetch', 's3:GetObject')).toEqual(['cache/*', 'portfolios/*']);
      expect(objectsFor('prefetch', 's3:PutObject')).toEqual(['cache/*', 'runs/*']);
      expect(objectsFor('prefetch', 's3:PutObject')).not.toContain('portfolios/*');
      expect(statementsGranting(s.json, role('prefetch'), 'dynamodb:PutItem')).toEqual([]);
    });

    it('consolidate reads runs/, writes only the report and the metrics file, writes, gets and queries the table (and its index)', () => {
      expect(objectsFor('consolidate', 's3:GetObject')).toEqual(['runs/*']);
      expect(objectsFor('consolidate', 's3:PutObject')).toEqual(['runs/*/batch_prefetch_metrics.json', 'runs/*/report.*']);
      for (const action of ['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query', 'dynamodb:GetItem']) {
        const res = statementsGranting(s.json, role('consolidate'), action).flatMap(resourcesOf);
        expect(res).toEqual(expect.arrayContaining([`\${${tableId}.Arn}`, `\${${tableId}.Arn}/index/*`]));
      }
      for (const action of ['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:Scan', 'dynamodb:DeleteTable']) {
        expect(statementsGranting(s.json, role('consolidate'), action)).toEqual([]);
      }
    });

    it('enrich reads and writes only runs/*/alpha-vantage/* and runs/*/prefetch/*, no table', () => {
      expect(objectsFor('enrich', 's3:GetObject')).toEqual(['runs/*/alpha-vantage/*', 'runs/*/prefetch/*']);
      expect(objectsFor('enrich', 's3:PutObject')).toEqual(['runs/*/alpha-vantage/*', 'runs/*/prefetch/*']);
      expect(statementsGranting(s.json, role('enrich'), 'dynamodb:PutItem')).toEqual([]);
    });

    it('a prefetch chunk reads its chunk, run.json and the cache, and writes prefetch objects, its stats and the cache', () => {
      expect(objectsFor('prefetchChunk', 's3:GetObject')).toEqual(['cache/*', 'runs/*/prefetch-chunks/*', 'runs/*/run.json']);
      expect(objectsFor('prefetchChunk', 's3:PutObject')).toEqual(['cache/*', 'runs/*/prefetch-chunks/*', 'runs/*/prefetch/*']);
      for (const key of ['portfolios/*', 'runs/*']) expect(objectsFor('prefetchChunk', 's3:GetObject')).not.toContain(key);
      expect(statementsGranting(s.json, role('prefetchChunk'), 'dynamodb:PutItem')).toEqual([]);
    });

    it('the prefetch summary reads the chunk list and the chunks, and writes only the run\'s prefetch stats', () => {
      expect(objectsFor('prefetchSummary', 's3:GetObject')).toEqual(['runs/*/prefetch-chunks.json', 'runs/*/prefetch-chunks/*']);
      expect(objectsFor('prefetchSummary', 's3:PutObject')).toEqual(['runs/*/prefetch-stats.json']);
    });

    it('S3 actions are exactly GetObject, PutObject and ListBucket (on the bucket itself): no wildcard action', () => {
      for (const name of ['prefetch', 'crew', 'consolidate', 'enrich']) {
        const s3Actions = statementsOfRole(s.json, role(name)).flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
        expect(new Set(s3Actions)).toEqual(new Set(['s3:GetObject', 's3:PutObject', 's3:ListBucket']));
        const list = statementsGranting(s.json, role(name), 's3:ListBucket').flatMap(resourcesOf);
        expect(new Set(list)).toEqual(new Set([`\${${bucketId}.Arn}`]));
      }
    });

    it('no function reads a secret unless an Alpha Vantage secret is configured', () => {
      for (const name of ['prefetch', 'crew', 'consolidate', 'enrich']) {
        expect(statementsGranting(s.json, role(name), 'secretsmanager:GetSecretValue')).toEqual([]);
      }
    });

    it('the only DynamoDB actions anywhere are the consolidate ones', () => {
      for (const name of ['prefetch', 'crew', 'consolidate', 'enrich']) {
        const dynamo = statementsOfRole(s.json, role(name))
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('dynamodb:'));
        expect(dynamo.sort()).toEqual(
          name === 'consolidate' ? ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'] : [],
        );
      }
    });
  });
});

describe('the optional LLM narrative', () => {
  it('grants the Crew bedrock:InvokeModel on the configured model only, and passes the settings', () => {
    const withLlm = synth({ 'finwiz:crewLlm': 'bedrock', 'finwiz:bedrockModelId': 'us.amazon.nova-lite-v1:0' });
    const ids = Object.fromEntries(withLlm.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));
    const crewRole = roleOfFunction(withLlm.json, ids.crew!);
    const grants = statementsGranting(withLlm.json, crewRole, 'bedrock:InvokeModel');
    expect(grants).toHaveLength(1);
    const resources = resourcesOf(grants[0]!).join(' ');
    expect(resources).toContain('foundation-model/amazon.nova-lite-v1:0');
    expect(resources).toContain('inference-profile/us.amazon.nova-lite-v1:0');
    expect(resources).not.toMatch(/foundation-model\/\*/);
    expect(withLlm.json.Resources[ids.crew!].Properties.Environment.Variables).toMatchObject({
      CREW_LLM: 'bedrock',
      BEDROCK_MODEL_ID: 'us.amazon.nova-lite-v1:0',
    });
    for (const other of ['prefetch', 'consolidate']) {
      expect(statementsGranting(withLlm.json, roleOfFunction(withLlm.json, ids[other]!), 'bedrock:InvokeModel')).toHaveLength(0);
    }
  });

  it('grants no Bedrock access when the narrative is off (the default)', () => {
    expect(statementsGranting(s.json, role('crew'), 'bedrock:InvokeModel')).toHaveLength(0);
  });

  it('on an OpenAI-compatible server: the Crew alone reads the key secret, and updates only the budget item attributes of the table', () => {
    const openai = synth({
      'finwiz:crewLlm': 'openai',
      'finwiz:llmBaseUrl': 'https://api.openai.com/v1',
      'finwiz:llmModel': 'gpt-4o-mini',
      'finwiz:llmSecretName': 'finwiz/openai',
      'finwiz:llmBudgetUsd': '0.5',
    });
    const ids = Object.fromEntries(openai.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));
    const roleOf = (name: string) => roleOfFunction(openai.json, ids[name]!);
    const secretGrants = statementsGranting(openai.json, roleOf('crew'), 'secretsmanager:GetSecretValue');
    expect(secretGrants).toHaveLength(1);
    expect(actionsOf(secretGrants[0]!)).toEqual(['secretsmanager:GetSecretValue']);
    expect(resourcesOf(secretGrants[0]!)).toEqual(['arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:finwiz/openai-??????']);
    for (const other of ['prefetch', 'consolidate', 'enrich', 'prefetchChunk', 'prefetchSummary']) {
      expect(statementsGranting(openai.json, roleOf(other), 'secretsmanager:GetSecretValue'), other).toEqual([]);
    }
    const updates = statementsGranting(openai.json, roleOf('crew'), 'dynamodb:UpdateItem');
    expect(updates).toHaveLength(1);
    expect(actionsOf(updates[0]!)).toEqual(['dynamodb:UpdateItem']);
    expect(updates[0]!.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'reservedMicroUsd', 'capMicroUsd', 'expiresAt'] },
    });
    for (const action of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query']) {
      expect(statementsGranting(openai.json, roleOf('crew'), action)).toEqual([]);
    }
    const env = openai.json.Resources[ids.crew!].Properties.Environment.Variables;
    expect(env).toMatchObject({ CREW_LLM: 'openai', LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', LLM_SECRET_NAME: 'finwiz/openai', LLM_BUDGET_USD: '0.5' });
    expect(env).not.toHaveProperty('LLM_API_KEY');
    // No budget, no table access for the Crew.
    const unbudgeted = synth({ 'finwiz:crewLlm': 'openai', 'finwiz:llmBaseUrl': 'https://api.openai.com/v1', 'finwiz:llmModel': 'gpt-4o-mini' });
    const crewId = unbudgeted.stack.lambdaHandlers().find((h) => h.name === 'crew')!.logicalId;
    expect(statementsGranting(unbudgeted.json, roleOfFunction(unbudgeted.json, crewId), 'dynamodb:UpdateItem')).toEqual([]);
  });
});

describe('the Alpha Vantage key secret (context finwiz:alphaVantageSecretName)', () => {
  const withSecret = synth({ 'finwiz:alphaVantageSecretName': 'finwiz/alpha-vantage', 'finwiz:enableAlphaVantage': true });
  const ids = Object.fromEntries(withSecret.stack.lambdaHandlers().map((h) => [h.name, h.logicalId]));
  const roleOf = (name: string) => roleOfFunction(withSecret.json, ids[name]!);

  it('lets Enrich (which uses the key) and Prefetch (which checks it is there) read that one secret, nothing more', () => {
    for (const name of ['enrich', 'prefetch']) {
      const grants = statementsGranting(withSecret.json, roleOf(name), 'secretsmanager:GetSecretValue');
      expect(grants).toHaveLength(1);
      expect(actionsOf(grants[0]!)).toEqual(['secretsmanager:GetSecretValue']);
      expect(resourcesOf(grants[0]!)).toEqual([
        'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:finwiz/alpha-vantage-??????',
      ]);
      for (const action of ['secretsmanager:PutSecretValue', 'secretsmanager:DeleteSecret', 'secretsmanager:ListSecrets']) {
        expect(statementsGranting(withSecret.json, roleOf(name), action)).toEqual([]);
      }
    }
    for (const name of ['crew', 'consolidate']) {
      expect(statementsGranting(withSecret.json, roleOf(name), 'secretsmanager:GetSecretValue')).toEqual([]);
    }
  });

  it('passes the secret name (never a key) to the handlers', () => {
    const env = withSecret.json.Resources[ids.enrich!].Properties.Environment.Variables;
    expect(env).toMatchObject({ ALPHA_VANTAGE_SECRET_NAME: 'finwiz/alpha-vantage', ENABLE_ALPHA_VANTAGE: 'true' });
    expect(env).not.toHaveProperty('ALPHA_VANTAGE_API_KEY');
  });

  it('enrich still may not delete anything', () => {
    for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket']) {
      expect(statementsGranting(withSecret.json, roleOf('enrich'), action)).toEqual([]);
    }
  });
});
