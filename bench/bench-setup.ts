// The conditions of every benchmark figure: the simulator on 127.0.0.1 answering after a fixed
// 100 ms, and refusing (429) past 10 requests in any one second, the guide's 600 a minute.
import { startYahooSimulator, type YahooSimulator } from '../sim/yahoo-simulator.js';

export const LATENCY_MS = 100;
export const RATE_LIMIT_RPS = 10;
/**
 * What the runs are configured to send: 2% under the server's limit. The client spaces its
 * requests by its own clock and the server counts them in a sliding second by its own; a request
 * that leaves on time but arrives a few milliseconds early would otherwise be the 11th in a second.
 */
export const CLIENT_RPS = 9.8;

export function startBenchSimulator(): Promise<YahooSimulator> {
  return startYahooSimulator({ latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT_RPS });
}

/** The environment of every measured run. */
export const RUN_ENV: Record<string, string> = {
  YAHOO_REQUESTS_PER_SECOND: String(CLIENT_RPS),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
