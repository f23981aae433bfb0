// What a petition answers, whoever registers it (the web form, or staff: functions/cases):
// 201 with a new case file, 200 when the matter was on file and the submission joined it.
import type { PetitionIntake } from '../../shared/domain/petition.ts';
import type { UseCaseContext } from '../../shared/usecases/context.ts';
import type { IdempotencyRequest } from '../../shared/usecases/idempotency.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import type { ActionRequest, HttpResult, RequestSchemas } from '../http/define-route.ts';
import { responses } from '../http/schemas.ts';

export const intakeResponses = {
  201: { description: 'A new case file was opened', schema: () => responses().intakeResult },
  200: {
    description: 'The matter is already on file; this submission joined it',
    schema: () => responses().intakeResult,
  },
};

export async function intake(
  ctx: UseCaseContext,
  petition: PetitionIntake,
  { caller }: Pick<ActionRequest<RequestSchemas, 'public'>, 'caller'>,
  idempotency: IdempotencyRequest | undefined,
): Promise<HttpResult> {
  const result = await submitPetition(ctx, petition, caller, idempotency);
  return { statusCode: result.alreadyOnFile ? 200 : 201, body: result };
}
