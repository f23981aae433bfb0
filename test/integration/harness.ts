// Drives the real handlers through the local HTTP adapter against DynamoDB Local.
// Each test file gets its own table; anything but a local endpoint is refused.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import {
  newDevSecrets,
  signDevToken,
  signRawDevToken,
  type TokenClaims,
} from '../../infra/local/dev-secrets.ts';
import { localStaffPassword } from '../../infra/local/identity-provider.ts';
import { SAMPLE_REGION_FILE, startApiServer, withWideLimits } from '../../infra/local/stack.ts';
import { dynamoClient } from '../../shared/store/dynamo.ts';
import { webPetition } from '../fixtures/petitions.ts';
import { checkAgainstContract, recordContractCount } from './contract.ts';

export interface TestApi {
  url: string;
  /** The local OpenID provider and its users' password, when the test runs one (`signIn`). */
  issuer?: string;
  staffPassword: string;
  outboxFile: string;
  tableName: string;
  doc: DynamoDBDocumentClient;
  token(claims: Partial<TokenClaims> & Pick<TokenClaims, 'roles'>): Promise<string>;
  /** A token of exactly these claims (no iat or exp unless given): tokens that must be refused. */
  rawToken(payload: Record<string, unknown>): Promise<string>;
  /** The Authorization header of a staff member with these claims. */
  as(claims: Partial<TokenClaims> & Pick<TokenClaims, 'roles'>): Promise<Record<string, string>>;
  call(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiAnswer>;
  /** Runs the stream consumers (the repeat check) on what the table's stream holds now. */
  drainStreams(): Promise<number>;
  /** The files bucket's local server. */
  filesEndpoint: string;
  /** Resolves once every upload received so far has been checked (as EventBridge would run it). */
  uploadsChecked(): Promise<void>;
  /** Writes items straight into the table, eight batch writers at a time (large seeds). */
  seedItems(items: Record<string, unknown>[]): Promise<void>;
  /** Every item in the table but the limiter's counts: for asserting that nothing was stored (tests only). */
  allItems(): Promise<Record<string, unknown>[]>;
  /** The limiter's count items (`LIMIT#…`). */
  limitWindows(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are asserted field by field in tests
  body: any;
  text: string;
}

/** `through` puts something local between the functions and DynamoDB Local (a pausable proxy). */
export async function startTestApi(
  options: {
    through?: (endpoint: string) => string;
    storeRequestTimeoutMs?: number;
    signIn?: boolean;
    /** Give the table its stream, for tests that run its consumers (`drainStreams`). */
    streams?: boolean;
    /** The functions' clock starts here and runs on: a test of a period that reads the same any day. */
    clockStartsAt?: string;
    /** The region's own client limits (the limiter's tests); otherwise wide ones that count but never refuse. */
    regionLimits?: boolean;
  } = {},
): Promise<TestApi> {
  const local = inject('dynamoDbEndpoint');
  const endpoint = options.through?.(local) ?? local;
  if (![local, endpoint].every((e) => /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(e))) {
    throw new Error(`Integration tests run only against DynamoDB Local, not ${endpoint}`);
  }
  const secrets = await newDevSecrets();
  const tableName = `test-${randomUUID()}`;
  const outboxFile = join(mkdtempSync(join(tmpdir(), 'petition-desk-outbox-')), 'outbox.jsonl');
  const server = await startApiServer(
    {
      port: 0,
      tableName,
      regionConfigFile: options.regionLimits ? SAMPLE_REGION_FILE : withWideLimits(),
      secrets,
      outboxFile,
      ...(options.storeRequestTimeoutMs && { storeRequestTimeoutMs: options.storeRequestTimeoutMs }),
      ...(options.signIn && { identityProviderPort: 0 }),
      tableStream: options.streams ?? false,
      ...(options.clockStartsAt && { clockStartsAt: options.clockStartsAt }),
    },
    endpoint,
  );
  // The test's own view of the table goes straight to DynamoDB Local.
  const client = dynamoClient(local);
  const doc = DynamoDBDocumentClient.from(client);
  const token: TestApi['token'] = (claims) =>
    signDevToken(
      secrets,
      { sub: `test-${claims.roles[0]}`, ...claims },
      server.issuer ? { issuer: server.issuer } : {},
    );
  async function everyItem() {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
  return {
    url: server.url,
    ...(server.issuer && { issuer: server.issuer }),
    staffPassword: localStaffPassword(secrets),
    outboxFile,
    tableName,
    doc,
    token,
    rawToken: (payload) => signRawDevToken(secrets, payload),
    filesEndpoint: server.files.endpoint,
    uploadsChecked: () => server.files.settled(),
    drainStreams: () =>
      server.streams ? server.streams.drain() : Promise.reject(new Error('startTestApi({ streams: true })')),
    as: async (claims) => ({ authorization: `Bearer ${await token(claims)}` }),
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body }),
      });
      // Decoded by hand so a byte-order mark stays visible to the test.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const answer = { status: response.status, headers: response.headers, body: parsed, text };
      checkAgainstContract(method, path, answer);
      return answer;
    },
    async seedItems(items) {
      const batches: Record<string, unknown>[][] = [];
      for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
      const writer = async (first: number) => {
        for (let b = first; b < batches.length; b += 8) {
          let requests = (batches[b] ?? []).map((Item) => ({ PutRequest: { Item } }));
          while (requests.length) {
            const answer = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
            requests = (answer.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
              r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
            );
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    },
    async allItems() {
      // The limiter's windows are counts, not what a request stored: limitWindows() reads them.
      return (await everyItem()).filter((item) => !String(item.PK).startsWith('LIMIT#'));
    },
    async limitWindows() {
      return (await everyItem()).filter((item) => String(item.PK).startsWith('LIMIT#'));
    },
    async close() {
      recordContractCount(tableName);
      await server.close();
      client.destroy();
    },
  };
}

/** A petition on the web form, accepted by a clerk and assigned by a supervisor to a department. */
export async function assignedPetition(api: TestApi, department: string, petition = webPetition()) {
  const { body } = await api.call('POST', '/petitions', { body: petition });
  await api.call('POST', `/cases/${body.caseId}/transitions`, {
    body: { action: 'accept', plan: '交辦' },
    headers: await api.as({ roles: ['clerk'] }),
  });
  await api.call('POST', `/cases/${body.caseId}/transitions`, {
    body: { action: 'assign', leadDepartment: department },
    headers: await api.as({ roles: ['supervisor'] }),
  });
  return {
    caseId: body.caseId as string,
    receiptCode: body.receiptCode as string,
    verifier: petition.petitioner.phone.slice(-4),
  };
}

/**
 * An opinion step drafted by `drafter` and signed off by the head (who may sign any matter):
 * the answer of the sign-off, as a step's answer was before sign-off existed.
 */
export async function signedOpinion(
  api: TestApi,
  caseId: string,
  drafter: Record<string, string>,
  body: Record<string, unknown>,
): Promise<ApiAnswer> {
  const drafted = await api.call('POST', `/cases/${caseId}/opinion-drafts`, { body, headers: drafter });
  if (drafted.status !== 200) return drafted;
  const { version, digest } = drafted.body.case.opinionDrafts.at(-1).versions.at(-1);
  return api.call('POST', `/cases/${caseId}/sign-off`, {
    body: { decision: 'sign', version, digest },
    headers: await api.as({ roles: ['head'], sub: 'head-1', officialId: 'off-09' }),
  });
}
