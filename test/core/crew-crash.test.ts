import { describe, expect, it } from 'vitest';
import { crewCrashReason } from '../../lambdas/core/analysis/crew-crash.js';

describe('crewCrashReason', () => {
  it("reads a Lambda error's message from the JSON Cause", () => {
    const Cause = JSON.stringify({ errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'close')", trace: ['at x'] });
    expect(crewCrashReason({ Error: 'TypeError', Cause })).toBe("crew crashed: TypeError: Cannot read properties of undefined (reading 'close')");
  });

  it('says "timed out" for the timeouts, with their message', () => {
    const Cause = JSON.stringify({ errorMessage: '2026-12-07T10:00:00Z abc Task timed out after 120.00 seconds' });
    expect(crewCrashReason({ Error: 'Sandbox.Timedout', Cause })).toBe('crew timed out: Sandbox.Timedout: 2026-12-07T10:00:00Z abc Task timed out after 120.00 seconds');
    expect(crewCrashReason({ Error: 'States.Timeout' })).toBe('crew timed out: States.Timeout');
  });

  it('takes a plain-text Cause as it is, and names an error with neither field', () => {
    expect(crewCrashReason({ Error: 'Error', Cause: 'boom' })).toBe('crew crashed: Error: boom');
    expect(crewCrashReason({})).toBe('crew crashed: unknown error');
    expect(crewCrashReason({ Error: 'Error', Cause: 'Error' })).toBe('crew crashed: Error');
  });

  it('never shows a URL (it may carry a crumb), and keeps the line short', () => {
    const reason = crewCrashReason({ Error: 'HTTPError', Cause: `Failed https://query2.finance.yahoo.com/v10/x?crumb=SECRET ${'x'.repeat(500)}` });
    expect(reason).not.toContain('SECRET');
    expect(reason).toContain('<url>');
    expect(reason.length).toBeLessThan(300);
  });
});
