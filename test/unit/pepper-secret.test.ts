// The hashing functions read their peppers from Secrets Manager with one signed call: the
// request checked on a local stub against SigV4 written out (test/fixtures/sigv4.ts), the
// refresh, and what a container does when the secret cannot be read.
import type { IncomingMessage } from 'node:http';
import { expect, it } from 'vitest';
import { PEPPER_REFRESH_MS, refreshing, secretsManagerPeppers } from '../../functions/aws/peppers.ts';
import { configuredSecret, sameSecret } from '../../functions/aws/secrets.ts';
import { expectedAuthorization, sha256Hex, stubService } from '../fixtures/sigv4.ts';

const arn = 'arn:aws-cn:secretsmanager:cn-northwest-1:222222222222:secret:petition-desk/pepper-AbCdEf';
const v1 = 'the-first-pepper-of-32-characters-at-least';
let secret = JSON.stringify({ current: 'v1', v1 });
let seen: { request: IncomingMessage; body: string } | undefined;
const stub = stubService((request, response, body) => {
  seen = { request, body };
  if (secret === 'down') response.writeHead(503).end();
  else response.end(JSON.stringify({ ARN: arn, Name: 'petition-desk/pepper', SecretString: secret }));
});
const secretReader = () => secretsManagerPeppers(arn, { region: 'cn-northwest-1', origin: stub.origin() });

it('asks GetSecretValue with a valid SigV4 signature in the China partition and reads the ring', async () => {
  const ring = await secretReader()();

  const { request, body } = seen as { request: IncomingMessage; body: string };
  const amzDate = String(request.headers['x-amz-date']);
  expect(ring).toEqual({ current: 'v1', versions: { v1 } });
  expect(JSON.parse(body)).toEqual({ SecretId: arn });
  expect(request.method).toBe('POST');
  expect(request.headers.authorization).toBe(
    expectedAuthorization(
      {
        method: 'POST',
        path: '/',
        service: 'secretsmanager',
        region: 'cn-northwest-1',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          host: 'secretsmanager.cn-northwest-1.amazonaws.com.cn',
          'x-amz-content-sha256': sha256Hex(body),
          'x-amz-date': amzDate,
          'x-amz-target': 'secretsmanager.GetSecretValue',
        },
        payloadHash: sha256Hex(body),
      },
      amzDate,
    ),
  );
});

it('keeps the ring for a while, picks up a new version after, and keeps the old ring if the refresh fails', async () => {
  let clock = 0;
  const source = refreshing(secretReader(), () => clock);
  secret = JSON.stringify({ current: 'v1', v1 });
  expect((await source()).current).toBe('v1');

  const v2 = 'the-second-pepper-of-32-characters-at-least';
  secret = JSON.stringify({ current: 'v2', v1, v2 });
  clock = PEPPER_REFRESH_MS - 1;
  expect((await source()).current).toBe('v1');
  clock = PEPPER_REFRESH_MS + 1;
  expect(await source()).toEqual({ current: 'v2', versions: { v1, v2 } });

  secret = 'down';
  clock = 3 * PEPPER_REFRESH_MS;
  expect((await source()).current).toBe('v2');
});

it('answers 503 (UnavailableError) when the first read fails, and reads again on the next call', async () => {
  let clock = 0;
  const source = refreshing(secretReader(), () => clock);
  secret = 'down';
  await expect(source()).rejects.toMatchObject({ name: 'UnavailableError' });
  secret = JSON.stringify({ current: 'v1', v1: 'short' });
  clock = 1;
  await expect(source()).rejects.toMatchObject({ name: 'UnavailableError' });
  secret = JSON.stringify({ current: 'v1', v1 });
  expect((await source()).current).toBe('v1');
});

// A second secret: the origin header's value or the SMS report token, read by its ARN.
let configured: string | 'down' = 'down';
let configuredReads = 0;
const configuredStub = stubService((_request, response) => {
  configuredReads++;
  if (configured === 'down') response.writeHead(503).end();
  else response.end(JSON.stringify({ SecretString: configured }));
});
const configuredSource = () =>
  configuredSecret(undefined, arn, { region: 'cn-northwest-1', origin: configuredStub.origin() });

it('reads a secret of the configuration once by its ARN, answers 503 while it cannot, then keeps it', async () => {
  const token = 'the-sms-report-token-of-48-characters-xxxxxxxxxxx';
  configured = 'down';
  const source = configuredSource();
  if (!source) throw new Error('no source');

  await expect(source()).rejects.toMatchObject({ name: 'UnavailableError' });
  configured = token;
  const readsBefore = configuredReads;
  expect(sameSecret(token, await source())).toBe(true);
  expect(sameSecret(`${token.slice(0, -1)}Y`, await source())).toBe(false);
  expect(sameSecret(undefined, await source())).toBe(false);
  expect(configuredReads - readsBefore).toBe(1);
});

it('takes the value itself locally, and no secret at all when neither is given', async () => {
  expect(await configuredSecret('local-value', arn)?.()).toBe('local-value');
  expect(configuredSecret(undefined, undefined)).toBeUndefined();
  expect(sameSecret('', '')).toBe(false);
});
