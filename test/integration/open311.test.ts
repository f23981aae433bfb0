// Open311 GeoReport v2 through the local stack, driven by a client that behaves like the common
// ones, in XML and in JSON: discovery, services, a petition posted and followed by the client
// that sent it only, a batch token, the updates feed; API keys issued and revoked by an
// administrator; bad input answered in the spec's error shape, nothing stored, nothing fetched.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { asText, type Format, geoReportClient, type PostedRequest } from '../fixtures/geo-report-client.ts';
import { uniquePhone } from '../fixtures/petitions.ts';
import { hostileString } from './fuzz.ts';
import { startTestApi, type TestApi } from './harness.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
let api: TestApi;
const keys: Record<'city' | 'town' | 'batch' | 'revoked', string> = {
  city: '',
  town: '',
  batch: '',
  revoked: '',
};

async function issue(name: string, batch = false) {
  const answer = await api.call('POST', '/api-keys', {
    body: { name, batch },
    headers: await api.as({ roles: ['admin'] }),
  });
  expect(answer.status).toBe(201);
  return answer.body as { key: string; apiKey: { keyId: string } };
}

beforeAll(async () => {
  api = await startTestApi();
  keys.city = (await issue('市12345熱線平台')).key;
  keys.town = (await issue('柳樹鄉便民服務表單')).key;
  keys.batch = (await issue('微信小程序（批量）', true)).key;
  const revoked = await issue('已停用的系統');
  keys.revoked = revoked.key;
  const revocation = await api.call('POST', `/api-keys/${revoked.apiKey.keyId}/revocation`, {
    body: { reason: '合作結束' },
    headers: await api.as({ roles: ['admin'] }),
  });
  expect(revocation.status).toBe(200);
});
afterAll(() => api.close());

const send = (method: string, path: string, init: { raw?: string; headers?: Record<string, string> }) =>
  api.call(method, path, init);
const clientOf = (key: string | undefined, format: Format, jurisdictionId?: string) =>
  geoReportClient(send, {
    format,
    ...(key !== undefined && { apiKey: key }),
    ...(jurisdictionId !== undefined && { jurisdictionId }),
  });

const petition = (overrides: Partial<PostedRequest> = {}): PostedRequest => ({
  service_code: 'land',
  description: `二〇二五年村裡征地，至今補償款未發放到戶，多次詢問無果。（第${randomUUID().slice(0, 8)}號）`,
  last_name: '張',
  first_name: '某',
  phone: uniquePhone(),
  attributes: { subject: '征地補償款未發放', township: 'liushu', consent: 'true' },
  ...overrides,
});

