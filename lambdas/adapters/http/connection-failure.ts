// A request that never reached a server: connection refused, no such host, no route, or a TLS
// handshake that failed. Before a source has answered even once, such a failure says the source
// is unreachable from here (the network, a proxy, a wrong endpoint), and retrying it with
// backoff only delays the verdict; a timeout or a reset connection says nothing of the kind.
import { isUnreachableCode } from '../../core/prefetch/source-unreachable.js';

/** The failure's code (from Node, undici or the TLS layer), searched along the `cause` chain. */
export function connectionFailureCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 4) return null;
  const { code, cause, message } = error as { code?: unknown; cause?: unknown; message?: unknown };
  if (typeof code === 'string' && isUnreachableCode(code)) return code;
  // undici refuses the ports that fetch blocks (9, 25, 6000, ...) before any connection, with
  // this message and no code.
  if (message === 'bad port') return 'BAD_PORT';
  return connectionFailureCode(cause, depth + 1);
}
