// Intake: the public web form (網上信訪). Staff registration of letters, visits, calls and
// referrals answers the same way (functions/cases/register-case.ts).
import { petitionSchemas } from '../../shared/domain/petition.ts';
import { defineRoute } from '../http/define-route.ts';
import { idempotencyOf } from '../http/idempotency-key.ts';
import { intake, intakeResponses } from './intake-answer.ts';

export const submitWebPetition = defineRoute({
  route: 'POST /petitions',
  operationId: 'submitPetition',
  summary: 'Submit a petition on the public web form (網上信訪)',
  access: 'public',
  request: (region) => ({ body: petitionSchemas(region).webPetition }),
  idempotent: true,
  responses: intakeResponses,
  action: (request, ctx) =>
    intake(
      ctx,
      { ...request.body, channel: 'web', receivedAt: ctx.now().toISOString() },
      request,
      // The public has no identity to scope a key by: its keys share the form's scope.
      idempotencyOf(request, 'public:petitions'),
    ),
});
