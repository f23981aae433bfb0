// Staff decide a petitioner's request about their data with a reason (PIPL art. 50); the
// petitioner is told by a written notice.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { decideDataRequest } from '../../shared/usecases/data-rights.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseId, text } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

export const decideRequest = defineRoute({
  route: 'POST /cases/{id}/data-requests/{requestId}/decision',
  operationId: 'decideDataRequest',
  summary:
    "Grant or refuse a petitioner's request about their data, with the reason (a correction granted is made with the correction form first)",
  access: rolesFor('decide_data_request'),
  request: () => ({
    params: z.strictObject({ id: caseId, requestId: z.string().check(z.regex(/^R\d{3,}$/)) }),
    body: z.strictObject({ granted: z.boolean(), reason: text(2, 2000) }),
  }),
  responses: caseChanged('Decided; the petitioner is told with the reason'),
  errors: {
    404: `${NO_SUCH_CASE}, or no such request`,
    409: 'Decided already, or a deletion while the case is still being handled',
  },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await decideDataRequest(ctx, params.id, params.requestId, body, staff)),
});
