// Intake: the public web form (網上信訪) and staff registration of letters, visits, calls and
// referrals. A new matter opens a case file (201); a matter on file joins it (200).
import { type PetitionIntake, petitionSchemas } from '../../shared/domain/petition.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import type { IdempotencyRequest } from '../../shared/usecases/idempotency.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import {
  type ActionRequest,
  defineRoute,
  type HttpResult,
  type RequestSchemas,
} from '../http/define-route.ts';
import { idempotencyOf } from '../http/idempotency-key.ts';
import { responses } from '../http/schemas.ts';

const intakeResponses = {
  201: { description: 'A new case file was opened', schema: () => responses().intakeResult },
  200: {
    description: 'The matter is already on file; this submission joined it',
    schema: () => responses().intakeResult,
  },
};

async function intake(
  ctx: UseCaseContext,
  petition: PetitionIntake,
  { caller }: Pick<ActionRequest<RequestSchemas, 'public'>, 'caller'>,
  idempotency: IdempotencyRequest | undefined,
): Promise<HttpResult> {
  const result = await submitPetition(ctx, petition, caller, idempotency);
  return { statusCode: result.alreadyOnFile ? 200 : 201, body: result };
}

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
