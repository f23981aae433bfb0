// Open311 GeoReport v2: other systems (a city's 12345 platform, a mini-program, a township's
// form) post petitions and follow the requests they submitted, and nothing else (art. 30).
import { type ApiKey, newApiKey } from '../domain/api-keys.ts';
import { isResolved } from '../domain/case-status.ts';
import { API_KEY_USAGE_DAYS, apiKeyClaim } from '../domain/client-limits.ts';
import { addDays } from '../domain/clock.ts';
import { localDate } from '../domain/local-time.ts';
import {
  looksLikeMarkup,
  open311Field,
  petitionOf,
  type ServiceRequest,
  type ServiceRequestForm,
  serviceRequestOf,
  updatesOf,
} from '../domain/open311.ts';
import { petitionSchemas } from '../domain/petition.ts';
import { randomCharacters } from '../domain/receipt-code.ts';
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../errors.ts';
import type { LimitWindow } from '../region.ts';
import { toFieldProblems } from '../validation.ts';
import type { Caller, UseCaseContext } from './context.ts';
import type { ClientUsage, CountedWindow } from './ports.ts';
import { submitPetition } from './submit-petition.ts';

/** GeoReport v2's default for `GET requests`: the last 90 days, at most 1,000. */
export const DEFAULT_DAYS = 90;
export const MAX_REQUESTS = 1000;
/** The updates feed reads the requests received in the year before its period: steps of older ones are not listed. */
const UPDATES_LOOK_BACK_DAYS = 365;

const NO_SUCH_REQUEST = { zh: '沒有這個服務請求。', en: 'No such service request.' };
const PUBLIC: Caller = { actor: { kind: 'public' }, roles: [] };

const problem = (field: string, zh: string, en: string): FieldProblem => ({
  field,
  code: 'invalid',
  message: { zh, en },
});

/**
 * Primary course:
 * 1. Refuse what the server never takes: a `media_url` (nothing is fetched) and markup in the text.
 * 2. Read the form as the web form's petition and check it with the web form's own schema.
 * 3. Submit it as the web form does (one file per matter, the same notices).
 * 4. Record it as this client's request; a batch client gets a token to follow.
 */
export async function submitServiceRequest(
  ctx: UseCaseContext,
  client: ApiKey,
  form: ServiceRequestForm & { media_url?: string | undefined },
): Promise<
  Array<{ service_request_id: string; service_notice: string; account_id: string } | { token: string }>
> {
  const { region } = ctx.config;
  const refused: FieldProblem[] = [];
  if (form.media_url !== undefined)
    refused.push(
      problem(
        'media_url',
        '不接受 media_url：本系統不會下載外部連結。請在受理後由信訪人通過查詢頁上傳附件。',
        'media_url is not accepted: this server fetches no link. The petitioner adds files on the status page.',
      ),
    );
  if (looksLikeMarkup(form.description))
    refused.push(
      problem('description', '內容請用純文字，不要包含 HTML 標記。', 'Send plain text, without HTML markup.'),
    );
  const parsed = petitionSchemas(region).webPetition.safeParse(petitionOf(form, region), {
    reportInput: true,
  });
  if (!parsed.success)
    refused.push(
      ...toFieldProblems(parsed.error.issues).map((p) => ({
        ...p,
        field: open311Field(p.field.split('.').slice(0, 2).join('.')),
      })),
    );
  if (refused.length || !parsed.success) throw new ValidationError(refused);

  const now = ctx.now().toISOString();
  const result = await submitPetition(ctx, { ...parsed.data, channel: 'web', receivedAt: now }, PUBLIC);
  const token = client.batch ? randomCharacters(16) : undefined;
  await ctx.store.apiKeys.recordRequest({
    keyId: client.keyId,
    caseId: result.caseId,
    opened: !result.alreadyOnFile,
    submittedAt: now,
    ...(token && { token }),
  });
  return token ? [{ token }] : [{ service_request_id: result.caseId, service_notice: '', account_id: '' }];
}

