// MAX_POSITION_WEIGHT: the largest weight a holding may carry before the report advises "trim"
// beside its recommendation. A number in (0, 1], default 0.10.
import { envVariable, parseEnv } from './env-variables.js';
import { z } from 'zod';

export const DEFAULT_MAX_POSITION_WEIGHT = 0.1;
const NAME = 'MAX_POSITION_WEIGHT';

const schema = z.object({
  [NAME]: envVariable(NAME, DEFAULT_MAX_POSITION_WEIGHT, 'a number in (0, 1]', (raw) => {
    const value = Number(raw.trim());
    return Number.isFinite(value) && value > 0 && value <= 1 ? value : undefined;
  }),
});

export const maxPositionWeight = (env: Record<string, string | undefined>): number => parseEnv(schema, [NAME], env)[NAME];

/** "trim" when the holding's weight exceeds the limit. */
export const positionAdvice = (weight: number, limit: number): 'trim' | null => (weight > limit ? 'trim' : null);
