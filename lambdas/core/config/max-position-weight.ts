// MAX_POSITION_WEIGHT (the registry, settings-registry.ts): the largest weight a holding may
// carry before the report advises "trim" beside its recommendation. A number in (0, 1], default 0.10.
import { loadSettings, type Environment } from './load-settings.js';
import { SETTINGS } from './settings-registry.js';

export const DEFAULT_MAX_POSITION_WEIGHT = SETTINGS.MAX_POSITION_WEIGHT.defaultValue;

export const maxPositionWeight = (env: Environment): number => loadSettings(env).MAX_POSITION_WEIGHT;

/** "trim" when the holding's weight exceeds the limit. */
export const positionAdvice = (weight: number, limit: number): 'trim' | null => (weight > limit ? 'trim' : null);
