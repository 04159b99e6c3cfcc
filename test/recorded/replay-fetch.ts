// A `fetch` that answers from the recorded Yahoo exchanges in ../shared/fixtures (read in
// place, never copied into the repo). Requests are matched on method, path and query, with the
// crumb dropped and parameter order ignored; if no recording matches exactly, one that agrees
// on method, path and the parameters that choose the data (symbols, modules, period1, period2,
// interval) answers. An unknown or ambiguous request gets a 599 whose body names the URL, so a
// test failure says what recording is missing.
import { readdirSync, readFileSync } from 'node:fs';

/** The shared fixtures folder, resolved from this file: <repo>/../shared/fixtures/. */
export const FIXTURES_DIR = new URL('../../../shared/fixtures/', import.meta.url);

export interface Recording {
  /** Fixture file, relative to FIXTURES_DIR (e.g. `yahoo/quote-AAPL.json`). */
  file: string;
  method: string;
  url: string;
  status: number;
  statusText: string;
  /** Header pairs; a header recorded as an array of strings gives one pair per value. */
  headers: Array<[string, string]>;
  body: string;
}

type RecordedHeaders = Record<string, string | string[]>;

export interface RecordedFile {
  request: { url: string; method?: string };
  response: {
    status: number;
    statusText?: string;
    headers?: RecordedHeaders;
    bodyJson?: unknown;
    bodyText?: string;
  };
}

/** One recorded exchange as it is on disk (`yahoo/quote-AAPL.json`), for expected values. */
export const readRecordedFile = (file: string): RecordedFile =>
  JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8')) as RecordedFile;

/** `quoteSummary.result[0]` of a recorded quoteSummary answer. */
export const recordedSummary = (file: string): Record<string, unknown> =>
  (readRecordedFile(file).response.bodyJson as { quoteSummary: { result: Array<Record<string, unknown>> } }).quoteSummary.result[0]!;

/** The `modules` a recorded quoteSummary request asked for. */
export const recordedModules = (file: string): string[] =>
  new URL(readRecordedFile(file).request.url).searchParams.get('modules')!.split(',');

/** Reads one recorded exchange (`yahoo/quote-AAPL.json`). */
export function readRecording(file: string): Recording {
  const raw = readRecordedFile(file);
  const { request, response } = raw;
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) headers.push([name, String(one)]);
  }
  let body: string;
  if ('bodyJson' in response) body = JSON.stringify(response.bodyJson);
  else if (typeof response.bodyText === 'string') body = response.bodyText;
  else throw new Error(`${file}: response has neither bodyJson nor bodyText`);
  return {
    file,
    method: (request.method ?? 'GET').toUpperCase(), // the 2022 quoteCombine recorder omits it
    url: request.url,
    status: response.status,
    statusText: response.statusText ?? '',
    headers,
    body,
  };
}

/** Every `*.json` recording of a fixture folder (`yahoo`, `yahoo-2026`), minus `exclude`d names. */
export function loadRecordings(folder: string, options: { exclude?: (name: string) => boolean } = {}): Recording[] {
  return readdirSync(new URL(`${folder}/`, FIXTURES_DIR))
    .filter((name) => name.endsWith('.json') && !options.exclude?.(name))
    .sort()
    .map((name) => readRecording(`${folder}/${name}`));
}

/** The parameters that decide which data an answer holds. */
const SIGNIFICANT_PARAMS = ['symbols', 'modules', 'period1', 'period2', 'interval'];
/** Comma lists whose order does not matter. */
const LIST_PARAMS = new Set(['symbols', 'modules']);

function normalisedParams(url: URL, only?: string[]): string {
  const pairs: string[] = [];
  for (const [name, value] of url.searchParams) {
    if (name === 'crumb') continue;
    if (only && !only.includes(name)) continue;
    const normal = LIST_PARAMS.has(name) ? value.split(',').sort().join(',') : value;
    pairs.push(`${name}=${normal}`);
  }
  return pairs.sort().join('&');
}

