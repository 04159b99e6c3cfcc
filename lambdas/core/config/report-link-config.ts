
import { loadSettings, type Environment } from './load-settings.js';

export { REPORT_LINK_MAX_SECONDS } from './settings-registry.js';

/** Seconds the link stays valid; 0 means no link. Throws InvalidConfigurationError naming the value. */
export const reportLinkExpirySeconds = (env: Environment): number => loadSettings(env).REPORT_LINK_EXPIRY_SECONDS;
