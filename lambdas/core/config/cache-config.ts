
import { loadSettings, type Environment } from './load-settings.js';

export { MAX_CACHE_TTL_MINUTES } from './settings-registry.js';

/** Minutes; 0 means off. Throws InvalidConfigurationError naming the value and the rule. */
export const prefetchCacheTtlMinutes = (env: Environment): number => loadSettings(env).PREFETCH_CACHE_TTL_MINUTES;
