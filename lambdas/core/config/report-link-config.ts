// REPORT_LINK_EXPIRY_SECONDS: how long the presigned link to report.html that Consolidate
// returns stays valid. 0 (the default) returns no link. SigV4 caps a presigned URL at 7 days;
// a URL signed with a Lambda role's temporary credentials also ends when they do (hours).
import { z } from 'zod';
import { envVariable, integerIn, parseEnv } from './env-variables.js';

export const REPORT_LINK_MAX_SECONDS = 7 * 24 * 3600;
const NAME = 'REPORT_LINK_EXPIRY_SECONDS';

const schema = z.object({
  [NAME]: envVariable(NAME, 0, `must be an integer from 0 (no link) to ${REPORT_LINK_MAX_SECONDS} (7 days)`, integerIn(0, REPORT_LINK_MAX_SECONDS)),
});

/** Seconds the link stays valid; 0 means no link. Throws InvalidConfigurationError naming the value. */
export function reportLinkExpirySeconds(env: Record<string, string | undefined>): number {
  return parseEnv(schema, [NAME], env)[NAME];
}
