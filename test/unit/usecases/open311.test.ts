// Open311 over the memory store: keys issued, checked and revoked; each client counted in its
// window; a request posted as the web form's petition and followed by the client that sent it
// only; the per-address and per-receipt-code windows of the public routes.
import { describe, expect, it } from 'vitest';
import { keyMatches } from '../../../shared/domain/api-keys.ts';
import { newReceiptCode } from '../../../shared/domain/receipt-code.ts';
import {
  ApiKeyRefusedError,
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  type ValidationError,
} from '../../../shared/errors.ts';
import {
  admitClientRequest,
  admitPublicRequest,
  countClientRefusal,
  identifyClient,
} from '../../../shared/usecases/client-limits.ts';
import {
  apiKeysWithUsage,
  clientRequestUpdates,
  clientServiceRequest,
  clientServiceRequests,
  followToken,
  issueApiKey,
  revokeApiKey,
  submitServiceRequest,
} from '../../../shared/usecases/open311.ts';
import { takeStep } from '../../../shared/usecases/take-step.ts';
import { uniquePhone } from '../../fixtures/petitions.ts';
import { staff, useCaseContext } from '../../fixtures/use-case-context.ts';

const form = (overrides: Record<string, unknown> = {}) => ({
  service_code: 'land',
  description: '二〇二五年村裡征地，至今補償款未發放到戶，多次詢問無果。',
  last_name: '張',
  first_name: '某',
  phone: uniquePhone(),
  attribute: { subject: '征地補償款未發放', township: 'liushu', consent: 'true' },
  ...overrides,
});

describe('API keys', () => {
  it('stores only the hash, finds the key by its id, refuses a wrong, unknown or revoked one alike', async () => {
    const ctx = useCaseContext();
    const { key, apiKey } = await issueApiKey(ctx, 'admin-1', { name: '市12345熱線平台', batch: false });
    const stored = await ctx.store.apiKeys.get(apiKey.keyId);
    // The secret after `pd_<id>_` (it may hold `_` itself).
    expect(JSON.stringify(stored)).not.toContain(key.slice(14));
    expect(stored && keyMatches(key, stored)).toBe(true);
    expect((await identifyClient(ctx, key)).keyId).toBe(apiKey.keyId);
    for (const presented of [undefined, '', `${key.slice(0, -1)}x`, `pd_AAAAAAAAAA_${'a'.repeat(43)}`])
      await expect(identifyClient(ctx, presented)).rejects.toBeInstanceOf(ApiKeyRefusedError);
    const revoked = await revokeApiKey(ctx, 'admin-1', apiKey.keyId, '平台停用');
    expect(revoked.revoked).toMatchObject({ by: 'admin-1', reason: '平台停用' });
    await expect(identifyClient(ctx, key)).rejects.toBeInstanceOf(ApiKeyRefusedError);
    await expect(revokeApiKey(ctx, 'admin-1', apiKey.keyId, '再次')).rejects.toBeInstanceOf(ConflictError);
    await expect(revokeApiKey(ctx, 'admin-1', 'ZZZZZZZZZZ', '無')).rejects.toBeInstanceOf(NotFoundError);
  });

  it("counts a key's requests in its own window, refuses past it until the next opens, and counts refusals", async () => {
    const ctx = useCaseContext();
    ctx.clock.set('2026-12-06T03:00:10Z');
    const { key } = await issueApiKey(ctx, 'admin-1', {
      name: '小程序',
      batch: false,
      window: { requests: 3, seconds: 60 },
    });
    const client = await identifyClient(ctx, key);
    for (let i = 0; i < 3; i++) await admitClientRequest(ctx, client);
    const refused = await admitClientRequest(ctx, client).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBe(50);
    await countClientRefusal(ctx, client);
    ctx.clock.advance(50_000);
    await admitClientRequest(ctx, client);
    const [view] = await apiKeysWithUsage(ctx);
    expect(view?.usage.lastDay).toEqual({ requests: 4, refusals: 1 });
    expect(view?.window).toEqual({ requests: 3, seconds: 60 });
  });
});

