// The part of s3rver (3.7, untyped) the local files server uses.
declare module 's3rver' {
  import type { Server } from 'node:http';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  interface S3EventRecord {
    eventName: string;
    s3: { bucket: { name: string }; object: { key: string; size?: number } };
  }

  /** The Koa context the middleware sees (the few fields used). */
  interface RequestContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    type: string;
    body: unknown;
  }
  export type Middleware = (ctx: RequestContext, next: () => Promise<void>) => Promise<void>;

  export default class S3rver {
    /** Koa's middleware stack (s3rver is a Koa application): composed when it starts. */
    middleware: Middleware[];
    /** Its filesystem store. */
    store: {
      listObjects(bucket: string, options: { prefix?: string }): Promise<{ objects: Array<{ key: string }> }>;
    };
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: { Records: S3EventRecord[] }) => void): this;
    httpServer?: Server;
  }
}
