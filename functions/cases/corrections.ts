// A clerk corrects a case file, with a reason.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { phone } from '../../shared/domain/petition.ts';
import { correctCase } from '../../shared/usecases/corrections.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, categoryCode, departmentCode, text, townshipCode } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

export const correctCaseFile = defineRoute({
  route: 'POST /cases/{id}/corrections',
  operationId: 'correctCase',
  summary:
    'Correct the category, township, bodies complained about, matter text or contact details, with a reason',
  access: rolesFor('correct'),
  request: (region) => ({
    params: caseIdPath,
    body: z.strictObject({
      reason: text(2, 1000),
      category: z.optional(categoryCode(region)),
      township: z.optional(townshipCode(region)),
      complainsAbout: z.optional(z.array(departmentCode(region)).check(z.maxLength(5))),
      subject: z.optional(text(2, 100)),
      description: z.optional(text(5, 5000)),
      phone: z.optional(phone),
      address: z.optional(text(2, 200)),
    }),
  }),
  responses: caseChanged('Corrected; matching records, counters and the personal-data log follow'),
  errors: {
    404: NO_SUCH_CASE,
    409: 'Nothing to correct, the case is resolved, a handler would be accused, or the matter is on file as another case',
  },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await correctCase(ctx, params.id, body, staff)),
});
