// Who may call a public route now: each client counted in its window (限流) before anything
// else is read or written, and an Open311 client known by its key.
import { type ApiKey, keyIdOf, keyMatches } from '../domain/api-keys.ts';
import { addressClient, apiKeyClaim, type LimitClaim, publicClaim } from '../domain/client-limits.ts';
import { parseReceiptCode } from '../domain/receipt-code.ts';
import { ApiKeyRefusedError, TooManyRequestsError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';

async function take(ctx: UseCaseContext, claims: LimitClaim[]): Promise<void> {
  const outcome = await ctx.store.clientLimits.take(claims, ctx.now().getTime());
  if (!outcome.allowed) throw new TooManyRequestsError(outcome.retryAfterSeconds);
}

/**
 * Primary course: count a public request in its address's window and, on a route about one
 * petition, in its receipt code's (one write, or one transaction of two); a full window
 * answers when the next opens.
 */
export async function admitPublicRequest(
  ctx: UseCaseContext,
  request: { address: string; receiptCode?: string; operationId: string },
): Promise<void> {
  const peppers = await ctx.peppers();
  const { region } = ctx.config;
  await take(ctx, [
    publicClaim('address', addressClient(request.address), peppers, region, request.operationId),
    // One window per code however it is typed (case, spaces, dashes), as the look-up reads it.
    ...(request.receiptCode
      ? [
          publicClaim(
            'receiptCode',
            parseReceiptCode(request.receiptCode) ?? request.receiptCode,
            peppers,
            region,
            request.operationId,
          ),
        ]
      : []),
  ]);
}

/**
 * Primary course: find the key by the id it carries, check it is the one issued and not
 * revoked (a missing, unknown or revoked key: 403, the same answer).
 */
export async function identifyClient(ctx: UseCaseContext, presented: string | undefined): Promise<ApiKey> {
  const keyId = presented ? keyIdOf(presented) : undefined;
  const key = keyId ? await ctx.store.apiKeys.get(keyId) : undefined;
  if (!presented || !key || key.revoked || !keyMatches(presented, key))
    throw new ApiKeyRefusedError('api key refused');
  return key;
}

/** Primary course: count the client's request in its key's window; a full window answers when the next opens. */
export async function admitClientRequest(ctx: UseCaseContext, key: ApiKey): Promise<void> {
  await take(ctx, [apiKeyClaim(key.keyId, key.window, ctx.config.region)]);
}

/** An answer refused to a client (4xx), counted in its usage. */
export async function countClientRefusal(ctx: UseCaseContext, key: ApiKey): Promise<void> {
  await ctx.store.clientLimits.countRefusal(
    apiKeyClaim(key.keyId, key.window, ctx.config.region),
    ctx.now().getTime(),
  );
}
