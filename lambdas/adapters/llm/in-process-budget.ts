// The narrative budget's ledger in this process: enough when every crew of the run shares the
// process (the local engine runs them all in one). Keyed by session, so runs never share a total.
import { fitsBudget, toMicroUsd, type NarrativeBudget } from '../../core/analysis/narrative-budget.js';

const ledgers = new Map<string, NarrativeBudget>();

export function inProcessBudget(capUsd: number): NarrativeBudget {
  const capMicro = toMicroUsd(capUsd);
  let spentMicro = 0;
  return {
    capUsd,
    // No await between the check and the addition: concurrent crews cannot both pass the check.
    async reserve(usd) {
      const micro = toMicroUsd(usd);
      if (!fitsBudget(spentMicro, micro, capMicro)) return false;
      spentMicro += micro;
      return true;
    },
    async settle(reservedUsd, actualUsd) {
      if (actualUsd === null) return;
      spentMicro += toMicroUsd(actualUsd) - toMicroUsd(reservedUsd);
    },
  };
}

/** The one in-process ledger of a session. */
export function sessionBudget(sessionId: string, capUsd: number): NarrativeBudget {
  const key = `${sessionId}|${capUsd}`;
  let ledger = ledgers.get(key);
  if (!ledger) ledgers.set(key, (ledger = inProcessBudget(capUsd)));
  return ledger;
}