/** Primary course: a batch client's token answers the request it stands for (its own tokens only). */
export async function followToken(ctx: UseCaseContext, client: ApiKey, token: string) {
  const request = await ctx.store.apiKeys.byToken(client.keyId, token);
  if (!request) throw new NotFoundError({ zh: '沒有這個令牌。', en: 'No such token.' });
  return [{ service_request_id: request.caseId, token }];
}

export interface RequestFilters {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  page?: number | undefined;
  page_size?: number | undefined;
}

/** The region's day a date names: a bare date as written, an instant in the region's zone. */
const dayOf = (value: string, zone: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : localDate(value, zone);

/** The client's requests by id, each its own (another's answers as one that does not exist). */
async function ownRequests(ctx: UseCaseContext, client: ApiKey, caseIds: string[]) {
  const records = await Promise.all(caseIds.map((caseId) => ctx.store.apiKeys.request(client.keyId, caseId)));
  const known = records.flatMap((record) => record ?? []);
  if (known.length < caseIds.length) throw new NotFoundError(NO_SUCH_REQUEST);
  return known;
}

/**
 * Primary course: the client's own requests received in the period (the last 90 days unless
 * given), by the status and service asked, a page at a time; `service_request_id` (one or a
 * comma-separated few) overrides the rest.
 */
export async function clientServiceRequests(
  ctx: UseCaseContext,
  client: ApiKey,
  filters: RequestFilters,
): Promise<ServiceRequest[]> {
  const { region } = ctx.config;
  const zone = region.region.timeZone;
  let records: Awaited<ReturnType<typeof ownRequests>>;
  if (filters.service_request_id) {
    records = await ownRequests(
      ctx,
      client,
      filters.service_request_id.split(',').map((id) => id.trim()),
    );
  } else {
    const to = filters.end_date ? dayOf(filters.end_date, zone) : localDate(ctx.now(), zone);
    const from = filters.start_date ? dayOf(filters.start_date, zone) : addDays(to, -DEFAULT_DAYS);
    if (from > to)
      throw new ValidationError([
        problem('start_date', '開始日期不能晚於結束日期。', 'start_date cannot be after end_date.'),
      ]);
    records = await ctx.store.apiKeys.requests(client.keyId, from, to, MAX_REQUESTS);
  }
  const opened = new Map(records.map((r) => [r.caseId, r.opened]));
  const cases = (await ctx.store.cases.many(records.map((r) => r.caseId)))
    .filter((c) => !filters.service_code || c.category === filters.service_code)
    .filter((c) => !filters.status || (filters.status === 'closed') === isResolved(c.status));
  const size = filters.page_size ?? MAX_REQUESTS;
  const page = filters.page ?? 1;
  return cases
    .slice((page - 1) * size, page * size)
    .map((caseFile) => serviceRequestOf(caseFile, region, opened.get(caseFile.caseId) ?? false));
}

/** Primary course: one of the client's requests (another's answers 404, as an unknown one). */
export async function clientServiceRequest(ctx: UseCaseContext, client: ApiKey, caseId: string) {
  const [record] = await ownRequests(ctx, client, [caseId]);
  const caseFile = record && (await ctx.store.cases.get(record.caseId));
  if (!record || !caseFile) throw new NotFoundError(NO_SUCH_REQUEST);
  return [serviceRequestOf(caseFile, ctx.config.region, record.opened)];
}

/**
 * Primary course: each step of the client's requests received in the period (FixMyStreet's
 * servicerequestupdates), the steps on or after `start_date` only.
 */
export async function clientRequestUpdates(
  ctx: UseCaseContext,
  client: ApiKey,
  period: { start_date?: string | undefined; end_date?: string | undefined },
) {
  const { region } = ctx.config;
  const zone = region.region.timeZone;
  const to = period.end_date ? dayOf(period.end_date, zone) : localDate(ctx.now(), zone);
  const from = period.start_date ? dayOf(period.start_date, zone) : addDays(to, -1);
  const records = await ctx.store.apiKeys.requests(
    client.keyId,
    addDays(from, -UPDATES_LOOK_BACK_DAYS),
    to,
    MAX_REQUESTS,
  );
  const cases = await ctx.store.cases.many(records.map((r) => r.caseId));
  return cases
    .flatMap((caseFile) => updatesOf(caseFile, region))
    .filter((update) => {
      const on = update.updated_datetime.slice(0, 10);
      return on >= from && on <= to;
    });
}

export interface ApiKeyView {
  keyId: string;
  name: string;
  window: LimitWindow;
  ownWindow: boolean;
  batch: boolean;
  issued: ApiKey['issued'];
  revoked: ApiKey['revoked'] | null;
  /** Requests and refusals in the last day and in the last 35 days. */
  usage: { lastDay: ClientUsage; kept: ClientUsage };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A key as administrators see it, its usage summed from its windows (one query of the last 35 days). */
function viewOf(ctx: UseCaseContext, key: ApiKey, counted: CountedWindow[]): ApiKeyView {
  const dayAgo = Math.floor((ctx.now().getTime() - DAY_MS) / 1000);
  const sum = (windows: CountedWindow[]) => ({
    requests: windows.reduce((total, w) => total + w.requests, 0),
    refusals: windows.reduce((total, w) => total + w.refusals, 0),
  });
  return {
    keyId: key.keyId,
    name: key.name,
    window: apiKeyClaim(key.keyId, key.window, ctx.config.region).window,
    ownWindow: key.window !== undefined,
    batch: key.batch,
    issued: key.issued,
    revoked: key.revoked ?? null,
    usage: { lastDay: sum(counted.filter((w) => w.start >= dayAgo)), kept: sum(counted) },
  };
}

async function usedViewOf(ctx: UseCaseContext, key: ApiKey): Promise<ApiKeyView> {
  const { client } = apiKeyClaim(key.keyId, key.window, ctx.config.region);
  const since = ctx.now().getTime() - API_KEY_USAGE_DAYS * DAY_MS;
  return viewOf(ctx, key, await ctx.store.clientLimits.windows(client, since));
}

/** Primary course: a new key for a named system, its hash stored; the key itself shown this once. */
export async function issueApiKey(
  ctx: UseCaseContext,
  by: string,
  request: { name: string; window?: LimitWindow | undefined; batch: boolean },
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const { keyId, key, hash } = newApiKey();
  const apiKey: ApiKey = {
    keyId,
    name: request.name,
    hash,
    ...(request.window && { window: request.window }),
    batch: request.batch,
    issued: { at: ctx.now().toISOString(), by },
  };
  // Ten random characters: a taken id is a one-in-10^15 event, refused rather than overwritten.
  if ((await ctx.store.apiKeys.issue(apiKey)) === 'exists')
    throw new ConflictError({ zh: '密鑰編號衝突，請重試。', en: 'Key id taken; try again.' });
  // A new key has counted nothing yet.
  return { key, apiKey: viewOf(ctx, apiKey, []) };
}

/** Primary course: every key the office issued, newest first, with its usage. */
export async function apiKeysWithUsage(ctx: UseCaseContext): Promise<ApiKeyView[]> {
  return Promise.all((await ctx.store.apiKeys.list()).map((key) => usedViewOf(ctx, key)));
}

/** Primary course: a key stops working at once (403 in the spec's shape); its record and usage stay. */
export async function revokeApiKey(ctx: UseCaseContext, by: string, keyId: string, reason: string) {
  const outcome = await ctx.store.apiKeys.revoke(keyId, {
    at: ctx.now().toISOString(),
    by,
    reason,
  });
  if (outcome === 'unknown') throw new NotFoundError({ zh: '沒有這個密鑰。', en: 'No such API key.' });
  if (outcome === 'already')
    throw new ConflictError({ zh: '該密鑰已被撤銷。', en: 'The key is already revoked.' });
  return usedViewOf(ctx, outcome);
}
