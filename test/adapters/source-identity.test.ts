// Who answers: the public service without an endpoint; the simulator, by the header on its
// answers, whatever URL it is reached at; any other endpoint by its URL, also when it is down.
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifySource, sourceWitness } from '../../lambdas/adapters/http/source-identity.js';
import { yahooPortFromEnv } from '../../lambdas/adapters/yahoo/yahoo-source.js';
import { startAlphaVantageSimulator, type AlphaVantageSimulator } from '../../sim/alpha-vantage-simulator.js';
import { startYahooSimulator, type YahooSimulator } from '../../sim/yahoo-simulator.js';

let yahooSim: YahooSimulator;
let alphaSim: AlphaVantageSimulator;
let plain: http.Server;
let plainUrl: string;

beforeAll(async () => {
  yahooSim = await startYahooSimulator({ latencyMs: 0 });
  alphaSim = await startAlphaVantageSimulator();
  // A server that is not a simulator (a proxy, a replay): it answers, without the header.
  plain = http.createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await yahooSim.close();
  await alphaSim.close();
  await new Promise((resolve) => plain.close(resolve));
});

describe('identifySource', () => {
  it('is the public service when no endpoint (or the public URL) is set, without a request', async () => {
    expect(await identifySource(undefined, 'yahoo')).toEqual({ origin: 'yahoo', endpoint: null });
    expect(await identifySource('  ', 'yahoo')).toEqual({ origin: 'yahoo', endpoint: null });
    const fetchImpl = (() => Promise.reject(new Error('no request expected'))) as typeof fetch;
    expect(await identifySource('https://www.alphavantage.co', 'alpha_vantage', { publicUrl: 'https://www.alphavantage.co', fetchImpl })).toEqual({
      origin: 'alpha_vantage',
      endpoint: null,
    });
  });

  it('recognises the Yahoo and Alpha Vantage simulators by the header on their answers', async () => {
    expect(await identifySource(yahooSim.url, 'yahoo')).toEqual({ origin: 'simulated', endpoint: yahooSim.url });
    expect(await identifySource(`${alphaSim.url}/`, 'alpha_vantage')).toEqual({ origin: 'simulated', endpoint: alphaSim.url });
  });

  it('labels any other endpoint with its URL, also one that refuses connections', async () => {
    expect(await identifySource(plainUrl, 'yahoo')).toEqual({ origin: 'endpoint', endpoint: plainUrl });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await identifySource(`http://127.0.0.1:${port}`, 'yahoo')).toEqual({ origin: 'endpoint', endpoint: `http://127.0.0.1:${port}` });
  });
});

describe('sourceWitness: who answers, from the answers a client gets anyway', () => {
  const simulatorAnswer = new Headers({ 'x-finwiz-simulator': 'finwiz-yahoo-simulator' });
  const plainAnswer = new Headers({ 'content-type': 'application/json' });

  it('is the public service without an endpoint, whatever the answers say', () => {
    const witness = sourceWitness(undefined, 'yahoo');
    witness.observe(simulatorAnswer);
    expect(witness.identity()).toEqual({ origin: 'yahoo', endpoint: null });
    expect(sourceWitness('https://www.alphavantage.co/', 'alpha_vantage', { publicUrl: 'https://www.alphavantage.co' }).identity()).toEqual({
      origin: 'alpha_vantage',
      endpoint: null,
    });
  });

  it('labels an endpoint by its URL until an answer carries the simulator header, never as live data', () => {
    const witness = sourceWitness('http://127.0.0.1:4010/', 'yahoo');
    // Nothing answered (down, refusing): the URL.
    expect(witness.identity()).toEqual({ origin: 'endpoint', endpoint: 'http://127.0.0.1:4010' });
    witness.observe(plainAnswer);
    expect(witness.identity()).toEqual({ origin: 'endpoint', endpoint: 'http://127.0.0.1:4010' });
    witness.observe(simulatorAnswer);
    expect(witness.identity()).toEqual({ origin: 'simulated', endpoint: 'http://127.0.0.1:4010' });
    // Once simulated, always: a later answer without the header does not make the data real.
    witness.observe(plainAnswer);
    expect(witness.identity()).toEqual({ origin: 'simulated', endpoint: 'http://127.0.0.1:4010' });
  });

  it('recognises the simulator through the real Yahoo client, with no request of its own', async () => {
    const witness = sourceWitness(yahooSim.url, 'yahoo');
    const port = yahooPortFromEnv({ YAHOO_ENDPOINT: yahooSim.url }, { onAnswer: witness.observe });
    yahooSim.resetStats();
    await port.dailyBars('SPY', new Date(Date.now() - 30 * 86_400_000), new Date());
    expect(witness.identity()).toEqual({ origin: 'simulated', endpoint: yahooSim.url });
    expect(yahooSim.stats()).toMatchObject({ requests: 1, byEndpoint: { chart: 1, other: 0 } });
  });
});
