// The run's narrative budget as the Crew sees it: the table's atomic counter when the Crew has
// the table (the cloud, and the local engine's dynalite), shared by every concurrent crew; an
// in-process ledger otherwise. None without LLM_BUDGET_USD.
import { tableBudget } from '../adapters/aws/narrative-budget-table.js';
import { sessionBudget } from '../adapters/llm/in-process-budget.js';
import type { NarrativeBudget } from '../core/analysis/narrative-budget.js';
import type { LlmConfig } from '../core/config/llm-config.js';

export function crewBudget(config: LlmConfig, sessionId: string, retentionDays: number): NarrativeBudget | null {
  if (config.budgetUsd === null) return null;
  const table = process.env.TABLE_NAME;
  if (!table) return sessionBudget(sessionId, config.budgetUsd);
  const expiresAt = Math.floor(Date.now() / 1000) + retentionDays * 86_400;
  return tableBudget({ table, sessionId, capUsd: config.budgetUsd, expiresAt });
}
