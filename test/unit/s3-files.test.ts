// The files' bucket over signed requests: each request's SigV4 signature checked on a local stub
// against the algorithm written out independently (test/fixtures/sigv4.ts), the upload form's
// POST policy decoded and its signature computed again here.
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { expect, it } from 'vitest';
import { s3Files } from '../../functions/attachments/s3-files.ts';
import { expectedAuthorization, sha256Hex, stubService, TEST_CREDENTIALS } from '../fixtures/sigv4.ts';

const objects = new Map<string, Buffer>();
const seen: Array<{ request: IncomingMessage; body: string }> = [];
/** Two pages of ListObjectVersions for the prefix erased, the second after the first's markers. */
const LISTING = [
  `<ListVersionsResult><IsTruncated>true</IsTruncated><NextKeyMarker>cases/c1/a1</NextKeyMarker><NextVersionIdMarker>v2</NextVersionIdMarker>
   <Version><Key>cases/c1/a1</Key><VersionId>v1</VersionId></Version>
   <DeleteMarker><Key>cases/c1/a1</Key><VersionId>v2</VersionId></DeleteMarker></ListVersionsResult>`,
  `<ListVersionsResult><IsTruncated>false</IsTruncated>
   <Version><Key>cases/c1/a1.redacted</Key><VersionId>v3&amp;x</VersionId></Version></ListVersionsResult>`,
];

const stub = stubService((request, response, body) => {
  seen.push({ request, body });
  const url = new URL(String(request.url), 'http://stub');
  if (url.searchParams.has('versions')) {
    if (url.searchParams.get('prefix') !== 'cases/c1/') return response.end('<ListVersionsResult/>');
    return response.end(LISTING[url.searchParams.get('key-marker') === 'cases/c1/a1' ? 1 : 0]);
  }
  if (url.searchParams.has('delete')) return response.end('<DeleteResult/>');
  const key = String(request.url);
  if (request.method === 'PUT') {
    objects.set(key, Buffer.from(body, 'latin1'));
    return response.writeHead(200).end();
  }
  if (request.method === 'DELETE') {
    objects.delete(key);
    return response.writeHead(204).end();
  }
  const object = objects.get(key);
  if (object) response.end(object);
  else response.writeHead(404).end();
});

const KEY = 'cases/20261206-ABCDEFGH/K3M9Q/kept';
const files = () => s3Files('files-bucket', { region: 'cn-north-1', origin: stub.origin() });

it('writes, reads and removes an object, each request signed for the bucket in the China partition', async () => {
  const bytes = new TextEncoder().encode('%PDF-1.7 a scanned letter');
  await files().write(KEY, bytes, 'application/pdf');
  const put = seen.at(-1);
  const payloadHash = sha256Hex(Buffer.from(bytes).toString('latin1'));
  const amzDate = String(put?.request.headers['x-amz-date']);
  expect(put?.request.url).toBe(`/${KEY}`);
  expect(put?.request.headers.authorization).toBe(
    expectedAuthorization(
      {
        method: 'PUT',
        path: `/${KEY}`,
        service: 's3',
        region: 'cn-north-1',
        headers: {
          'content-type': 'application/pdf',
          host: 'files-bucket.s3.cn-north-1.amazonaws.com.cn',
          'x-amz-checksum-sha256': Buffer.from(payloadHash, 'hex').toString('base64'),
          'x-amz-content-sha256': payloadHash,
          'x-amz-date': amzDate,
        },
        payloadHash,
      },
      amzDate,
    ),
  );
  expect(Buffer.from((await files().read(KEY)) ?? []).toString()).toBe('%PDF-1.7 a scanned letter');
  await files().remove(KEY);
  expect(seen.at(-1)?.request.method).toBe('DELETE');
  expect(await files().read(KEY)).toBeUndefined();
});

