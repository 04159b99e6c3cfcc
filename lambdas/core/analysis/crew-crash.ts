// A Crew that crashed or timed out: the state machine catches its error and asks the Crew again,
// with the error, to write the ticker's failed result; the report then names what happened
// instead of a bare "no result". The error comes as Step Functions gives it: `Error` (the
// Lambda's errorType, `Sandbox.Timedout`, `States.Timeout`, ...) and `Cause` (for a Lambda
// error, a JSON string of errorType, errorMessage and trace).
import { z } from 'zod';

export const crewCrashSchema = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
export type CrewCrash = z.infer<typeof crewCrashSchema>;

const TIMEOUTS = new Set(['States.Timeout', 'Sandbox.Timedout', 'States.HeartbeatTimeout']);
const MAX_MESSAGE = 240;

/** The Cause's message: errorMessage of a Lambda error's JSON, else the text itself. */
function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { errorMessage?: unknown }).errorMessage === 'string') {
      return (parsed as { errorMessage: string }).errorMessage;
    }
  } catch {
    // not JSON: the text is the message
  }
  return cause;
}

/** One line for the report: what the crash was, no URL (a request URL may carry a crumb). */
export function crewCrashReason(crash: CrewCrash): string {
  const name = crash.Error?.trim() || 'unknown error';
  const message = causeMessage(crash.Cause)
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/\s+/g, ' ')
    .trim();
  const shortened = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  const what = TIMEOUTS.has(name) ? 'crew timed out' : 'crew crashed';
  return shortened && shortened !== name ? `${what}: ${name}: ${shortened}` : `${what}: ${name}`;
}
