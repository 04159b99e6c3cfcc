// Portfolios of the benchmark: the 66-holding example, and universes of 1,000 and 5,000 tickers
// (the example's 66 and then synthetic symbols, U0000, U0001, ..., which the simulator answers
// as deterministic US stocks).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const EXAMPLE_PORTFOLIO = 'examples/portfolio.csv';

export async function universePortfolio(size: number, dir: string): Promise<string> {
  const example = (await readFile(EXAMPLE_PORTFOLIO, 'utf-8')).trim().split(/\r?\n/);
  const [header, ...rows] = example;
  if (size <= rows.length) return EXAMPLE_PORTFOLIO;
  const synthetic = Array.from({ length: size - rows.length }, (_, i) => `U${String(i).padStart(4, '0')},10,50.00,USD,Synthetic ${i}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `universe-${size}.csv`);
  await writeFile(path, [header, ...rows, ...synthetic].join('\n') + '\n');
  return path;
}

/** The tickers of a portfolio CSV (first column). */
export async function portfolioTickers(path: string): Promise<string[]> {
  const lines = (await readFile(path, 'utf-8')).trim().split(/\r?\n/).slice(1);
  return lines.map((line) => line.split(',')[0]!.trim().toUpperCase());
}
