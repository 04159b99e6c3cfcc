// Who answers a source's requests. With no endpoint it is the public service. A FinWiz simulator
// marks every answer with SIMULATOR_HEADER, so a custom endpoint whose answers carry it is
// labelled simulated, whatever flag started the run. An endpoint that gave no such answer (down,
// refusing, a proxy, a recorded replay) is labelled by its URL: never taken for live data.
//
// Two ways to learn it: `sourceWitness` watches the answers a client gets anyway (Prefetch's
// Yahoo client: no request of its own); `identifySource` asks the endpoint once (Alpha Vantage,
// and a Crew whose Prefetch never recorded the run's sources).
import { publicSource, SIMULATOR_HEADER, SOURCE_PROBE_PATH, type PUBLIC_ORIGINS, type SourceIdentity } from '../../core/report/provenance.js';

const PROBE_TIMEOUT_MS = 3000;

type PublicOrigin = (typeof PUBLIC_ORIGINS)[number];

/** The custom endpoint without its trailing slashes; null for the public service. */
function customBase(endpoint: string | undefined | null, publicUrl?: string): string | null {
  const base = endpoint?.trim().replace(/\/+$/, '');
  return !base || base === publicUrl ? null : base;
}

const endpointIdentity = (base: string, simulated: boolean): SourceIdentity => ({ origin: simulated ? 'simulated' : 'endpoint', endpoint: base });

export async function identifySource(
  endpoint: string | undefined | null,
  publicOrigin: PublicOrigin,
  options: { publicUrl?: string; fetchImpl?: typeof fetch } = {},
): Promise<SourceIdentity> {
  const base = customBase(endpoint, options.publicUrl);
  if (base === null) return publicSource(publicOrigin);
  try {
    const response = await (options.fetchImpl ?? fetch)(new URL(SOURCE_PROBE_PATH, base), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    if (response.headers.get(SIMULATOR_HEADER)) return endpointIdentity(base, true);
  } catch {
    // Unreachable or not HTTP: the data requests will say so; the label stays the URL.
  }
  return endpointIdentity(base, false);
}

export interface SourceWitness {
  /** Give this to the client (its `onAnswer`): it sees the headers of every answer. */
  observe(headers: Headers): void;
  /** Who answers, as far as the answers seen so far tell: the public service without an endpoint;
   * the simulator once any answer carried its header; otherwise the endpoint's URL, also when
   * nothing has answered yet. */
  identity(): SourceIdentity;
}

/** Learns who answers from the answers a client gets anyway, without a request of its own. */
export function sourceWitness(endpoint: string | undefined | null, publicOrigin: PublicOrigin, options: { publicUrl?: string } = {}): SourceWitness {
  const base = customBase(endpoint, options.publicUrl);
  let simulated = false;
  return {
    observe(headers) {
      if (headers.get(SIMULATOR_HEADER)) simulated = true;
    },
    identity: () => (base === null ? publicSource(publicOrigin) : endpointIdentity(base, simulated)),
  };
}
