// Local runs that share a store, as a user starts them: two runs at once (wait, --no-wait), a
// lock left by a dead run, readers of a store in use, Ctrl-C and SIGTERM, a damaged store,
// and prune. Every command is `finwiz` in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { finwiz, FINWIZ_BIN, type Outcome } from '../support/spawn-cli.js';

// The loopback simulator needs neither pacing nor retries.
const ENV = { YAHOO_REQUESTS_PER_SECOND: '100', YAHOO_MAX_RETRIES: '0' };
/** Per-answer delay that keeps a 12-ticker run going long enough to be overlapped or stopped. */
const SLOW = ['--sim-latency-ms', '400'];

let portfolio: string;
beforeAll(async () => {
  portfolio = join(await mkdtemp(join(tmpdir(), 'finwiz-shared-')), 'four.csv');
  await writeFile(portfolio, 'ticker,shares\nAAPL,2\nKO,5\nMSFT,1\nJNJ,3\n');
});

interface Started {
  child: ChildProcess;
  stderr(): string;
  done: Promise<Outcome & { signal: NodeJS.Signals | null }>;
}

function start(args: string[]): Started {
  const child = spawn(process.execPath, [FINWIZ_BIN, ...args], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Outcome & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stderr: () => stderr, done };
}

/** Poll until `ready` holds (a synchronisation point, not a timed assertion). */
async function until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

const newOut = () => mkdtemp(join(tmpdir(), 'finwiz-shared-out-'));
const run = (out: string, session: string, extra: string[] = [], quiet = true) => [
  'run',
  '--portfolio',
  portfolio,
  '--source',
  'sim',
  '--out',
  out,
  '--session-id',
  session,
  ...(quiet ? ['--quiet'] : []),
  ...extra,
];
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Node\.js v\d/);