describe('the public windows', () => {
  it("limits an address and, on a petition's routes, its receipt code as well: either full refuses", async () => {
    const ctx = useCaseContext();
    ctx.clock.set('2026-12-06T03:00:00Z');
    const { perAddress, perReceiptCode } = ctx.config.region.clientLimits;
    for (let i = 0; i < perReceiptCode.requests; i++)
      await admitPublicRequest(ctx, {
        address: '203.0.113.9',
        receiptCode: 'ABCD1234',
        operationId: 'checkStatus',
      });
    // Another address, the same receipt code: refused by the code's window.
    await expect(
      admitPublicRequest(ctx, {
        address: '198.51.100.7',
        receiptCode: 'ABCD1234',
        operationId: 'checkStatus',
      }),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
    for (let i = perReceiptCode.requests; i < perAddress.requests; i++)
      await admitPublicRequest(ctx, { address: '203.0.113.9', operationId: 'submitPetition' });
    await expect(
      admitPublicRequest(ctx, { address: '203.0.113.9', operationId: 'submitPetition' }),
    ).rejects.toThrow(TooManyRequestsError);
  });

  it('counts a receipt code in one window however it is typed', async () => {
    const ctx = useCaseContext();
    ctx.clock.set('2026-12-06T03:00:00Z');
    const code = newReceiptCode();
    const typed = [code, code.toLowerCase(), code.replaceAll('-', ' ')];
    const { perReceiptCode } = ctx.config.region.clientLimits;
    for (let i = 0; i < perReceiptCode.requests; i++)
      await admitPublicRequest(ctx, {
        address: `203.0.113.${i}`,
        receiptCode: typed[i % typed.length] ?? code,
        operationId: 'checkStatus',
      });
    await expect(
      admitPublicRequest(ctx, {
        address: '198.51.100.1',
        receiptCode: code.toLowerCase(),
        operationId: 'checkStatus',
      }),
    ).rejects.toBeInstanceOf(TooManyRequestsError);
  });
});

describe("a route's own window", () => {
  it('counts apart from the address window, by the route the region file names', async () => {
    const base = useCaseContext();
    const { region } = base.config;
    const ctx = {
      ...base,
      config: {
        ...base.config,
        region: {
          ...region,
          clientLimits: { ...region.clientLimits, routes: { submitPetition: { requests: 2, seconds: 60 } } },
        },
      },
    };
    ctx.clock.set('2026-12-06T03:00:00Z');
    const from = (operationId: string) => admitPublicRequest(ctx, { address: '203.0.113.9', operationId });
    await from('submitPetition');
    await from('submitPetition');
    await expect(from('submitPetition')).rejects.toBeInstanceOf(TooManyRequestsError);
    // The address's own window is untouched by the route's.
    await from('receptionDays');
    ctx.clock.advance(60_000);
    await from('submitPetition');
  });
});

describe('Open311 requests', () => {
  it('posts the web form’s petition, answers its id, and shows it to its client only, its text to the client that opened it', async () => {
    const ctx = useCaseContext();
    const city = await identifyClient(
      ctx,
      (await issueApiKey(ctx, 'a', { name: '12345', batch: false })).key,
    );
    const town = await identifyClient(ctx, (await issueApiKey(ctx, 'a', { name: '鄉鎮', batch: false })).key);
    const posted = form();
    const [answer] = await submitServiceRequest(ctx, city, posted);
    const id = answer && 'service_request_id' in answer ? answer.service_request_id : '';
    const [request] = await clientServiceRequest(ctx, city, id);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'land',
      description: posted.description,
    });
    expect(JSON.stringify(request)).not.toContain(posted.phone);
    await expect(clientServiceRequest(ctx, town, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await clientServiceRequests(ctx, town, {})).toEqual([]);
    expect(
      (await clientServiceRequests(ctx, city, { status: 'open' })).map((r) => r.service_request_id),
    ).toEqual([id]);
    expect(await clientServiceRequests(ctx, city, { status: 'closed' })).toEqual([]);
    await expect(
      clientServiceRequests(ctx, city, { service_request_id: `${id},20260101-ZZZZZZZZ` }),
    ).rejects.toThrow(NotFoundError);
    // The same matter from another client joins the file: that client sees it, without the text.
    const [joined] = await submitServiceRequest(ctx, town, { ...posted });
    const joinedId = joined && 'service_request_id' in joined ? joined.service_request_id : '';
    expect(joinedId).toBe(id);
    const [seen] = await clientServiceRequest(ctx, town, id);
    expect(seen).not.toHaveProperty('description');
    expect((await clientRequestUpdates(ctx, city, {})).map((u) => u.service_request_id)).toContain(id);
  });

  it('names the step, the department and the due date as the case moves, and pages the list', async () => {
    const ctx = useCaseContext();
    const client = await identifyClient(
      ctx,
      (await issueApiKey(ctx, 'a', { name: '12345', batch: false })).key,
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [answer] = await submitServiceRequest(ctx, client, form());
      ids.push(answer && 'service_request_id' in answer ? answer.service_request_id : '');
    }
    const [first = ''] = ids;
    await takeStep(ctx, first, { action: 'accept', plan: '交辦自然資源局' }, staff.clerk);
    await takeStep(ctx, first, { action: 'assign', leadDepartment: 'natres' }, staff.supervisor);
    const [assigned] = await clientServiceRequest(ctx, client, first);
    const caseFile = await ctx.store.cases.get(first);
    expect(assigned).toMatchObject({
      status: 'open',
      status_notes: '已交办责任单位办理',
      agency_responsible: '县自然资源局',
      expected_datetime: `${caseFile?.deadlines.handle?.dueDate}T23:59:59+08:00`,
    });
    const steps = (await clientRequestUpdates(ctx, client, {})).filter((u) => u.service_request_id === first);
    expect(steps.map((u) => u.description)).toEqual(['已收件，待登记转送', '已受理', '已交办责任单位办理']);
    const page = (n: number) => clientServiceRequests(ctx, client, { page: n, page_size: 2 });
    expect([...(await page(1)), ...(await page(2))].map((r) => r.service_request_id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(await page(2)).toHaveLength(1);
    expect(await page(3)).toEqual([]);
  });

  it('answers a batch client a token it alone can follow', async () => {
    const ctx = useCaseContext();
    const batch = await identifyClient(ctx, (await issueApiKey(ctx, 'a', { name: '批量', batch: true })).key);
    const other = await identifyClient(
      ctx,
      (await issueApiKey(ctx, 'a', { name: '其他', batch: false })).key,
    );
    const [answer] = await submitServiceRequest(ctx, batch, form());
    const token = answer && 'token' in answer ? answer.token : '';
    const [followed] = await followToken(ctx, batch, token);
    expect(followed?.service_request_id).toMatch(/^\d{8}-/);
    await expect(followToken(ctx, other, token)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a media_url, markup, a missing attribute or township, naming the fields the client sent, and stores nothing', async () => {
    const ctx = useCaseContext();
    const client = await identifyClient(ctx, (await issueApiKey(ctx, 'a', { name: 'x', batch: false })).key);
    const refusal = (overrides: Record<string, unknown>) =>
      submitServiceRequest(ctx, client, form(overrides)).catch((error: unknown) => error);
    const fieldsOf = (error: unknown) => (error as ValidationError).problems.map((p) => p.field);
    expect(fieldsOf(await refusal({ media_url: 'http://169.254.169.254/latest' }))).toEqual(['media_url']);
    expect(fieldsOf(await refusal({ description: '請看 <script>alert(1)</script> 這裡的情況' }))).toEqual([
      'description',
    ]);
    expect(fieldsOf(await refusal({ attribute: { subject: '標題', township: 'liushu' } }))).toEqual([
      'attribute[consent]',
    ]);
    expect(fieldsOf(await refusal({ attribute: { subject: '標題', consent: 'true' } }))).toEqual([
      'attribute[township]',
    ]);
    expect(fieldsOf(await refusal({ description: '字'.repeat(5001) }))).toEqual(['description']);
    expect(
      fieldsOf(await refusal({ phone: undefined, last_name: undefined, first_name: undefined })),
    ).toEqual(['last_name', 'phone']);
    expect(await clientServiceRequests(ctx, client, {})).toEqual([]);
    // A township named in the address serves as the attribute.
    const [taken] = await submitServiceRequest(
      ctx,
      client,
      form({ attribute: { subject: '標題文字', consent: 'true' }, address_string: '柳樹鄉柳樹村三組' }),
    );
    expect(taken).toHaveProperty('service_request_id');
  });
});
