// Reception function: the published reception days, their upkeep, and triage at the desk.

import type { WebPetition } from '../shared/domain/petition.ts';
import type { Absence } from '../shared/domain/reception.ts';
import {
  coverageReport,
  publicReceptionDays,
  publishYear,
  recordAbsence,
  setReceivingOfficials,
  swapReceptionDay,
} from '../shared/usecases/reception.ts';
import { dayQueue, triage } from '../shared/usecases/triage.ts';
import { type HttpRequest, httpFunction } from './http/http-function.ts';

const ok = (body: unknown) => ({ statusCode: 200, body });
const yearOf = (request: HttpRequest) => Number((request.params as { year: string }).year);

export const handler = httpFunction('reception', {
  'GET /reception-days': async (request, ctx) => {
    const { from, to } = request.query as { from: string; to: string };
    return {
      ...ok({ days: await publicReceptionDays(ctx, from, to) }),
      headers: { 'cache-control': 'public, max-age=300' },
    };
  },
  'PUT /reception/officials': async (request, ctx) =>
    ok(await setReceivingOfficials(ctx, (request.body as { officialIds: string[] }).officialIds)),
  'POST /reception/absences': async (request, ctx) => ok(await recordAbsence(ctx, request.body as Absence)),
  'POST /reception/calendar/{year}': async (request, ctx) =>
    ok(await publishYear(ctx, yearOf(request), (request.body as { replace?: boolean }).replace ?? false)),
  'POST /reception/swaps': async (request, ctx) => {
    const { date, out, in: into } = request.body as { date: string; out: string; in: string };
    return ok(await swapReceptionDay(ctx, date, out, into));
  },
  'GET /reception/coverage/{year}': async (request, ctx) => ok(await coverageReport(ctx, yearOf(request))),
  'POST /reception/triage': async (request, ctx) =>
    ok(await triage(ctx, request.body as { receiptCode?: string; petition?: WebPetition }, request.caller)),
  'GET /reception/queue': async (request, ctx) =>
    ok({ queue: await dayQueue(ctx, (request.query as { date: string }).date) }),
});