describe.each(['xml', 'json'] as const)('a GeoReport v2 client in %s', (format) => {
  it('reads discovery, the services and a definition whose required attributes the server enforces', async () => {
    const client = clientOf(undefined, format);
    const discovery = await client.discovery();
    expect(discovery.status).toBe(200);
    expect(discovery.data).toMatchObject({
      endpoints: [
        expect.objectContaining({
          specification: 'http://wiki.open311.org/GeoReport_v2',
          // Where this server answers, as the client reached it.
          url: `${api.url}/open311/v2`,
        }),
      ],
    });
    const { data: services } = await client.services();
    expect((services as Array<{ service_code: string }>).map((s) => s.service_code)).toEqual(
      region.categories.map((c) => c.code),
    );
    const { data: definition } = await client.serviceDefinition('land');
    const attributes = (
      definition as { attributes: Array<{ code: string; required: unknown; values?: unknown[] }> }
    ).attributes;
    expect(attributes.filter((a) => String(a.required) === 'true').map((a) => a.code)).toEqual([
      'subject',
      'consent',
    ]);
    expect(attributes.find((a) => a.code === 'township')?.values).toHaveLength(region.townships.length);
    const unknown = await client.serviceDefinition('no-such-service');
    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual([
      { code: format === 'json' ? 404 : '404', description: expect.any(String) },
    ]);
  });

  it('posts a petition as the web form does and follows it; another client never sees it', async () => {
    const city = clientOf(keys.city, format);
    const posted = await city.post(
      petition({ attributes: { subject: '標題', township: 'liushu', consent: 'true', co_signers: '3' } }),
    );
    expect(posted.status).toBe(201);
    const [created] = posted.data as Array<{ service_request_id: string }>;
    const id = created?.service_request_id ?? '';
    expect(id).toMatch(/^\d{8}-[A-Z0-9]{8}$/);

    const { data: one } = await city.request(id);
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        service_code: 'land',
        address: '柳树乡',
      }),
    ]);
    // Nothing personal: no name, phone, ID number or postal address in any answer.
    expect(JSON.stringify(one)).not.toMatch(/張某|1\d{10}/);
    const { data: listed } = await city.requests({ status: 'open' });
    expect((listed as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toContain(id);
    const { data: updates } = await city.updates();
    expect((updates as Array<{ service_request_id: string }>).map((u) => u.service_request_id)).toContain(id);

    const town = clientOf(keys.town, format);
    const stranger = await town.request(id);
    expect(stranger.status).toBe(404);
    expect((await town.requests({ service_request_id: id })).status).toBe(404);
    expect(
      ((await town.requests()).data as Array<{ service_request_id: string }>).map(
        (r) => r.service_request_id,
      ),
    ).not.toContain(id);
  });

  it('answers a batch client a token it follows to the request', async () => {
    const batch = clientOf(keys.batch, format);
    const posted = await batch.post(petition());
    const [answer] = posted.data as Array<{ token: string }>;
    const followed = await batch.token(answer?.token ?? '');
    expect(followed.status).toBe(200);
    const [request] = followed.data as Array<{ service_request_id: string; token: string }>;
    expect(request?.service_request_id).toMatch(/^\d{8}-/);
    expect((await clientOf(keys.city, format).token(answer?.token ?? '')).status).toBe(404);
  });

  it('answers an absent, empty or own jurisdiction_id alike, and an unknown one 404 in the error list', async () => {
    const answers = await Promise.all(
      [undefined, '', region.region.code].map(
        async (jurisdiction) => (await clientOf(undefined, format, jurisdiction).services()).data,
      ),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const unknown = await clientOf(keys.city, format, 'somewhere-else').requests();
    expect(unknown.status).toBe(404);
    expect(asText(unknown.data)).toEqual([
      { code: '404', description: expect.stringContaining('jurisdiction_id') },
    ]);
  });
});

it('carries the same data in JSON and in XML', async () => {
  const json = clientOf(keys.city, 'json');
  const xml = clientOf(keys.city, 'xml');
  await json.post(petition());
  for (const read of [
    (c: typeof json) => c.services(),
    (c: typeof json) => c.serviceDefinition('land'),
    (c: typeof json) => c.requests(),
    (c: typeof json) => c.updates(),
    (c: typeof json) => c.discovery(),
  ]) {
    expect(asText((await read(xml)).data)).toEqual(asText((await read(json)).data));
  }
});

