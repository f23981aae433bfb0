// The files' bucket over signed requests (no S3 client in the bundle): a browser upload form
// signed with a POST policy (the server's key, a size range, a deadline), reads, writes and
// removals signed with SigV4, and opening links presigned for a minute under the file's name.
import { createHash, createHmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { filesConfig } from '../../shared/config.ts';
import type { FileStorage } from '../../shared/usecases/ports.ts';
import { awsHost, signedSender, signerFor } from '../aws/signed-request.ts';

export interface BucketOptions {
  region?: string;
  /** Where requests go instead (a test's stub), still signed for the real host. */
  origin?: string;
  /**
   * An S3-compatible server addressed path-style (the local stack's), signed for its own host;
   * without it, the region's S3 endpoint, virtual-hosted.
   */
  endpoint?: string;
}

/** A file's bytes may take longer than a small object's 2 s (50 MB at 10 MB/s is 5 s). */
const FILE_TIMEOUT_MS = 30_000;

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
/** 20261206T050000Z, as SigV4 dates its requests. */
const amzDate = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The POST policy's signature: the SigV4 signing key of the day, region and service over the policy. */
function postPolicySignature(secret: string, day: string, region: string, policy: string): string {
  const key = ['s3', 'aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(`AWS4${secret}`, day), region),
  );
  return createHmac('sha256', key).update(policy).digest('hex');
}

/** The bucket the function's configuration names (read and checked at cold start). */
export function configuredFiles(): FileStorage {
  const { FILES_BUCKET, FILES_ENDPOINT } = filesConfig();
  return s3Files(FILES_BUCKET, { ...(FILES_ENDPOINT && { endpoint: FILES_ENDPOINT }) });
}

export function s3Files(
  bucket: string,
  { region = process.env.AWS_REGION ?? '', origin, endpoint }: BucketOptions = {},
): FileStorage {
  const local = endpoint ? new URL(endpoint) : undefined;
  const host = local?.host ?? awsHost(`${bucket}.s3`, region);
  const base = origin ?? local?.origin ?? `https://${host}`;
  const send = signedSender('s3', region, base);
  const signer = signerFor('s3', region);
  const at = (key: string) =>
    `${local ? `/${bucket}` : ''}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const bucketPath = local ? `/${bucket}/` : '/';
  const ok = async (answer: Response, what: string) => {
    if (!answer.ok) throw new Error(`${what} failed: HTTP ${answer.status}`);
    return answer;
  };
  /** DeleteObjects of exact versions; an error for any one of them fails the whole erasure. */
  const deleteVersions = async (versions: Array<{ key: string; versionId: string }>) => {
    const body = `<Delete><Quiet>true</Quiet>${versions
      .map(
        (v) => `<Object><Key>${xmlText(v.key)}</Key><VersionId>${xmlText(v.versionId)}</VersionId></Object>`,
      )
      .join('')}</Delete>`;
    const digest = createHash('sha256').update(body).digest();
    const answer = await ok(
      await send({
        method: 'POST',
        host,
        path: bucketPath,
        query: { delete: '' },
        headers: {
          'content-type': 'application/xml',
          'x-amz-content-sha256': digest.toString('hex'),
          'x-amz-checksum-sha256': digest.toString('base64'),
        },
        body,
        timeoutMs: FILE_TIMEOUT_MS,
      }),
      'Deleting versions',
    );
    const failed = (await answer.text()).match(/<Error>[\s\S]*?<\/Error>/);
    if (failed) throw new Error(`Deleting versions failed: ${failed[0]}`);
  };
  return {
    async uploadForm(key, { maxBytes, expiresAt }) {
      const credentials = await fromEnv()();
      const now = new Date();
      const date = amzDate(now);
      const credential = `${credentials.accessKeyId}/${date.slice(0, 8)}/${region}/s3/aws4_request`;
      const signed: Record<string, string> = {
        key,
        'x-amz-algorithm': 'AWS4-HMAC-SHA256',
        'x-amz-credential': credential,
        'x-amz-date': date,
        ...(credentials.sessionToken && { 'x-amz-security-token': credentials.sessionToken }),
      };
      const policy = Buffer.from(
        JSON.stringify({
          expiration: expiresAt.toISOString(),
          conditions: [
            { bucket },
            ...Object.entries(signed).map(([field, value]) => ({ [field]: value })),
            ['content-length-range', 1, maxBytes],
          ],
        }),
      ).toString('base64');
      const signature = postPolicySignature(credentials.secretAccessKey, date.slice(0, 8), region, policy);
      return {
        url: `${base}${local ? `/${bucket}` : ''}/`,
        fields: { ...signed, policy, 'x-amz-signature': signature },
      };
    },
    async read(key) {
      const answer = await send({
        method: 'GET',
        host,
        path: at(key),
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        timeoutMs: FILE_TIMEOUT_MS,
      });
      if (answer.status === 404) return undefined;
      return new Uint8Array(await (await ok(answer, `Reading ${key}`)).arrayBuffer());
    },
    async write(key, bytes, contentType) {
      const digest = createHash('sha256').update(bytes).digest();
      await ok(
        await send({
          method: 'PUT',
          host,
          path: at(key),
          headers: {
            'content-type': contentType,
            'x-amz-content-sha256': digest.toString('hex'),
            'x-amz-checksum-sha256': digest.toString('base64'),
          },
          // A copy on its own buffer: what fetch takes as a body.
          body: new Uint8Array(bytes),
          timeoutMs: FILE_TIMEOUT_MS,
        }),
        `Writing ${key}`,
      );
    },
    async remove(key) {
      await ok(
        await send({
          method: 'DELETE',
          host,
          path: at(key),
          headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        }),
        `Removing ${key}`,
      );
    },
    async eraseEveryVersion(prefixes) {
      let erased = 0;
      for (const prefix of prefixes) {
        let marker: Record<string, string> = {};
        for (;;) {
          const listed = await send({
            method: 'GET',
            host,
            path: bucketPath,
            query: { versions: '', prefix, ...marker },
            headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
          });
          const page = listedVersions(await (await ok(listed, `Listing ${prefix}`)).text());
          // At most 1,000 a request, as a page of the listing is.
          if (page.versions.length) await deleteVersions(page.versions);
          erased += page.versions.length;
          if (!page.next) break;
          marker = page.next;
        }
      }
      return erased;
    },
    async openingUrl(key, name, seconds) {
      const presigned = await signer.presign(
        {
          method: 'GET',
          protocol: local?.protocol ?? 'https:',
          hostname: host,
          path: at(key),
          headers: { host },
          query: { 'response-content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(name)}` },
        },
        { expiresIn: seconds },
      );
      const query = new URLSearchParams(
        Object.entries(presigned.query ?? {}).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
      );
      return `${base}${presigned.path}?${query}`;
    },
  };
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlValue = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const element = (xml: string, name: string) => {
  const found = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
  return found === undefined ? undefined : xmlValue(found);
};

/**
 * One page of ListObjectVersions: the versions and delete markers (both are versions to remove),
 * and where the next page starts.
 */
export function listedVersions(xml: string) {
  const versions = [...xml.matchAll(/<(Version|DeleteMarker)>([\s\S]*?)<\/\1>/g)].flatMap(([, , entry]) => {
    const key = entry && element(entry, 'Key');
    const versionId = entry && element(entry, 'VersionId');
    return key !== undefined && versionId !== undefined ? [{ key, versionId }] : [];
  });
  const truncated = element(xml, 'IsTruncated') === 'true';
  const keyMarker = element(xml, 'NextKeyMarker');
  const versionMarker = element(xml, 'NextVersionIdMarker');
  const next =
    truncated && keyMarker !== undefined
      ? {
          'key-marker': keyMarker,
          ...(versionMarker !== undefined && { 'version-id-marker': versionMarker }),
        }
      : undefined;
  return { versions, next };
}
