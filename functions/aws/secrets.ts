// A Secrets Manager secret's current value, read with one SigV4-signed call (no SDK client:
// the signer the functions already carry is enough).
import { timingSafeEqual } from 'node:crypto';
import { UnavailableError } from '../../shared/errors.ts';
import { awsHost, signedSender } from './signed-request.ts';

export function secretReader(
  secretArn: string,
  { region = process.env.AWS_REGION ?? '', origin }: { region?: string; origin?: string } = {},
): () => Promise<string> {
  const send = signedSender('secretsmanager', region, origin);
  return async () => {
    const answer = await send({
      method: 'POST',
      host: awsHost('secretsmanager', region),
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body: JSON.stringify({ SecretId: secretArn }),
    });
    if (!answer.ok) throw new Error(`Reading the secret failed: HTTP ${answer.status}`);
    const { SecretString } = (await answer.json()) as { SecretString?: string };
    return SecretString ?? '';
  };
}

/**
 * A secret the configuration gives as its value (the local stack) or as the Secrets Manager
 * secret that holds it (AWS: never in the function's environment, which anyone who may read the
 * function's configuration can read). Read once, at cold start; a replaced secret has a new ARN,
 * so its functions start afresh. A failed read answers 503 and is tried again on the next call.
 */
export function configuredSecret(
  value: string | undefined,
  secretArn: string | undefined,
  where: { region?: string; origin?: string } = {},
): (() => Promise<string>) | undefined {
  if (value !== undefined) return async () => value;
  if (secretArn === undefined) return undefined;
  const read = secretReader(secretArn, where);
  let reading: Promise<string> | undefined;
  const source = () => {
    reading ??= read().catch((error: unknown) => {
      reading = undefined;
      throw new UnavailableError('A secret of the configuration cannot be read', { cause: error });
    });
    return reading;
  };
  source().catch(() => undefined);
  return source;
}

/** A secret as given (a header, a URL token) against the one kept, in constant time. */
export function sameSecret(given: string | undefined, kept: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(kept);
  return b.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}
