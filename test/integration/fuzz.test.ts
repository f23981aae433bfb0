// Fuzzing the public routes through the local adapter: no answer is a 5xx, and a refused
// request leaves nothing behind (every stored case is one a 201 reported).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzRequest, publicRouteRequests } from './fuzz.ts';
import { startTestApi, type TestApi } from './harness.ts';

/** Requests per public route in `npm test`; `npm run fuzz` sends 100,000 each. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const created = new Set<string>();

async function send(request: FuzzRequest) {
  const response = await fetch(`${api.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.raw !== undefined && { body: request.raw }),
  });
  const text = await response.text();
  if (response.status === 201) created.add((JSON.parse(text) as { caseId: string }).caseId);
  return response.status;
}

describe(`fuzz: ${RUNS} requests per public route`, () => {
  const routes = Object.entries(publicRouteRequests());

  it.each(routes)(
    '%s never answers 5xx',
    async (route, requests) => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const status = await send(request);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
      console.info(
        `fuzz ${route}: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    },
    // About 6 ms a request here: room for 100,000 on a slow machine.
    Math.max(600_000, RUNS * 30),
  );

  it('leaves nothing from a refused request: every stored case is one a 201 reported', async () => {
    const items = await api.allItems();
    const cases = items.filter((i) => i.entity === 'case').map((i) => String(i.caseId));
    const receipts = items.filter((i) => i.entity === 'receipt');

    expect(new Set(cases)).toEqual(created);
    expect(receipts).toHaveLength(created.size);
    expect(items.filter((i) => i.entity === 'rating')).toEqual([]);
  });
});
