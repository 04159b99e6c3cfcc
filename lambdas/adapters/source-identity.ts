// Who answers a source's requests. With no endpoint it is the public service. An endpoint is
// asked once; a FinWiz simulator marks every answer with SIMULATOR_HEADER, so a custom endpoint
// that happens to be the simulator is labelled simulated, whatever flag started the run. An
// endpoint that cannot be asked (down, refusing) is labelled by its URL: never taken for live data.
import { publicSource, SIMULATOR_HEADER, SOURCE_PROBE_PATH, type PUBLIC_ORIGINS, type SourceIdentity } from '../core/provenance.js';

const PROBE_TIMEOUT_MS = 3000;

export async function identifySource(
  endpoint: string | undefined | null,
  publicOrigin: (typeof PUBLIC_ORIGINS)[number],
  options: { publicUrl?: string; fetchImpl?: typeof fetch } = {},
): Promise<SourceIdentity> {
  const base = endpoint?.trim().replace(/\/+$/, '');
  if (!base || base === options.publicUrl) return publicSource(publicOrigin);
  try {
    const response = await (options.fetchImpl ?? fetch)(new URL(SOURCE_PROBE_PATH, base), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    if (response.headers.get(SIMULATOR_HEADER)) return { origin: 'simulated', endpoint: base };
  } catch {
    // Unreachable or not HTTP: the data requests will say so; the label stays the URL.
  }
  return { origin: 'endpoint', endpoint: base };
}
