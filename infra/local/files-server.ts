// The local stack's files bucket: s3rver, an S3-compatible server on npm that runs in this
// process, takes browser POST uploads and presigned GETs, and emits S3's event records (here
// sent on as the EventBridge "Object Created" events the file-check function reads on AWS).
// It does not check V4 signatures or enforce a POST policy: the tests check the policy the API
// signs, and the file-check function refuses what the policy would have (size, type) itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver, { type Middleware } from 's3rver';
import type { ObjectCreated } from '../../functions/file-check/handler.ts';
import { UPLOADS_PREFIX } from '../../shared/domain/attachments.ts';

export const LOCAL_FILES_BUCKET = 'petition-desk-files';
/** s3rver's own account: the functions sign with it locally. */
export const LOCAL_FILES_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

// The pages upload from another origin (the local API's port); the deployed bucket names the site's.
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface FilesServer {
  endpoint: string;
  /** Resolves when every upload received so far has been checked (tests wait on it). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function objectCreated(bucket: string, key: string, size?: number): ObjectCreated {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: { object: { key, ...(size !== undefined && { size }) } },
  };
}

/** As the deployed rule does (4 retries), sooner: a failed check runs again. */
async function withRetries(run: () => Promise<unknown>, retries = 4): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (retries === 0) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return withRetries(run, retries - 1);
  }
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * ListObjectVersions, which s3rver lacks (it keeps no versions): each object as its one
 * version `null`, as S3 lists a bucket that never had versioning. A disposal lists a case's
 * versions and deletes them (s3rver's DeleteObjects deletes the key a version names).
 */
function listVersions(server: S3rver): Middleware {
  return async (ctx, next) => {
    const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    if (ctx.method !== 'GET' || !bucket || ctx.query.versions === undefined) return next();
    const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
    const { objects } = await server.store.listObjects(bucket, { prefix });
    const versions = objects
      .map(
        ({ key }) =>
          `<Version><Key>${xmlText(key)}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest></Version>`,
      )
      .join('');
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult><Name>${bucket}</Name><Prefix>${xmlText(prefix)}</Prefix><IsTruncated>false</IsTruncated>${versions}</ListVersionsResult>`;
  };
}

export async function startFilesServer(options: {
  host: string;
  /** Keeps the files between runs; omitted, a folder removed on close. */
  directory?: string;
  /** Called for each upload that arrives, as EventBridge calls the file-check function. */
  onUpload: (event: ObjectCreated) => Promise<unknown>;
  log: (line: string) => void;
}): Promise<FilesServer> {
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'petition-desk-files-')));
  const server = new S3rver({
    address: options.host,
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: LOCAL_FILES_BUCKET, configs: [CORS] }],
  });
  server.middleware.unshift(listVersions(server));
  const pending = new Set<Promise<unknown>>();
  server.on('event', ({ Records }) => {
    for (const record of Records) {
      const { key, size } = record.s3.object;
      if (!record.eventName.startsWith('ObjectCreated:') || !key.startsWith(UPLOADS_PREFIX)) continue;
      const run = withRetries(() => options.onUpload(objectCreated(record.s3.bucket.name, key, size)))
        .catch((error: unknown) => options.log(`file check of ${key} failed: ${String(error)}`))
        .finally(() => pending.delete(run));
      pending.add(run);
    }
  });
  const { address, port } = await server.run();
  return {
    endpoint: `http://${address}:${port}`,
    async settled() {
      while (pending.size) await Promise.all(pending);
    },
    async close() {
      await server.close();
      if (!options.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}
