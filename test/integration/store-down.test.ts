// With the database paused (a proxy that stops forwarding), requests answer 503 with
// Retry-After within seconds, never 500 and never hang; /health says 503; a petition
// retried with its Idempotency-Key once the store is back makes one case, not two.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TIMEOUTS } from '../../shared/store/dynamo.ts';
import { webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let proxy: Server;
let paused = false;
const sockets = new Set<Socket>();

/** Forwards to DynamoDB Local while running; while paused, swallows what it is sent. */
function pausableProxy(target: URL): Promise<string> {
  proxy = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    client.on('data', (chunk) => {
      if (!paused) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!paused) client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => {
      const address = proxy.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }),
  );
}

let proxyEndpoint = '';
beforeAll(async () => {
  const { inject } = await import('vitest');
  proxyEndpoint = await pausableProxy(new URL(inject('dynamoDbEndpoint')));
  // The timeouts the functions have on AWS (the local stack allows DynamoDB Local more).
  api = await startTestApi({
    through: () => proxyEndpoint,
    storeRequestTimeoutMs: STORE_TIMEOUTS.requestTimeout,
  });
}, 60_000);
afterAll(async () => {
  await api.close();
  for (const socket of sockets) socket.destroy();
  proxy.close();
});

describe('the store paused', () => {
  it('answers /health with 503 within a few seconds', async () => {
    paused = true;
    const started = Date.now();

    const answer = await api.call('GET', '/health');

    paused = false;
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 20_000);

  it('answers a petition with 503 and Retry-After; its retry under the same key makes one case', async () => {
    const petition = webPetition();
    const key = `retry-${Date.now()}`;
    paused = true;

    const during = await api.call('POST', '/petitions', {
      body: petition,
      headers: { 'idempotency-key': key },
    });

    paused = false;
    const retried = await api.call('POST', '/petitions', {
      body: petition,
      headers: { 'idempotency-key': key },
    });
    const again = await api.call('POST', '/petitions', {
      body: petition,
      headers: { 'idempotency-key': key },
    });
    const cases = (await api.allItems()).filter((i) => i.entity === 'case' && i.subject === petition.subject);

    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBeTruthy();
    expect([200, 201]).toContain(retried.status);
    expect(again.body).toEqual(retried.body);
    expect(cases.filter((c) => c.caseId === retried.body.caseId)).toHaveLength(1);
  }, 30_000);
});
