// The moves a simulated market shares: one market factor a day, and one a day per sector, so
// that holdings move together as on a real market (an S&P 500 stock correlates about 0.3-0.6
// with the index; stocks of one sector more with each other). Without them every path is
// independent and a 66-holding portfolio shows a volatility of a few percent and a beta near 0.
// A listing's daily shock is `market * m + sector * s + idiosyncratic * e` with unit variance, so
// its volatility stays its own and its beta against the market is `market * sigma / MARKET_SIGMA`.
import { createRng, Draw, hash32, round } from './random.js';

/** Annual volatility of the market factor: a broad index's (SPY's long-run figure, about 16%). */
export const MARKET_SIGMA = 0.16;

export interface FactorExposure {
  /** Loading on the market factor, -1..1. */
  market: number;
  /** Loading on the sector's factor, 0..1. */
  sector: number;
  /** The sector whose factor applies ('' for none). */
  sectorKey: string;
  /** Which market: one set of factors per seed. */
  world: string;
}

const shocks = new Map<string, number>();

/** The factor's standard normal shock on day `day` (days since the epoch): the same for every listing. */
export function factorShock(world: string, factor: string, day: number): number {
  const key = `${world}|${factor}|${day}`;
  let shock = shocks.get(key);
  if (shock === undefined) {
    if (shocks.size > 200_000) shocks.clear(); // a bound for long-running simulators
    shock = new Draw(createRng(hash32(`factor|${key}`))).normal();
    shocks.set(key, shock);
  }
  return shock;
}

/** The combined unit-variance shock of a listing on `day`, from its own draw `own`. */
export function combinedShock(exposure: FactorExposure, own: number, day: number): number {
  const { market, sector } = exposure;
  const idiosyncratic = Math.sqrt(Math.max(0, 1 - market * market - sector * sector));
  const sectorShock = sector > 0 && exposure.sectorKey ? factorShock(exposure.world, `sector:${exposure.sectorKey}`, day) : 0;
  return market * factorShock(exposure.world, 'market', day) + sector * sectorShock + idiosyncratic * own;
}

/** Typical betas of a sector's stocks against the market. */
const SECTOR_BETAS: Record<string, readonly [number, number]> = {
  Technology: [1, 1.5],
  'Communication Services': [0.8, 1.3],
  'Consumer Cyclical': [0.9, 1.4],
  'Consumer Defensive': [0.4, 0.8],
  'Financial Services': [0.8, 1.3],
  Healthcare: [0.6, 1],
  Industrials: [0.8, 1.2],
  Energy: [0.7, 1.2],
  Utilities: [0.35, 0.7],
  'Basic Materials': [0.8, 1.2],
  'Real Estate': [0.6, 1.1],
};

/** A stock's exposure, and the beta it implies: drawn from its own stream so that the other
 * figures drawn for the symbol do not move. A foreign listing loads less on the (US) market. */
export function stockExposure(symbol: string, seed: number, sector: string, sigma: number, foreign: boolean): { exposure: FactorExposure; beta: number } {
  const d = new Draw(createRng(hash32(`exposure|${symbol}|${seed}`)));
  const [lo, hi] = SECTOR_BETAS[sector] ?? [0.7, 1.3];
  const targetBeta = d.uniform(lo, hi) * (foreign ? 0.7 : 1);
  // The market share of the variance stays below 0.6 (a correlation of at most about 0.77).
  const market = Math.min(0.77, (targetBeta * MARKET_SIGMA) / sigma);
  const sectorLoading = Math.min(0.45, Math.sqrt(Math.max(0, 0.9 - market * market)));
  return {
    exposure: { market, sector: sectorLoading, sectorKey: sector, world: String(seed) },
    beta: round((market * sigma) / MARKET_SIGMA, 3),
  };
}

/** An ETF's exposure by what it holds: [market loading, sector, typical annual volatility]. A
 * broad US fund is the market itself. */
export const ETF_EXPOSURES: Record<string, readonly [market: number, sector: string, sigma: number]> = {
  SPY: [0.995, '', 0.16], VOO: [0.995, '', 0.16], IVV: [0.995, '', 0.16], VTI: [0.99, '', 0.165], DIA: [0.95, '', 0.155],
  QQQ: [0.9, 'Technology', 0.22], XLK: [0.85, 'Technology', 0.24], XLF: [0.8, 'Financial Services', 0.2], XLE: [0.6, 'Energy', 0.26],
  IWM: [0.85, '', 0.22], ARKK: [0.7, 'Technology', 0.45], VEA: [0.75, '', 0.16], VWO: [0.6, '', 0.18],
  'VWRL.L': [0.85, '', 0.15], 'IWDA.AS': [0.88, '', 0.15], 'ISF.L': [0.6, '', 0.14],
  AGG: [0.05, '', 0.06], BND: [0.05, '', 0.06], TLT: [-0.15, '', 0.15], GLD: [0.05, '', 0.15],
};

/** An ETF's volatility (its table figure, moved up to 5% either way by `jitter` in 0..1, else the drawn one),
 * exposure and implied beta; the rest of a sector fund's common move is its sector's. */
export function etfExposure(symbol: string, seed: number, drawnSigma: number, jitter: number): { sigma: number; exposure: FactorExposure; beta: number } {
  const known = ETF_EXPOSURES[symbol];
  const [market, sectorKey] = known ?? [0.8, ''];
  const sigma = known ? known[2] * (0.95 + 0.1 * jitter) : drawnSigma;
  const sector = sectorKey ? Math.min(0.45, Math.sqrt(Math.max(0, 0.95 - market * market))) : 0;
  return { sigma, exposure: { market, sector, sectorKey, world: String(seed) }, beta: round((market * sigma) / MARKET_SIGMA, 3) };
}
