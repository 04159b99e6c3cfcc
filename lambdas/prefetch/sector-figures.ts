// Collects, as the prefetch stores each ticker, the few figures its sector's median needs
// (sector, P/E, P/B, margins...), and turns them into the run's sector medians at the end.
import { referenceFigures } from '../core/analysis/analysts/fundamental-analyst.js';
import { sectorOf } from '../core/analysis/sector.js';
import { runSectorMedians, type ReferenceMetric, type SectorMedians } from '../core/analysis/sector-references.js';
import type { PrefetchObject } from '../core/prefetch/market-data.js';

export function sectorFigureCollector() {
  const holdings: Array<{ sector: string; figures: Partial<Record<ReferenceMetric, number>> }> = [];
  return {
    add(object: PrefetchObject): void {
      const data = object.yahoo_finance;
      const holding = data ? sectorOf(data) : null;
      if (data && holding) holdings.push({ sector: holding.sector, figures: referenceFigures(data) });
    },
    medians(): SectorMedians {
      return runSectorMedians(holdings);
    },
  };
}
