// `npm run bench [-- --quick] [-- --runs N] [-- --runs-5000 N]`: the speed claims, measured side by
// side on this machine against the simulator (100 ms per answer, 429 past 10 requests a second).
// The whole runs are the `finwiz run` command itself (whole-run.ts).
// Prints the table and writes bench/results/latest.json.
import { cpus, totalmem } from 'node:os';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { bundleIsFresh } from '../bin/bundle-freshness.mjs';
import { bundleCli } from '../build/bundle.js';
import { definitionCacheDir, definitionKey } from '../local/definition-cache.js';
import { PROJECT_ROOT } from '../local/project-root.js';
import { LOCAL_BUCKET } from '../local/local-run.js';
import { CLIENT_RPS, LATENCY_MS, RATE_LIMIT_RPS, startBenchSimulator } from './bench-setup.js';
import { PREFETCH_ROUNDS, prefetchFloorSeconds, round, spread, type Spread } from './figures.js';
import { naiveFetch } from './naive-baseline.js';
import { benchPortfolioRisk } from './portfolio-risk-bench.js';
import { portfolioTickers, universePortfolio } from './universe.js';
import { wholeRun, type RunMeasurement } from './whole-run.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    'runs-5000': { type: 'string' },
    /** Only the whole runs of these sizes (e.g. `--only 1000`), without the 66-ticker parts. */
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const runs = Math.max(1, Number(flags.runs));
const runs5000 = Math.max(1, Number(flags['runs-5000'] ?? runs));
const only = flags.only ? flags.only.split(',').map(Number) : null;

type Figures = Record<string, number>;
/** Median of each figure over the runs, with each figure's min and max beside it. */
function summarise(samples: Figures[]): { medians: Figures; spreadOf: Record<string, Spread> } {
  const keys = Object.keys(samples[0] ?? {});
  const spreadOf = Object.fromEntries(keys.map((key) => [key, spread(samples.map((s) => s[key]!))]));
  const medians = Object.fromEntries(keys.map((key) => [key, round(spreadOf[key]!.median, 3)]));
  return { medians, spreadOf };
}

/** The parts of latest.json; a part this invocation did not measure keeps its earlier figures. */
const PARTS = ['prefetch66', 'naive66', 'run66', 'risk5000', 'run1000', 'run5000'] as const;

