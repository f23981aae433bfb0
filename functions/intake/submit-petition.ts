// Intake: the public web form (網上信訪) and staff registration of letters, visits, calls and
// referrals. A new matter opens a case file (201); a matter on file joins it (200).
import { petitionSchemas } from '../../shared/domain/petition.ts';
import { type IntakeResult, submitPetition } from '../../shared/usecases/submit-petition.ts';
import { defineRoute, type HttpResult } from '../http/define-route.ts';
import { idempotencyOf } from '../http/idempotency-key.ts';
import { responses } from '../http/schemas.ts';

const answer = (result: IntakeResult): HttpResult => ({
  statusCode: result.alreadyOnFile ? 200 : 201,
  body: result,
});

const intakeResponses = {
  201: { description: 'A new case file was opened', schema: () => responses().intakeResult },
  200: {
    description: 'The matter is already on file; this submission joined it',
    schema: () => responses().intakeResult,
  },
};

export const submitWebPetition = defineRoute({
  method: 'POST',
  path: '/petitions',
  operationId: 'submitPetition',
  summary: 'Submit a petition on the public web form (網上信訪)',
  access: 'public',
  request: (region) => ({ body: petitionSchemas(region).webPetition }),
  idempotent: true,
  responses: intakeResponses,
  action: async (request, ctx) =>
    answer(
      await submitPetition(
        ctx,
        { ...request.body, channel: 'web', receivedAt: ctx.now().toISOString() },
        request.caller,
        // The public has no identity to scope a key by: its keys share the form's scope.
        idempotencyOf(request, 'public:petitions'),
      ),
    ),
});

export const registerCase = defineRoute({
  method: 'POST',
  path: '/cases',
  operationId: 'registerCase',
  summary: 'Register a letter, visit, phone call or referral (staff)',
  access: ['clerk', 'supervisor', 'admin'],
  request: (region) => ({ body: petitionSchemas(region).staffCase }),
  idempotent: true,
  responses: intakeResponses,
  action: async (request, ctx) =>
    answer(
      await submitPetition(
        ctx,
        request.body,
        request.caller,
        idempotencyOf(request, `staff:${request.staff.sub}`),
      ),
    ),
});
