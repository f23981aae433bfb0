// Per-client limits through the local stack with the sample region's own windows (the rest of
// the suite runs with wide ones): a receipt code's window, an address's window across the
// public routes, an Open311 key flooding 1,000 posts in a minute. Each refusal is the same 429
// with Retry-After, nothing behind it stored; no count names its client in clear.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { geoReportClient } from '../fixtures/geo-report-client.ts';
import { uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

const { perAddress, perReceiptCode, perApiKey } = loadRegionConfig(SAMPLE_REGION_FILE).clientLimits;
// The start of a minute and of five: every window below opens with the test (the flood, first,
// has its key's minute; the public routes their five).
const START = '2026-12-07T02:00:00.000Z';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ regionLimits: true, clockStartsAt: START });
});
afterAll(() => api.close());

/** Sends `count` requests, `parallel` at a time; their statuses in order. */
async function flood(count: number, parallel: number, send: (i: number) => Promise<{ status: number }>) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) => send(i + j));
    statuses.push(...(await Promise.all(batch)).map((answer) => answer.status));
  }
  return statuses;
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

it('slows a flood of 1,000 Open311 posts from one key in a minute to its window, in the spec’s shape', async () => {
  const issued = await api.call('POST', '/api-keys', {
    body: { name: '洪水測試' },
    headers: await api.as({ roles: ['admin'] }),
  });
  const client = geoReportClient((method, path, init) => api.call(method, path, init), {
    apiKey: issued.body.key,
    format: 'json',
  });
  const answers: Array<{ status: number; headers: Headers; data: unknown }> = [];
  const statuses = await flood(1000, 20, async () => {
    const answer = await client.post({
      service_code: 'land',
      description: `村道損毀多處，雨天無法通行，請求修復。編號${uniquePhone()}`,
      last_name: '李',
      first_name: '某',
      phone: uniquePhone(),
      attributes: { subject: '村道損毀', township: 'liushu', consent: 'true' },
    });
    answers.push(answer);
    return answer;
  });
  expect(tally(statuses)).toEqual({ 201: perApiKey.requests, 429: 1000 - perApiKey.requests });
  const refused = answers.find((a) => a.status === 429);
  expect(refused?.data).toEqual([{ code: 429, description: expect.stringContaining('请求过多') }]);
  expect(Number(refused?.headers.get('retry-after'))).toBeLessThanOrEqual(perApiKey.seconds);
  const clientRecords = (await api.allItems()).filter((item) => String(item.SK).startsWith('REQUEST#'));
  expect(clientRecords).toHaveLength(perApiKey.requests);
  const { body } = await api.call('GET', '/api-keys', { headers: await api.as({ roles: ['admin'] }) });
  expect(body.keys[0].usage.lastDay).toEqual({
    requests: perApiKey.requests,
    refusals: 1000 - perApiKey.requests,
  });
});

it("limits a receipt code's look-ups to its window, whichever address asks", async () => {
  const petition = webPetition();
  const { body } = await api.call('POST', '/petitions', { body: petition });
  const verifier = petition.petitioner.phone.slice(-4);
  const statuses = await flood(perReceiptCode.requests + 1, 5, () =>
    api.call('GET', `/petitions/${body.receiptCode}?verifier=${verifier}`),
  );
  expect(tally(statuses)).toEqual({ 200: perReceiptCode.requests, 429: 1 });
  const refused = await api.call('GET', `/petitions/${body.receiptCode}?verifier=${verifier}`);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(perReceiptCode.seconds);
});

it("limits guessing a document's check code like a receipt code: per number, whichever address asks", async () => {
  const number = encodeURIComponent('珠信告〔2026〕9999号');
  const statuses = await flood(perReceiptCode.requests + 1, 5, (i) =>
    api.call('POST', `/documents/${number}/check`, { body: { code: `ZZZZ-${String(i).padStart(4, '0')}` } }),
  );
  expect(tally(statuses)).toEqual({ 404: perReceiptCode.requests, 429: 1 });
});

it("limits an address over the public routes to the region's window: the same 429 the edge firewall sends", async () => {
  // The petition and the look-ups and checks counted above (a refused one counts in neither window).
  const used = 2 * perReceiptCode.requests + 1;
  const statuses = await flood(perAddress.requests - used, 10, () =>
    api.call('GET', '/reception-days?from=2027-01-01&to=2027-01-31'),
  );
  expect(tally(statuses)).toEqual({ 200: perAddress.requests - used });
  const before = await api.allItems();
  const refused = await api.call('POST', '/petitions', { body: webPetition() });
  expect(refused.status).toBe(429);
  expect(refused.body.error).toEqual({
    code: 'too_many_requests',
    message: {
      zh: '来自此网络的请求过多，请几分钟后再试。',
      en: expect.stringContaining('Too many requests'),
    },
  });
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(perAddress.seconds - 120);
  expect(retryAfter).toBeLessThanOrEqual(perAddress.seconds);
  expect(await api.allItems()).toEqual(before);
  // Each count is kept under a keyed hash, for its window and an hour: no address, no code.
  const windows = await api.limitWindows();
  expect(windows.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(windows)).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
  for (const item of windows) expect(item.PK).toMatch(/^LIMIT#(ADDR|CODE|KEY)#/);
  // Routes outside the public prefixes (health, the OpenAPI document) are not counted.
  expect((await api.call('GET', '/health')).status).toBe(200);
});
