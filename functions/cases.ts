// Cases function: staff read a case file, its timeline, similar matters, and link duplicates.
import { firstTamperedEvent } from '../shared/domain/timeline.ts';
import { logger } from '../shared/logger.ts';
import { getTimeline } from '../shared/store/case-store.ts';
import { caseNotFound } from '../shared/usecases/change-cases.ts';
import { findSimilar, linkDuplicate, readCase, unlinkDuplicate } from '../shared/usecases/staff-cases.ts';
import { httpFunction } from './http/http-function.ts';

type CaseParams = { id: string };

export const handler = httpFunction('cases', {
  'GET /cases/{id}': async (request, ctx) => {
    const { id } = request.params as CaseParams;
    const { caseFile, personal, events, deadlines } = await readCase(ctx, id);
    // Reads of personal data leave a trace (who, which case); the data itself never does.
    if (personal) logger.info('personal data read', { caseId: id, staff: request.caller.actor.id });
    return {
      statusCode: 200,
      body: { case: caseFile, petitioner: personal ?? null, deadlines, timeline: events },
    };
  },
  'GET /cases/{id}/timeline': async (request, ctx) => {
    const { id } = request.params as CaseParams;
    const timeline = await getTimeline(ctx.store, id);
    if (timeline.length === 0) throw caseNotFound(id);
    const firstTampered = firstTamperedEvent(timeline) ?? null;
    return { statusCode: 200, body: { timeline, intact: firstTampered === null, firstTampered } };
  },
  'GET /cases/{id}/similar': async (request, ctx) => {
    const { id } = request.params as CaseParams;
    return { statusCode: 200, body: { similar: await findSimilar(ctx, id) } };
  },
  'PUT /cases/{id}/duplicate-of': async (request, ctx) => {
    const { id } = request.params as CaseParams;
    const { caseId, reason } = request.body as { caseId: string; reason: string };
    return { statusCode: 200, body: { case: await linkDuplicate(ctx, id, caseId, reason, request.caller) } };
  },
  'DELETE /cases/{id}/duplicate-of': async (request, ctx) => {
    const { id } = request.params as CaseParams;
    const { reason } = request.body as { reason: string };
    return { statusCode: 200, body: { case: await unlinkDuplicate(ctx, id, reason, request.caller) } };
  },
});
