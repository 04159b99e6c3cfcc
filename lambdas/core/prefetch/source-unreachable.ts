// The one sentence a run says when its market-data source cannot be reached at all: what
// failed, why that is most likely the network or a proxy, and how to see the flow offline.

/** Plain words for the network error codes a user meets when a source is unreachable. */
const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'no route to the network',
  ENETDOWN: 'network is down',
  EPROTO: 'TLS failure',
  BAD_PORT: 'a port that fetch refuses to use',
};

// Node's certificate and TLS codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT,
// UNABLE_TO_VERIFY_LEAF_SIGNATURE, ERR_TLS_CERT_ALTNAME_INVALID, ERR_SSL_WRONG_VERSION_NUMBER, ...).
const TLS_CODE = /CERT|TLS|SSL/;

/** A request with this code never reached a server: refused, no such host, no route, or TLS. */
export function isUnreachableCode(code: string): boolean {
  return code in CODE_WORDS || TLS_CODE.test(code);
}

export function networkErrorWords(code: string): string | null {
  return CODE_WORDS[code] ?? (TLS_CODE.test(code) ? 'TLS failure' : null);
}

/**
 * `networkError` is the short reason of a failed request ("network error: ECONNREFUSED");
 * `endpoint` the custom endpoint when the run does not ask Yahoo itself.
 */
export function sourceUnreachableSentence(networkError: string, endpoint: string | null): string {
  const detail = networkError.slice(networkError.indexOf('network error'));
  const code = /network error: (\S+)/.exec(detail)?.[1];
  const words = code ? networkErrorWords(code) : null;
  const source = endpoint ? `Yahoo Finance (through ${endpoint})` : 'Yahoo Finance';
  return (
    `${source} could not be reached (${detail}${words ? `, ${words}` : ''}): every request failed before an answer, ` +
    'so the network or a proxy is the likely cause; run with --source sim to see the whole flow offline.'
  );
}
