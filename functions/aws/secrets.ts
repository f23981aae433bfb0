// A Secrets Manager secret's current value, read with one SigV4-signed call (no SDK client:
// the signer the functions already carry is enough).
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
