// The anchor reader signs its GET with SigV4: checked here against the algorithm written out
// independently (AWS Signature Version 4, single chunk, unsigned payload) on a local stub.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { s3AnchorReader } from '../../functions/anchors/anchor-store.ts';

const credentials = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const anchor = { day: '2026-11-27', heads: { c1: { seq: 3, hash: 'h' } }, digest: 'd', at: 'now' };
let origin: string;
let seen: IncomingMessage | undefined;
const server = createServer((request, response) => {
  seen = request;
  if (request.url?.includes('2026-11-27')) response.end(JSON.stringify(anchor));
  else response.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
});

beforeAll(async () => {
  Object.assign(process.env, credentials);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

/** SigV4 by the book, for the request the stub received. */
function expectedSignature(request: IncomingMessage, region: string, host: string): string {
  const amzDate = String(request.headers['x-amz-date']);
  const date = amzDate.slice(0, 8);
  const signedHeaders = 'host;x-amz-content-sha256;x-amz-date';
  const canonical = [
    'GET',
    request.url,
    '',
    `host:${host}\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:${amzDate}\n`,
    signedHeaders,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = [region, 's3', 'aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(`AWS4${credentials.AWS_SECRET_ACCESS_KEY}`, date),
  );
  return `AWS4-HMAC-SHA256 Credential=${credentials.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${signedHeaders}, Signature=${createHmac('sha256', key).update(toSign).digest('hex')}`;
}

it('reads the day with a valid SigV4 signature for the bucket in the China partition, and nothing for a missing day', async () => {
  const reader = s3AnchorReader('anchors-bucket', { region: 'cn-north-1', origin });

  const found = await reader.get('2026-11-27');
  const request = seen as IncomingMessage;
  const missing = await reader.get('2026-11-26');

  expect(found).toEqual(anchor);
  expect(request.url).toBe('/anchors/2026-11-27.json');
  expect(request.headers.host).toBe(origin.slice('http://'.length));
  expect(request.headers.authorization).toBe(
    expectedSignature(request, 'cn-north-1', 'anchors-bucket.s3.cn-north-1.amazonaws.com.cn'),
  );
  expect(missing).toBeUndefined();
  await expect(reader.put(anchor)).rejects.toThrow('anchors job only');
});
