// Staff registration of letters, visits, calls and referrals (登記): the same intake as the
// web form, served by the staff function so the public one carries no token verification.
import { petitionSchemas } from '../../shared/domain/petition.ts';
import { defineRoute } from '../http/define-route.ts';
import { idempotencyOf } from '../http/idempotency-key.ts';
import { intake, intakeResponses } from '../intake/intake-answer.ts';

export const registerCase = defineRoute({
  route: 'POST /cases',
  operationId: 'registerCase',
  summary: 'Register a letter, visit, phone call or referral (staff)',
  access: ['clerk', 'supervisor', 'admin'],
  request: (region) => ({ body: petitionSchemas(region).staffCase }),
  idempotent: true,
  responses: intakeResponses,
  action: (request, ctx) =>
    intake(ctx, request.body, request, idempotencyOf(request, `staff:${request.staff.sub}`)),
});