const exactKey = (method: string, url: URL) => `${method} ${url.pathname}?${normalisedParams(url)}`;
const looseKey = (method: string, url: URL) => `${method} ${url.pathname}?${normalisedParams(url, SIGNIFICANT_PARAMS)}`;

export interface ReplayFetch {
  (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response>;
  /** Every URL asked for, in order (answered or not). */
  readonly requested: string[];
  /** The URLs that got the 599 answer (no recording, or more than one). */
  readonly unmatched: string[];
  /** The recording files that answered, in order. */
  readonly served: string[];
}

export const REPLAY_MISS_STATUS = 599;

function requestOf(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) {
  if (typeof input === 'string' || input instanceof URL) {
    return { url: String(input), method: (init?.method ?? 'GET').toUpperCase() };
  }
  return { url: input.url, method: (init?.method ?? input.method ?? 'GET').toUpperCase() };
}

// Statuses whose Response must not have a body.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function answer(recording: Recording): Response {
  const headers = new Headers();
  for (const [name, value] of recording.headers) headers.append(name, value);
  const body = NULL_BODY_STATUSES.has(recording.status) ? null : recording.body;
  return new Response(body, { status: recording.status, statusText: recording.statusText, headers });
}

function miss(url: string, method: string, reason: string): Response {
  const message = `replay-fetch: ${reason} for ${method} ${url}`;
  return new Response(message, {
    status: REPLAY_MISS_STATUS,
    statusText: 'No Recording',
    headers: { 'content-type': 'text/plain', 'x-replay-miss': 'true' },
  });
}

/** A fetch answering from `recordings`. */
export function createReplayFetch(recordings: Recording[]): ReplayFetch {
  const exact = new Map<string, Recording[]>();
  const loose = new Map<string, Recording[]>();
  const add = (index: Map<string, Recording[]>, key: string, recording: Recording) => {
    const list = index.get(key) ?? [];
    // Two files recording the very same exchange body are not a conflict.
    if (!list.some((other) => other.status === recording.status && other.body === recording.body)) list.push(recording);
    index.set(key, list);
  };
  for (const recording of recordings) {
    const url = new URL(recording.url);
    add(exact, exactKey(recording.method, url), recording);
    add(loose, looseKey(recording.method, url), recording);
  }

  const requested: string[] = [];
  const unmatched: string[] = [];
  const served: string[] = [];

  const replay = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const { url, method } = requestOf(input, init);
    requested.push(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      unmatched.push(url);
      return miss(url, method, 'not a URL');
    }
    const candidates = exact.get(exactKey(method, parsed)) ?? loose.get(looseKey(method, parsed)) ?? [];
    if (candidates.length !== 1) {
      unmatched.push(url);
      const reason =
        candidates.length === 0
          ? 'no recorded response'
          : `ambiguous, recorded in ${candidates.map((c) => c.file).join(' and ')}`;
      return miss(url, method, reason);
    }
    served.push(candidates[0]!.file);
    return answer(candidates[0]!);
  };
  return Object.assign(replay, { requested, unmatched, served });
}

/** The 2025 Yahoo recordings (yahoo/), with the cookie-and-crumb exchange. The 2022
 * `quoteCombine-AAPL` answer is left out: its request is the same as the 2025 `quote-AAPL`. */
export const yahoo2025Recordings = (): Recording[] =>
  loadRecordings('yahoo', { exclude: (name) => name === 'quoteCombine-AAPL.json' });

/** The 2026 Yahoo recordings (yahoo-2026/) plus the 2025 cookie-and-crumb exchange they need.
 * The time-dependent AAPL `price` answer is left out (same request as quoteSummary-price-AAPL). */
export const yahoo2026Recordings = (): Recording[] => [
  ...loadRecordings('yahoo', { exclude: (name) => !name.startsWith('getCrumb-') }),
  ...loadRecordings('yahoo-2026', { exclude: (name) => name.startsWith('quoteSummary-timeDependent-') }),
];

/** The default replay: the 2025 recordings. */
export const replayFetch: ReplayFetch = createReplayFetch(yahoo2025Recordings());
/** Every URL the default replay was asked for. */
export const requestedUrls: readonly string[] = replayFetch.requested;
