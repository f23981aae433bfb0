// Linking a case into another as a duplicate of the same matter, undoing the link, and
// confirming or dismissing a suggested similar matter.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { linkDuplicate, unlinkDuplicate } from '../../shared/usecases/duplicates.ts';
import { reviewSimilar } from '../../shared/usecases/similar-matters.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseId, caseIdPath, responses, text } from '../http/schemas.ts';
import { caseAnswer } from './answers.ts';

export const linkAsDuplicate = defineRoute({
  route: 'PUT /cases/{id}/duplicate-of',
  operationId: 'linkDuplicate',
  summary: 'Link this case into another as a duplicate (staff)',
  access: rolesFor('link_duplicate'),
  request: () => ({ params: caseIdPath, body: z.strictObject({ caseId, reason: text(2, 500) }) }),
  responses: { 200: { description: 'Linked', schema: () => responses().caseResult } },
  errors: {
    404: 'No such case',
    409: 'Self-link, already linked, or the target is itself a duplicate',
  },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await linkDuplicate(ctx, params.id, body.caseId, body.reason, staff)),
});

export const undoDuplicateLink = defineRoute({
  route: 'DELETE /cases/{id}/duplicate-of',
  operationId: 'unlinkDuplicate',
  summary: 'Undo a duplicate link, with a reason (staff)',
  access: rolesFor('link_duplicate'),
  request: () => ({ params: caseIdPath, body: z.strictObject({ reason: text(2, 500) }) }),
  responses: { 200: { description: 'Unlinked', schema: () => responses().caseResult } },
  errors: { 404: 'No such case', 409: 'The case is not linked' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await unlinkDuplicate(ctx, params.id, body.reason, staff)),
});

export const reviewSimilarMatter = defineRoute({
  route: 'PUT /cases/{id}/similar/{otherId}',
  operationId: 'reviewSimilar',
  summary:
    'Confirm or dismiss a suggested similar matter; recorded on the case, nothing automatic follows (staff)',
  access: rolesFor('review_similar'),
  request: () => ({
    params: z.strictObject({ id: caseId, otherId: caseId }),
    body: z.strictObject({ decision: z.enum(['confirmed', 'dismissed']) }),
  }),
  responses: { 200: { description: 'Recorded', schema: () => responses().caseResult } },
  errors: { 404: 'No such case', 409: 'A case compared with itself' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await reviewSimilar(ctx, params.id, params.otherId, body.decision, staff)),
});
