// API keys for other systems (Open311): administrators issue, name, limit and revoke them;
// the key is shown once, only its hash is stored; each key's usage is counted.
import * as z from 'zod/mini';
import { limitWindow } from '../../shared/region.ts';
import { apiKeysWithUsage, issueApiKey, revokeApiKey } from '../../shared/usecases/open311.ts';
import { defineRoute } from '../http/define-route.ts';
import { text } from '../http/schemas.ts';

const usage = () => z.object({ requests: z.int(), refusals: z.int() });
// A key's own window, as the region file's windows are written.
const window = z.strictObject(limitWindow.shape);
const apiKeyView = () =>
  z.object({
    keyId: z.string(),
    name: z.string(),
    window: z.object({ requests: z.int(), seconds: z.int() }),
    ownWindow: z.boolean(),
    batch: z.boolean(),
    issued: z.object({ at: z.string(), by: z.string() }),
    revoked: z.nullable(z.object({ at: z.string(), by: z.string(), reason: z.string() })),
    usage: z.object({ lastDay: usage(), kept: usage() }),
  });

export const listApiKeys = defineRoute({
  route: 'GET /api-keys',
  operationId: 'listApiKeys',
  summary: 'The API keys issued to other systems (Open311), with their usage',
  access: ['admin'],
  responses: {
    200: { description: 'Every key, newest first', schema: () => z.object({ keys: z.array(apiKeyView()) }) },
  },
  action: async (_, ctx) => ({ statusCode: 200, body: { keys: await apiKeysWithUsage(ctx) } }),
});

export const issueKey = defineRoute({
  route: 'POST /api-keys',
  operationId: 'issueApiKey',
  summary: 'Issue an API key to a named system: the key is in this answer only',
  access: ['admin'],
  request: () => ({
    body: z.strictObject({
      name: text(2, 100),
      window: z.optional(window),
      batch: z._default(z.boolean(), false),
    }),
  }),
  responses: {
    201: {
      description: 'Issued; store the key now, it is never shown again',
      schema: () => z.object({ key: z.string(), apiKey: apiKeyView() }),
    },
  },
  errors: { 409: 'Key id taken (retry)' },
  action: async ({ body, staff }, ctx) => ({
    statusCode: 201,
    body: await issueApiKey(ctx, staff.sub, body),
  }),
});

export const revokeKey = defineRoute({
  route: 'POST /api-keys/{keyId}/revocation',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key at once, with the reason',
  access: ['admin'],
  request: () => ({
    params: z.strictObject({ keyId: z.string().check(z.regex(/^[A-Z0-9]{10}$/)) }),
    body: z.strictObject({ reason: text(2, 500) }),
  }),
  responses: { 200: { description: 'Revoked', schema: () => z.object({ apiKey: apiKeyView() }) } },
  errors: { 404: 'No such key', 409: 'Already revoked' },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 200,
    body: { apiKey: await revokeApiKey(ctx, staff.sub, params.keyId, body.reason) },
  }),
});