describe('bad input, in the spec’s error shape, with nothing stored and nothing fetched', () => {
  const refusals: Array<[string, () => Promise<{ status: number; data: unknown }>, number, RegExp]> = [
    ['a missing key', () => clientOf(undefined, 'json').post(petition()), 403, /api_key/],
    ['a revoked key', () => clientOf(keys.revoked, 'json').post(petition()), 403, /api_key/],
    [
      'a key that was never issued',
      () => clientOf(`pd_AAAAAAAAAA_${'a'.repeat(43)}`, 'json').requests(),
      403,
      /api_key/,
    ],
    [
      'an unknown service code',
      () => clientOf(keys.city, 'json').post(petition({ service_code: 'nothing' })),
      400,
      /service_code/,
    ],
    [
      'a missing required attribute',
      () =>
        clientOf(keys.city, 'json').post(petition({ attributes: { subject: '標題', township: 'liushu' } })),
      400,
      /attribute\[consent\]/,
    ],
    [
      'a 5,001-character description',
      () => clientOf(keys.city, 'json').post(petition({ description: '字'.repeat(5001) })),
      400,
      /description/,
    ],
    [
      'HTML in the description',
      () =>
        clientOf(keys.city, 'json').post(
          petition({ description: '詳見<img src=x onerror=alert(1)>附件內容' }),
        ),
      400,
      /description/,
    ],
    [
      'a media_url',
      () =>
        clientOf(keys.city, 'json').post(petition({ media_url: 'http://169.254.169.254/latest/meta-data/' })),
      400,
      /media_url/,
    ],
    [
      'XML sent as the body',
      () =>
        clientOf(keys.city, 'json').post(petition(), {
          body: '<service_request><service_code>land</service_code></service_request>',
          contentType: 'text/xml',
        }),
      415,
      /./,
    ],
  ];
  it.each(refusals)('refuses %s', async (_, attempt, status, field) => {
    const before = await api.allItems();
    const { status: answered, data } = await attempt();
    expect(answered).toBe(status);
    const errors = data as Array<{ code: number; description: string }>;
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.code).toBe(status);
    expect(errors.map((e) => e.description).join(' ')).toMatch(field);
    expect(await api.allItems()).toEqual(before);
  });

  it('answers the XML error list too', async () => {
    const { status, data } = await clientOf(keys.revoked, 'xml').requests();
    expect(status).toBe(403);
    expect(data).toEqual([{ code: '403', description: expect.stringContaining('api_key') }]);
  });
});

it("lists an administrator's keys with their usage, never the key itself", async () => {
  const { status, body, text } = await api.call('GET', '/api-keys', {
    headers: await api.as({ roles: ['admin'] }),
  });
  expect(status).toBe(200);
  expect(body.keys.map((k: { name: string }) => k.name)).toEqual(
    expect.arrayContaining(['市12345熱線平台', '已停用的系統']),
  );
  for (const key of Object.values(keys)) expect(text).not.toContain(key.slice(14));
  const city = body.keys.find((k: { name: string }) => k.name === '市12345熱線平台');
  expect(city.usage.lastDay.requests).toBeGreaterThan(5);
  expect(city.usage.lastDay.refusals).toBeGreaterThan(5);
  expect(body.keys.find((k: { name: string }) => k.name === '已停用的系統').revoked).toMatchObject({
    reason: '合作結束',
  });
  const clerk = await api.call('GET', '/api-keys', { headers: await api.as({ roles: ['clerk'] }) });
  expect(clerk.status).toBe(403);
});

it('never answers 5xx to 300 hostile form posts, and every request it recorded is one it answered 201', async () => {
  const client = clientOf(keys.town, 'json');
  const fields = [
    'service_code',
    'description',
    'last_name',
    'first_name',
    'phone',
    'address_string',
  ] as const;
  const before = (await api.allItems()).filter((item) => String(item.SK).startsWith('REQUEST#')).length;
  let created = 0;
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...fields, 'attribute'),
      hostileString,
      fc.boolean(),
      async (field, junk, asList) => {
        const posted = petition();
        const request =
          field === 'attribute'
            ? {
                ...posted,
                attributes: { ...posted.attributes, [junk.slice(0, 30) || 'x']: asList ? [junk] : junk },
              }
            : { ...posted, [field]: junk };
        const { status } = await client.post(request);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 201) created++;
        expect(status).toBeLessThan(500);
      },
    ),
    { numRuns: 300 },
  );
  console.info(
    `fuzz POST /open311/v2/requests.json: statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  const after = (await api.allItems()).filter((item) => String(item.SK).startsWith('REQUEST#')).length;
  expect(after - before).toBe(created);
}, 120_000);

it('takes a list where one value is meant (attribute[consent][]=true), as list-sending clients post', async () => {
  const posted = await clientOf(keys.town, 'json').post(
    petition({ attributes: { subject: '標題文字', township: 'liushu', consent: ['true'] } }),
  );
  expect(posted.status).toBe(201);
});
