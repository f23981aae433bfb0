// The anchors job writes each day once with one SigV4-signed PUT (no S3 client in its bundle):
// checked on a local stub against the algorithm written out independently (test/fixtures/sigv4.ts).
import type { IncomingMessage } from 'node:http';
import { expect, it } from 'vitest';
import { s3Anchors } from '../../functions/anchors/s3-anchors.ts';
import { expectedAuthorization, sha256Hex, stubService } from '../fixtures/sigv4.ts';

const anchor = { day: '2026-11-27', heads: { c1: { seq: 3, hash: 'h' } }, digest: 'd', at: 'now' };
const stored = new Map<string, string>();
let seen: { request: IncomingMessage; body: string } | undefined;
const stub = stubService((request, response, body) => {
  seen = { request, body };
  const key = String(request.url);
  // S3 with If-None-Match: * answers 412 when the key exists.
  if (request.method === 'PUT' && stored.has(key)) return response.writeHead(412).end();
  if (request.method === 'PUT') {
    stored.set(key, body);
    return response.writeHead(200).end();
  }
  const object = stored.get(key);
  if (object) response.end(object);
  else response.writeHead(404).end();
});

it('puts the day once, signed for the bucket in the China partition, and reads it back', async () => {
  const anchors = s3Anchors('anchors-bucket', { region: 'cn-north-1', origin: stub.origin() });

  expect(await anchors.put(anchor)).toBe('written');
  const { request, body } = seen ?? { request: undefined, body: '' };
  expect(body).toBe(JSON.stringify(anchor));
  expect(request?.method).toBe('PUT');
  expect(request?.url).toBe('/anchors/2026-11-27.json');
  expect(request?.headers['if-none-match']).toBe('*');
  const payloadHash = sha256Hex(body);
  expect(request?.headers['x-amz-checksum-sha256']).toBe(Buffer.from(payloadHash, 'hex').toString('base64'));
  const amzDate = String(request?.headers['x-amz-date']);
  expect(request?.headers.authorization).toBe(
    expectedAuthorization(
      {
        method: 'PUT',
        path: '/anchors/2026-11-27.json',
        service: 's3',
        region: 'cn-north-1',
        headers: {
          'content-type': 'application/json',
          host: 'anchors-bucket.s3.cn-north-1.amazonaws.com.cn',
          'if-none-match': '*',
          'x-amz-checksum-sha256': Buffer.from(payloadHash, 'hex').toString('base64'),
          'x-amz-content-sha256': payloadHash,
          'x-amz-date': amzDate,
        },
        payloadHash,
      },
      amzDate,
    ),
  );

  expect(await anchors.put({ ...anchor, digest: 'another' })).toBe('exists');
  expect(await anchors.get('2026-11-27')).toEqual(anchor);
});