it('signs an upload form whose policy names the key, a size range and a deadline', async () => {
  const expiresAt = new Date(Date.now() + 5 * 60_000);
  const { url, fields } = await files().uploadForm('uploads/cases/c1/a1', {
    maxBytes: 10_485_760,
    expiresAt,
  });
  expect(url).toBe(`${stub.origin()}/`);
  const policy = JSON.parse(Buffer.from(String(fields.policy), 'base64').toString()) as {
    expiration: string;
    conditions: unknown[];
  };
  expect(policy.expiration).toBe(expiresAt.toISOString());
  expect(policy.conditions).toEqual(
    expect.arrayContaining([
      { bucket: 'files-bucket' },
      { key: 'uploads/cases/c1/a1' },
      ['content-length-range', 1, 10_485_760],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
    ]),
  );
  const day = String(fields['x-amz-date']).slice(0, 8);
  expect(fields['x-amz-credential']).toBe(
    `${TEST_CREDENTIALS.AWS_ACCESS_KEY_ID}/${day}/cn-north-1/s3/aws4_request`,
  );
  // The signing key of the day, region and service, written out again: AWS's POST policy recipe.
  const step = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = step(
    step(step(step(`AWS4${TEST_CREDENTIALS.AWS_SECRET_ACCESS_KEY}`, day), 'cn-north-1'), 's3'),
    'aws4_request',
  );
  expect(fields['x-amz-signature']).toBe(
    createHmac('sha256', signingKey).update(String(fields.policy)).digest('hex'),
  );
});

it('opens an object for a minute under the file’s own name', async () => {
  const link = new URL(await files().openingUrl(KEY, '現場照片.jpg', 60));
  expect(link.pathname).toBe(`/${KEY}`);
  expect(link.searchParams.get('X-Amz-Expires')).toBe('60');
  expect(link.searchParams.get('X-Amz-Credential')).toMatch(/\/cn-north-1\/s3\/aws4_request$/);
  expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  expect(link.searchParams.get('response-content-disposition')).toBe(
    `inline; filename*=UTF-8''${encodeURIComponent('現場照片.jpg')}`,
  );
});

it('erases every version and delete marker under a case, page after page, each request signed with its query', async () => {
  seen.length = 0;
  expect(await files().eraseEveryVersion(['uploads/cases/c1/', 'cases/c1/'])).toBe(3);
  const deletes = seen.filter((s) => s.request.method === 'POST');
  expect(deletes.map((d) => d.body)).toEqual([
    '<Delete><Quiet>true</Quiet><Object><Key>cases/c1/a1</Key><VersionId>v1</VersionId></Object><Object><Key>cases/c1/a1</Key><VersionId>v2</VersionId></Object></Delete>',
    '<Delete><Quiet>true</Quiet><Object><Key>cases/c1/a1.redacted</Key><VersionId>v3&amp;x</VersionId></Object></Delete>',
  ]);
  const second = seen.filter((s) => s.request.method === 'GET')[2];
  expect(second?.request.url).toBe(
    '/?key-marker=cases%2Fc1%2Fa1&prefix=cases%2Fc1%2F&version-id-marker=v2&versions=',
  );
  const amzDate = String(second?.request.headers['x-amz-date']);
  expect(second?.request.headers.authorization).toBe(
    expectedAuthorization(
      {
        method: 'GET',
        path: '/',
        query: 'key-marker=cases%2Fc1%2Fa1&prefix=cases%2Fc1%2F&version-id-marker=v2&versions=',
        service: 's3',
        region: 'cn-north-1',
        headers: {
          host: 'files-bucket.s3.cn-north-1.amazonaws.com.cn',
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
          'x-amz-date': amzDate,
        },
        payloadHash: 'UNSIGNED-PAYLOAD',
      },
      amzDate,
    ),
  );
});

/** A bucket that lists a version and refuses to delete it (DeleteObjects answers 200 with an Error). */
const refusing = stubService((request, response) => {
  if (String(request.url).includes('versions')) return response.end(LISTING[1]);
  return response.end(
    '<DeleteResult><Error><Key>cases/c1/a1.redacted</Key><Code>AccessDenied</Code></Error></DeleteResult>',
  );
});

it('fails an erasure S3 answers with an error for one of the versions', async () => {
  const bucket = s3Files('files-bucket', { region: 'cn-north-1', origin: refusing.origin() });
  await expect(bucket.eraseEveryVersion(['cases/c1/'])).rejects.toThrow(/AccessDenied/);
});
