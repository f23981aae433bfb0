// Intake function: the public web form, staff registration, and status by receipt code.

import type { Rating } from '../shared/domain/case.ts';
import type { StaffCaseInput, WebPetition } from '../shared/domain/petition.ts';
import { checkStatus } from '../shared/usecases/check-status.ts';
import { rateHandling } from '../shared/usecases/rate-handling.ts';
import { submitPetition } from '../shared/usecases/submit-petition.ts';
import { type HttpRequest, httpFunction, idempotencyKey } from './http/http-function.ts';

function idempotencyOf(request: HttpRequest, scope: string) {
  const key = idempotencyKey(request);
  return key === undefined ? undefined : { scope, key, body: request.body };
}

export const handler = httpFunction('intake', {
  'POST /petitions': async (request, ctx) => {
    const petition = request.body as WebPetition;
    // The public has no identity to scope a key by: a key is scoped to the public form.
    return submitPetition(
      ctx,
      { ...petition, channel: 'web', receivedAt: ctx.now().toISOString() },
      request.caller,
      idempotencyOf(request, 'public:petitions'),
    );
  },
  'POST /cases': async (request, ctx) =>
    submitPetition(
      ctx,
      request.body as StaffCaseInput,
      request.caller,
      idempotencyOf(request, `staff:${request.caller.actor.id}`),
    ),
  'POST /petitions/{receiptCode}/rating': async (request, ctx) => {
    const { receiptCode } = request.params as { receiptCode: string };
    const { verifier, rating, comment } = request.body as {
      verifier: string;
      rating: Rating;
      comment?: string;
    };
    return { statusCode: 200, body: await rateHandling(ctx, receiptCode, verifier, rating, comment) };
  },
  'GET /petitions/{receiptCode}': async (request, ctx) => {
    const { receiptCode } = request.params as { receiptCode: string };
    const { verifier } = request.query as { verifier: string };
    return { statusCode: 200, body: await checkStatus(ctx, receiptCode, verifier) };
  },
});