describe('two runs on one store', () => {
  it('a second run waits for the first, saying once who holds the store; --no-wait refuses in one sentence', async () => {
    const out = await newOut();
    const store = join(out, '.store');
    const first = start(run(out, 'holder-run', SLOW));
    await until(() => existsSync(join(store, 'finwiz.lock')), 'the first run holds the store');

    const refused = await finwiz(run(out, 'refused-run', ['--no-wait']), ENV);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^finwiz: The local store ${store} is in use by run holder-run \\(pid ${first.child.pid} on ${hostname()}\\) since \\d{4}-\\d\\d-\\d\\dT[^ ]+Z; run without --no-wait to wait for it\\.$`)),
    ]);

    const waiting = await finwiz(run(out, 'waiting-run'), ENV);
    const holder = await first.done;
    expect(holder.code).toBe(0);
    expect(waiting.code).toBe(0);
    expect(waiting.stderr.match(/is in use by run holder-run/g)).toHaveLength(1);
    expect(waiting.stderr).toContain('waiting for it to finish');
    noStack(waiting.stderr);
    // Both completed on the store, one after the other, and nothing was left holding it.
    expect(existsSync(join(out, 'holder-run', 'report.json'))).toBe(true);
    expect(existsSync(join(out, 'waiting-run', 'report.json'))).toBe(true);
    expect(existsSync(join(store, 'finwiz.lock'))).toBe(false);
    const runs = await finwiz(['runs', '--local', '--store', store, '--json'], ENV);
    expect((JSON.parse(runs.stdout) as Array<{ sessionId: string }>).map((r) => r.sessionId)).toEqual(['waiting-run', 'holder-run']);
  });

  it('takes over, with a warning, a lock left by a run that no longer exists', async () => {
    const out = await newOut();
    const store = join(out, '.store');
    const gone = await spawnedPidThatExited();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(store, { recursive: true });
    await writeFile(
      join(store, 'finwiz.lock'),
      JSON.stringify({ pid: gone, host: hostname(), bootId: null, sessionId: 'killed-run', since: '2026-01-02T03:04:05.000Z' }),
    );
    const taken = await finwiz(run(out, 'after-kill', ['--no-wait']), ENV);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain(`finwiz: warning: taking over the local store ${store} from run killed-run (pid ${gone} on ${hostname()}) since 2026-01-02T03:04:05.000Z, which is no longer running.`);
    expect(existsSync(join(out, 'after-kill', 'report.json'))).toBe(true);
    expect(existsSync(join(store, 'finwiz.lock'))).toBe(false);
  });

  it('runs, show and history --local read a store in use without breaking the run that holds it', async () => {
    const out = await newOut();
    const store = join(out, '.store');
    expect((await finwiz(run(out, 'earlier-run'), ENV)).code).toBe(0);
    const holder = start(run(out, 'busy-run', ['--sim-latency-ms', '1500']));
    await until(() => holder.stderr().includes('SIMULATED') || existsSync(join(store, 's3', 'finwiz-local', 'runs', 'busy-run')), 'the run writes');

    const runs = await finwiz(['runs', '--local', '--store', store, '--json'], ENV);
    expect(runs.code).toBe(0);
    expect((JSON.parse(runs.stdout) as Array<{ sessionId: string }>).map((r) => r.sessionId)).toContain('earlier-run');
    const history = await finwiz(['history', 'AAPL', '--local', '--store', store, '--json'], ENV);
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as Array<{ session_id: string }>).map((point) => point.session_id)).toContain('earlier-run');
    const shown = await finwiz(['show', 'earlier-run', '--local', '--store', store, '--out', join(out, 'shown')], ENV);
    expect(shown.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'shown', 'report.json'), 'utf-8'))).toMatchObject({ session_id: 'earlier-run' });
    // All three read while the run held the store.
    expect(existsSync(join(store, 'finwiz.lock'))).toBe(true);

    const finished = await holder.done;
    expect(finished.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'busy-run', 'report.json'), 'utf-8'))).toMatchObject({ session_id: 'busy-run' });
    const after = await finwiz(['runs', '--local', '--store', store, '--json'], ENV);
    expect((JSON.parse(after.stdout) as Array<{ sessionId: string }>).map((r) => r.sessionId)).toEqual(['busy-run', 'earlier-run']);
  });
});

/** The pid of a process that has exited (its number is then free). */
async function spawnedPidThatExited(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

describe('Ctrl-C and SIGTERM', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} stops the run, says so with the session and the tickers done, exits ${code}; a rerun says it starts over`, async () => {
      const out = await newOut();
      const store = join(out, '.store');
      const session = `stopped-${signal.toLowerCase()}`;
      const running = start(run(out, session, SLOW, false));
      await until(() => running.stderr().includes('Processing'), 'the run analyses its first ticker');
      running.child.kill(signal);
      const stopped = await running.done;
      expect(stopped.code).toBe(code);
      const last = stopped.stderr.trim().split('\n').at(-1);
      expect(last).toMatch(new RegExp(`^finwiz: Run ${session} interrupted \\(${signal}\\): \\d of 4 tickers prefetched, \\d of 4 analysed; \`finwiz run\` with --session-id ${session} starts it over\\.$`));
      noStack(stopped.stderr);
      // The servers are stopped and the store is free again.
      expect(existsSync(join(store, 'finwiz.lock'))).toBe(false);
      expect(existsSync(join(out, session, 'report.json'))).toBe(false);

      const rerun = await finwiz(run(out, session, ['--no-wait']), ENV);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toMatch(new RegExp(`finwiz: run ${session} was interrupted at [^ ]+ \\(\\d of 4 tickers prefetched, \\d analysed\\): starting it over`));
      expect(JSON.parse(await readFile(join(out, session, 'report.json'), 'utf-8'))).toMatchObject({ session_id: session });
      // Said once: a later run of the same session is an ordinary rerun.
      const again = await finwiz(run(out, session), ENV);
      expect(again.stderr).not.toContain('was interrupted');
    });
  }
});

