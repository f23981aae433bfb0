// Leaders' sign-off (领导签发): handlers draft opinions, the right leader signs or returns
// them; a supervisor may mark a matter major (then the head signs).
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { OPINION_STEPS, opinionDraftSchema } from '../../shared/domain/steps.ts';
import { decideOpinion, draftOpinion, markMajor } from '../../shared/usecases/sign-off.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, text } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

export const submitOpinionDraft = defineRoute({
  route: 'POST /cases/{id}/opinion-drafts',
  operationId: 'draftOpinion',
  summary:
    'Draft an opinion for sign-off, or revise the latest version (`revises`): it goes out only once signed',
  access: rolesFor(...OPINION_STEPS),
  request: () => ({ params: caseIdPath, body: opinionDraftSchema() }),
  responses: caseChanged('The case with the new version awaiting sign-off'),
  errors: {
    404: NO_SUCH_CASE,
    409: 'The state allows no such opinion now, another opinion is in draft, or `revises` is not the latest version',
  },
  action: async ({ params, body, staff }, ctx) => {
    const { revises, expectedVersion: _, ...text } = body;
    return caseAnswer(staff, await draftOpinion(ctx, params.id, text, staff, revises));
  },
});

export const signOffOpinion = defineRoute({
  route: 'POST /cases/{id}/sign-off',
  operationId: 'signOffOpinion',
  summary:
    'A leader signs the latest draft off (it goes out as the opinion) or returns it with comments; names the version and digest read',
  access: rolesFor('sign_off'),
  request: () => ({
    params: caseIdPath,
    body: z
      .strictObject({
        decision: z.enum(['sign', 'return']),
        version: z.int().check(z.positive()),
        digest: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
        comments: z.optional(text(2, 5000)),
      })
      .check(
        z.refine((b) => b.decision === 'sign' || b.comments !== undefined, {
          path: ['comments'],
          ...rule('退回须写明修改意见。', 'A return needs comments for the drafter.'),
        }),
      ),
  }),
  responses: caseChanged('Signed (the opinion issued, its notices written) or returned'),
  errors: {
    404: NO_SUCH_CASE,
    409: 'No draft awaiting sign-off, or it changed after it was opened (403: the drafter, a recused leader, one the region does not name, a deputy on a major matter)',
  },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await decideOpinion(ctx, params.id, body, staff)),
});

export const markCaseMajor = defineRoute({
  route: 'PUT /cases/{id}/gravity',
  operationId: 'markMajor',
  summary: 'Mark the matter major, with a reason: its opinions are then signed off by the head',
  access: rolesFor('mark_major'),
  request: () => ({ params: caseIdPath, body: z.strictObject({ reason: text(2, 2000) }) }),
  responses: caseChanged('Marked major'),
  errors: { 404: NO_SUCH_CASE, 409: 'Already marked' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await markMajor(ctx, params.id, body.reason, staff)),
});
