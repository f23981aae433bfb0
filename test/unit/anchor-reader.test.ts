// The anchor reader signs its GET with SigV4: checked on a local stub against the algorithm
// written out independently (test/fixtures/sigv4.ts).
import type { IncomingMessage } from 'node:http';
import { expect, it } from 'vitest';
import { s3AnchorReader } from '../../functions/anchors/anchor-store.ts';
import { expectedAuthorization, stubService } from '../fixtures/sigv4.ts';

const anchor = { day: '2026-11-27', heads: { c1: { seq: 3, hash: 'h' } }, digest: 'd', at: 'now' };
let seen: IncomingMessage | undefined;
const stub = stubService((request, response) => {
  seen = request;
  if (request.url?.includes('2026-11-27')) response.end(JSON.stringify(anchor));
  else response.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
});

it('reads the day with a valid SigV4 signature for the bucket in the China partition, and nothing for a missing day', async () => {
  const origin = stub.origin();
  const reader = s3AnchorReader('anchors-bucket', { region: 'cn-north-1', origin });

  const found = await reader.get('2026-11-27');
  const request = seen as IncomingMessage;
  const missing = await reader.get('2026-11-26');

  expect(found).toEqual(anchor);
  expect(request.url).toBe('/anchors/2026-11-27.json');
  expect(request.headers.host).toBe(origin.slice('http://'.length));
  const amzDate = String(request.headers['x-amz-date']);
  expect(request.headers.authorization).toBe(
    expectedAuthorization(
      {
        method: 'GET',
        path: '/anchors/2026-11-27.json',
        service: 's3',
        region: 'cn-north-1',
        headers: {
          host: 'anchors-bucket.s3.cn-north-1.amazonaws.com.cn',
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
          'x-amz-date': amzDate,
        },
        payloadHash: 'UNSIGNED-PAYLOAD',
      },
      amzDate,
    ),
  );
  expect(missing).toBeUndefined();
  await expect(reader.put(anchor)).rejects.toThrow('anchors job only');
});
