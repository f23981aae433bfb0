// The handling desk: a department acknowledges an assigned case and asks for an extension,
// the head decides it; staff follow up an opinion; auditors read the personal-data log.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import {
  acknowledgeCase,
  askForExtension,
  decideExtensionRequest,
  personalDataLog,
  recordFollowUp,
} from '../../shared/usecases/handling-desk.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, text } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

export const acknowledgeAssignment = defineRoute({
  route: 'POST /cases/{id}/acknowledgement',
  operationId: 'acknowledgeCase',
  summary: 'A department acknowledges receipt of an assigned case (簽收), within the region’s hours',
  access: rolesFor('acknowledge'),
  request: () => ({ params: caseIdPath }),
  responses: caseChanged('Acknowledged; the acknowledgement deadline is met'),
  errors: { 404: NO_SUCH_CASE, 409: 'Not in your inbox, or already acknowledged' },
  action: async ({ params, staff }, ctx) => caseAnswer(staff, await acknowledgeCase(ctx, params.id, staff)),
});

export const requestExtension = defineRoute({
  route: 'POST /cases/{id}/extension-request',
  operationId: 'requestExtension',
  summary: 'The handling department asks for an extension, with its reason, before the due date',
  access: rolesFor('request_extension'),
  request: () => ({
    params: caseIdPath,
    body: z.strictObject({ days: z.int().check(z.minimum(1), z.maximum(30)), reason: text(2, 2000) }),
  }),
  responses: caseChanged('Asked; it waits in the approvals queue'),
  errors: {
    404: NO_SUCH_CASE,
    409: 'Not the handling department, past the due date, or already extended or asked',
  },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await askForExtension(ctx, params.id, body, staff)),
});

export const decideExtension = defineRoute({
  route: 'POST /cases/{id}/extension-request/decision',
  operationId: 'decideExtension',
  summary: 'The head approves or refuses an extension request before the due date (art. 34)',
  access: rolesFor('decide_extension'),
  request: () => ({
    params: caseIdPath,
    body: z.strictObject({ approve: z.boolean(), note: text(2, 2000) }),
  }),
  responses: caseChanged('Decided; an approval extends the period and tells the petitioner why'),
  errors: { 404: NO_SUCH_CASE, 409: 'No request waiting, or past the due date' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await decideExtensionRequest(ctx, params.id, body, staff)),
});

export const followUpCall = defineRoute({
  route: 'POST /cases/{id}/follow-ups',
  operationId: 'recordFollowUp',
  summary:
    'A follow-up call after the opinion (回訪); a dissatisfied one caused by the handling may send the case back',
  access: rolesFor('follow_up'),
  request: () => ({
    params: caseIdPath,
    body: z.strictObject({
      reached: z.boolean(),
      satisfied: z.optional(z.boolean()),
      causedByHandling: z.optional(z.boolean()),
      sendBack: z.optional(z.boolean()),
      notes: text(2, 5000),
    }),
  }),
  responses: caseChanged('Recorded (and sent back, when asked and allowed)'),
  errors: { 404: NO_SUCH_CASE, 409: 'No opinion yet, or the case cannot be sent back' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await recordFollowUp(ctx, params.id, body, staff)),
});

export const personalDataReads = defineRoute({
  route: 'GET /cases/{id}/reads',
  operationId: 'personalDataLog',
  summary: "Who read or changed the petitioner's personal data, when, with which roles (auditors)",
  access: rolesFor('read_personal_log'),
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description: 'The log, oldest first',
      schema: () =>
        z.object({
          reads: z.array(
            z.object({
              at: z.string(),
              by: z.string(),
              roles: z.array(z.string()),
              changed: z.optional(z.array(z.string())),
              /** The file opened, for an opening of an attachment. */
              opened: z.optional(z.string()),
              /** Why, for an archivist's look-up of restricted personal data. */
              reason: z.optional(z.string()),
            }),
          ),
        }),
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) => ({
    statusCode: 200,
    body: { reads: await personalDataLog(ctx, params.id, staff) },
  }),
});
