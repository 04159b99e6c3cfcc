// `runs --local` and `show --local` read what real local runs left in their store, through the
// same code as the cloud, against s3rver and dynalite.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRuns } from '../../cli/cloud/run-items.js';
import { localStoreClients } from '../../cli/cloud/aws-clients.js';
import { LOCAL_BUCKET, LOCAL_TABLE } from '../../local/local-run.js';
import { startLocalServices } from '../../local/services.js';
import { runsCommand } from '../../cli/cloud/runs-command.js';
import { showCommand } from '../../cli/cloud/show-command.js';
import { CliError, EXIT_FAILURE } from '../../cli/exit-codes.js';
import { runFlow } from '../flow/support.js';
import { invoke } from './invoke.js';

let storeDir: string;
let portfolio: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'finwiz-local-runs-'));
  storeDir = join(dir, '.store');
  portfolio = join(dir, 'three.csv');
  await writeFile(portfolio, 'ticker,shares\nAAPL,2\nKO,5\nMSFT,1\n');
  await runFlow(portfolio, { storeDir, sessionId: 'local-first' });
  await runFlow(portfolio, { storeDir, sessionId: 'local-second', sim: { failTickers: ['KO'] } });
});

describe('finwiz runs --local', () => {
  it('lists the runs of the store, newest first, with their counts', async () => {
    const run = await invoke(runsCommand(), ['--local', '--store', storeDir, '--json']);
    expect(run.error).toBeUndefined();
    const runs = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(runs.map((item) => item.sessionId)).toEqual(['local-second', 'local-first']);
    expect(runs[0]).toMatchObject({ mode: 'sequential', totalTickers: 3, successfulTickers: 2, failedTickers: 1, portfolioKey: 'portfolios/three.csv' });
    expect(runs[1]).toMatchObject({ totalTickers: 3, successfulTickers: 3, failedTickers: 0 });
    const limited = await invoke(runsCommand(), ['--local', '--store', storeDir, '--limit', '1']);
    expect(limited.stdout.trim().split('\n')).toHaveLength(2); // header and one run
    expect(limited.stdout).toContain('local-second');
  });

  it('reads a copy of the table while another process holds the store, leaving the holder untouched', async () => {
    const holder = await startLocalServices(LOCAL_BUCKET, storeDir);
    const clients = localStoreClients({ s3: holder.s3Endpoint, dynamo: holder.dynamoEndpoint });
    try {
      // dynalite opens its database at the first request: from here the store's LevelDB is held.
      await listRuns({ ...clients, table: LOCAL_TABLE, label: 'holder', local: true, close: async () => {} }, 1);

      const run = await invoke(runsCommand(), ['--local', '--store', storeDir, '--json']);
      expect(run.error).toBeUndefined();
      expect((JSON.parse(run.stdout) as Array<{ sessionId: string }>).map((item) => item.sessionId)).toEqual(['local-second', 'local-first']);
      // The holder still answers from the store itself.
      expect((await listRuns({ ...clients, table: LOCAL_TABLE, label: 'holder', local: true, close: async () => {} }, 5)).length).toBe(2);
    } finally {
      clients.s3.destroy();
      clients.dynamo.destroy();
      await holder.close();
    }
  });

  it('says there is no store rather than creating an empty one', async () => {
    const missing = join(await mkdtemp(join(tmpdir(), 'finwiz-none-')), 'nothing');
    const run = await invoke(runsCommand(), ['--local', '--store', missing]);
    expect(run.error).toEqual(new CliError(`There is no local store at ${missing}: run \`finwiz run\` first, or pass --store with its directory.`, EXIT_FAILURE));
  });
});

describe('finwiz show --local', () => {
  it('prints the run and copies the same report the run wrote', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'finwiz-show-local-')), 'local-second');
    const run = await invoke(showCommand({ openFile: () => false }), ['local-second', '--local', '--store', storeDir, '--out', out]);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('Run local-second completed in sequential mode');
    expect(run.stdout).toContain('Tickers: 3 total, 2 analysed, 1 failed.');
    expect(run.stdout).toContain(`Files in ${out}: batch_prefetch_metrics.json, report.html, report.json, report.md`);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf-8')) as { session_id: string; failures: Array<{ ticker: string }> };
    expect(report.session_id).toBe('local-second');
    expect(report.failures.map((failure) => failure.ticker)).toEqual(['KO']);
  });

  it('a session the store does not have is one sentence that points to `finwiz runs --local`', async () => {
    const run = await invoke(showCommand(), ['never-ran', '--local', '--store', storeDir]);
    expect((run.error as CliError).message).toBe(
      `There is no finished run never-ran in the local store ${storeDir}: \`finwiz runs --local\` lists the runs (a run is listed once it has finished).`,
    );
  });
});