async function previousResults(): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(flags.out!, 'utf-8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function save(results: Record<string, unknown>): Promise<void> {
  await mkdir(join(flags.out!, '..'), { recursive: true });
  // `--quick` or `--only` must not drop the slow parts measured before: they are carried over,
  // each saying when and by which command it was measured.
  const previous = await previousResults();
  const carried: Record<string, unknown> = {};
  for (const part of PARTS) {
    const earlier = previous?.[part];
    if (part in results || typeof earlier !== 'object' || earlier === null) continue;
    const from = (earlier as { measured?: unknown }).measured ?? { measured_at: previous?.measured_at, command: previous?.command };
    carried[part] = { ...earlier, measured: from };
  }
  await writeFile(flags.out!, `${JSON.stringify({ ...results, ...carried }, null, 2)}\n`);
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'finwiz-bench-'));
  const simulator = await startBenchSimulator();
  const results: Record<string, unknown> = {
    measured_at: new Date().toISOString(),
    command: `npm run bench${flags.quick ? ' -- --quick' : ''}`,
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      memory_gb: round(totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      note: 'shared machine: other processes were loading the same cores during the measurement',
    },
    conditions: {
      simulator_latency_ms: LATENCY_MS,
      simulator_rate_limit_rps: RATE_LIMIT_RPS,
      client_requests_per_second: CLIENT_RPS,
      runs,
    },
  };
  let outs = 0;
  /** Every run in an output directory (and so a store) of its own: a first run, like a user's first. */
  const freshOut = () => join(work, `out-${++outs}`);
  const table: string[][] = [];
  const fmt = (s: Spread, digits = 2) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  try {
    // The runs measure the command a user runs: the bundle, built now if the sources are newer.
    if (!bundleIsFresh(PROJECT_ROOT)) {
      log('building the finwiz bundle (npm run build)');
      await bundleCli();
    }
    // Warm the definition cache so that no measured run pays for the CDK synth (reported apart).
    const example = await universePortfolio(66, work);
    const tickers66 = await portfolioTickers(example);
    if (!existsSync(join(definitionCacheDir(), `definition-${definitionKey(LOCAL_BUCKET)}.json`))) {
      log('warm-up run (synthesizes the definition once; not measured)');
      const warm = await wholeRun(example, simulator, freshOut());
      results.definition_synth = { cached: false, warm_up_run_wall_s: round(warm.wall_s, 2) };
    } else {
      results.definition_synth = { cached: true };
    }

    const runFigures = (samples: RunMeasurement[], count: number) => {
      const s = summarise(
        samples.map((r) => ({
          wall_s: r.wall_s,
          prefetch_s: r.prefetch_s,
          analysis_s: r.analysis_s,
          consolidate_s: r.consolidate_s,
          setup_s: r.setup_s,
          peak_rss_mb: r.peak_rss_mb,
          failed: r.failed,
          requests_per_ticker: r.sim.requests / count,
          http_429: r.sim.http429,
        })),
      );
      const m = s.medians as Record<'wall_s' | 'prefetch_s' | 'analysis_s' | 'consolidate_s' | 'setup_s' | 'peak_rss_mb' | 'failed', number>;
      return {
        ...m,
        analysis_and_consolidation_share_of_prefetch: round((s.medians.analysis_s! + s.medians.consolidate_s!) / s.medians.prefetch_s!, 3),
        runs: samples.length,
        spread: s.spreadOf,
        estimated_cost_usd: samples.at(-1)?.estimated_cost_usd ?? null,
      };
    };
    // A second run over the first one's store: its requests, its prefetch, and the run beyond it.
    const rerunFigures = (samples: RunMeasurement[]) => {
      const s = summarise(
        samples.map((r) => ({
          wall_s: r.wall_s,
          prefetch_s: r.prefetch_s,
          beyond_prefetch_s: r.wall_s - r.prefetch_s,
          requests: r.sim.requests,
          http_429: r.sim.http429,
          peak_rss_mb: r.peak_rss_mb,
          failed: r.failed,
        })),
      );
      const m = s.medians as Record<'wall_s' | 'prefetch_s' | 'beyond_prefetch_s' | 'requests' | 'http_429' | 'peak_rss_mb' | 'failed', number>;
      return { ...m, runs: samples.length, spread: s.spreadOf, by_endpoint: samples.at(-1)?.sim.byEndpoint ?? null };
    };
    const rerunRow = (name: string, r: ReturnType<typeof rerunFigures>) => [
      name,
      `wall ${fmt(r.spread.wall_s!)} s; prefetch ${fmt(r.spread.prefetch_s!)} s; ${r.requests} requests (${r.http_429} x 429); beyond the prefetch ${r.beyond_prefetch_s!.toFixed(2)} s; peak RSS ${fmt(r.spread.peak_rss_mb!, 0)} MB; ${r.failed} failed; runs ${r.runs}`,
    ];
    const runRow = (name: string, r: ReturnType<typeof runFigures>) => [
      name,
      `wall ${fmt(r.spread.wall_s!)} s = prefetch ${r.prefetch_s!.toFixed(2)} + analysis ${r.analysis_s!.toFixed(2)} + consolidation ${r.consolidate_s!.toFixed(2)} + setup ${r.setup_s!.toFixed(2)}; peak RSS ${fmt(r.spread.peak_rss_mb!, 0)} MB; ${r.failed} failed; runs ${r.runs}`,
    ];
    if (!only) {
    // 1 and 3: the whole run of 66; its Prefetch handler is part 1 (all Yahoo requests of a batch run are the prefetch's).
    const run66: RunMeasurement[] = [];
    const rerun66: RunMeasurement[] = [];
    for (let i = 0; i < runs; i++) {
      log(`run66 ${i + 1}/${runs}`);
      const out = freshOut();
      run66.push(await wholeRun(example, simulator, out));
      // The same portfolio again over the same store: prices fresh, slow data reused.
      log(`rerun66 ${i + 1}/${runs}`);
      rerun66.push(await wholeRun(example, simulator, out));
    }
    const prefetchSamples = run66.map((r) => {
      const requests = r.sim.requests - r.sim.http429;
      const floor = prefetchFloorSeconds(requests, RATE_LIMIT_RPS, LATENCY_MS, PREFETCH_ROUNDS);
      return { wall_s: r.prefetch_s, floor_s: floor, ratio: r.prefetch_s / floor, requests_per_ticker: r.sim.requests / 66, http_429: r.sim.http429 };
    });
    const prefetch66 = summarise(prefetchSamples);
    results.prefetch66 = { ...prefetch66.medians, runs, spread: prefetch66.spreadOf, by_endpoint: run66.at(-1)!.sim.byEndpoint };

    // 2: the naive baseline on the same simulator.
    const naiveSamples: Figures[] = [];
    for (let i = 0; i < runs; i++) {
      log(`naive66 ${i + 1}/${runs}`);
      simulator.resetStats();
      const naive = await naiveFetch(tickers66, simulator.url);
      naiveSamples.push({ wall_s: naive.wallSeconds, failed: naive.failed, http_429: simulator.stats().http429 });
    }
    const naive66 = summarise(naiveSamples);
    results.naive66 = { ...naive66.medians, speedup: round(naive66.medians.wall_s! / prefetch66.medians.wall_s!, 2), runs, spread: naive66.spreadOf };

    results.run66 = runFigures(run66, 66);
    results.rerun66 = rerunFigures(rerun66);
    await save(results);
    table.push(['Prefetch, 66 tickers', `wall ${fmt(prefetch66.spreadOf.wall_s!)} s; floor ${prefetch66.medians.floor_s!.toFixed(2)} s; ratio ${fmt(prefetch66.spreadOf.ratio!)}; ${prefetch66.medians.requests_per_ticker!.toFixed(2)} requests/ticker; ${prefetch66.medians.http_429} x 429`]);
    table.push(['Naive baseline, 66', `wall ${fmt(naive66.spreadOf.wall_s!)} s; ${naive66.medians.failed} failed; speed-up of the prefetch ${(results.naive66 as Figures).speedup}x`]);
    table.push(runRow('Whole run, 66', results.run66 as ReturnType<typeof runFigures>));
    table.push(rerunRow('Second run, 66', results.rerun66 as ReturnType<typeof rerunFigures>));
    }

    if (!only) {
      // Consolidate's portfolio risk of 5,000 holdings: the figures and the report's risk section.
      log('risk5000');
      const risk = benchPortfolioRisk(await portfolioTickers(await universePortfolio(5000, work)));
      results.risk5000 = risk;
      await save(results);
      table.push(['Portfolio risk, 5000', `figures ${risk.risk_s.toFixed(2)} s + report section ${risk.render_s.toFixed(2)} s over ${risk.observations} days; heap +${risk.heap_growth_mb} MB; HTML ${risk.html_kb} KB`]);
    }

    if (!flags.quick) {
      // The longest first, so that a bench cut short still has it; latest.json is written after every part.
      for (const [size, count] of [
        [5000, runs5000],
        [1000, runs],
      ] as const) {
        if (only && !only.includes(size)) continue;
        const portfolio = await universePortfolio(size, work);
        const samples: RunMeasurement[] = [];
        const reruns: RunMeasurement[] = [];
        for (let i = 0; i < count; i++) {
          log(`run${size} ${i + 1}/${count}`);
          const out = freshOut();
          samples.push(await wholeRun(portfolio, simulator, out));
          log(`rerun${size} ${i + 1}/${count}`);
          reruns.push(await wholeRun(portfolio, simulator, out));
          await rm(out, { recursive: true, force: true });
        }
        results[`run${size}`] = runFigures(samples, size);
        results[`rerun${size}`] = rerunFigures(reruns);
        table.push(runRow(`Whole run, ${size}`, results[`run${size}`] as ReturnType<typeof runFigures>));
        table.push(rerunRow(`Second run, ${size}`, results[`rerun${size}`] as ReturnType<typeof rerunFigures>));
        await save(results);
      }
    }
  } finally {
    await simulator.close();
    await rm(work, { recursive: true, force: true });
  }
  await save(results);
  process.stdout.write(`\nFinWiz benchmark, ${results.measured_at as string} (median (min–max) of ${runs} runs; simulator ${LATENCY_MS} ms, ${RATE_LIMIT_RPS} rps)\n`);
  for (const [name, text] of table) process.stdout.write(`  ${name!.padEnd(22)} ${text}\n`);
  process.stdout.write(`Written to ${flags.out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
