// A Yahoo request answered with a non-OK status, raised by our fetch wrapper where the answer is
// seen, with its status as a structured field (`code`, as yahoo-finance2's HTTPError has it, so
// the classification in yahoo-errors.ts reads the status, never the message text).
import { FinwizError } from '../../core/errors.js';

export class YahooHttpError extends FinwizError {
  override readonly name = 'HTTPError';
  readonly kind = 'http' as const;

  constructor(
    readonly code: number,
    body: string,
  ) {
    super(`HTTP ${code}${body ? `: ${body}` : ''}`);
  }
}