describe('a damaged store', () => {
  it('a truncated table file is one sentence naming the path and what to do, exit 1; nothing is deleted', async () => {
    const out = await newOut();
    const store = join(out, '.store');
    expect((await finwiz(run(out, 'before-damage'), ENV)).code).toBe(0);
    const table = join(store, 'dynamodb');
    await writeFile(join(table, 'CURRENT'), 'MANIFEST-0000'); // cut short: no newline
    const files = await listAll(store);

    for (const args of [run(out, 'after-damage'), ['runs', '--local', '--store', store], ['history', 'AAPL', '--local', '--store', store]]) {
      const outcome = await finwiz(args, ENV);
      expect(outcome.code).toBe(1);
      expect(outcome.stderr.trim().split('\n')).toEqual([
        `finwiz: The local store is damaged: ${table} cannot be opened as the store's table (Corruption: CURRENT file does not end with newline); move ${table} aside (or delete it) to start that part afresh, or point --store at another directory. Nothing in the store was changed.`,
      ]);
    }
    // Every file is still there (LevelDB rotates its own info log, LOG, on each open).
    expect(await listAll(store)).toEqual(expect.arrayContaining(files));
    expect(await readFile(join(table, 'CURRENT'), 'utf-8')).toBe('MANIFEST-0000');
  });

  it('a foreign file where the store keeps its table is one sentence, exit 1', async () => {
    const out = await newOut();
    const store = join(out, '.store');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(store, { recursive: true });
    await writeFile(join(store, 'dynamodb'), 'not a table\n');
    const outcome = await finwiz(run(out, 'foreign'), ENV);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim()).toBe(
      `finwiz: The local store is damaged: ${join(store, 'dynamodb')} is a file where the store keeps a directory; move ${join(store, 'dynamodb')} aside (or delete it) to start that part afresh, or point --store at another directory. Nothing in the store was changed.`,
    );
    expect(await readFile(join(store, 'dynamodb'), 'utf-8')).toBe('not a table\n');
  });
});

describe('finwiz prune --local', () => {
  it("removes runs' prefetch data older than --keep-days, prints the space freed, keeps reports, results and history", async () => {
    const out = await newOut();
    const store = join(out, '.store');
    // Batch mode from one holding: only batch mode prefetches.
    expect((await finwiz(run(out, 'old-run'), { ...ENV, BATCH_PREFETCH_MIN_HOLDINGS: '1' })).code).toBe(0);
    const runDir = join(store, 's3', 'finwiz-local', 'runs', 'old-run');
    const prefetchBytes = await objectBytes(join(runDir, 'prefetch'));
    expect(prefetchBytes).toBeGreaterThan(0);

    const kept = await finwiz(['prune', '--local', '--store', store, '--keep-days', '30'], ENV);
    expect(kept.stdout.trim()).toBe(`Nothing to prune in ${store}: no prefetch data older than 30 days.`);
    expect(await objectBytes(join(runDir, 'prefetch'))).toBe(prefetchBytes);

    const pruned = await finwiz(['prune', '--local', '--store', store, '--keep-days', '0', '--json'], ENV);
    expect(pruned.code).toBe(0);
    expect(JSON.parse(pruned.stdout)).toEqual({ store, keepDays: 0, objects: 4, runs: 1, bytes: prefetchBytes });
    expect(await objectBytes(join(runDir, 'prefetch'))).toBe(0);
    expect(existsSync(join(runDir, 'report.json._S3rver_object'))).toBe(true);
    expect((await readdir(join(runDir, 'results'))).filter((name) => name.endsWith('._S3rver_object'))).toHaveLength(4);
    const history = await finwiz(['history', 'KO', '--local', '--store', store, '--json'], ENV);
    expect(JSON.parse(history.stdout)).toHaveLength(1);
    const text = await finwiz(['prune', '--local', '--store', store, '--keep-days', '0'], ENV);
    expect(text.stdout.trim()).toBe(`Nothing to prune in ${store}: no prefetch data older than 0 days.`);
  });

  it('needs --local, and names a missing store', async () => {
    expect((await finwiz(['prune'])).stderr.trim()).toBe('finwiz: prune works on the local store only: add --local.');
    const missing = join(await newOut(), 'none');
    const outcome = await finwiz(['prune', '--local', '--store', missing]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim()).toBe(`finwiz: There is no local store at ${missing}: run \`finwiz run\` first, or pass --store with its directory.`);
  });
});

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** The bytes of s3rver's object files under `dir` (0 when there are none). */
async function objectBytes(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  const { stat } = await import('node:fs/promises');
  let total = 0;
  for (const name of await readdir(dir)) if (name.endsWith('._S3rver_object')) total += (await stat(join(dir, name))).size;
  return total;
}
