// Health, the public configuration the web form needs, and the API's own description.
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { CHANNELS } from '../../shared/domain/petition.ts';
import { checkHealth } from '../../shared/usecases/health.ts';
import { defineRoute } from '../http/define-route.ts';
import { responses } from '../http/schemas.ts';

const PUBLIC_CACHE = { 'cache-control': 'public, max-age=300' };

export const health = defineRoute({
  route: 'GET /health',
  operationId: 'health',
  summary: 'Answers 200 when the table is reachable, 503 when not',
  access: 'public',
  responses: { 200: { description: 'Healthy', schema: () => z.object({ status: z.literal('ok') }) } },
  action: async (_request, ctx) => {
    await checkHealth(ctx);
    return { statusCode: 200, body: { status: 'ok' } };
  },
});

export const publicConfig = defineRoute({
  route: 'GET /config/public',
  operationId: 'publicConfig',
  summary:
    "The region's townships, categories, departments and receiving officials, for the pages and the console",
  access: 'public',
  responses: {
    200: { description: 'Codes with Chinese and English names', schema: () => responses().publicConfig },
  },
  action: async (_request, ctx) => {
    const { region, townships, categories, departments } = ctx.config.region;
    const named = ({ code, name }: { code: string; name: { zh: string; en: string } }) => ({ code, name });
    return {
      statusCode: 200,
      headers: PUBLIC_CACHE,
      body: {
        region: {
          code: region.code,
          name: region.name,
          timeZone: region.timeZone,
          language: region.language,
        },
        townships: townships.map(named),
        categories: categories.map(named),
        departments: departments.map(named),
        channels: CHANNELS,
      },
    };
  },
});

let document: Record<string, unknown> | undefined;

export const openApiDocument = defineRoute({
  route: 'GET /openapi.json',
  operationId: 'openapi',
  summary: 'This document',
  access: 'public',
  responses: { 200: { description: 'OpenAPI 3.1', schema: () => responses().record } },
  action: async (_request, ctx) => {
    // Built from every route when the stacks were synthesised, and read here on first use.
    if (!ctx.config.OPENAPI_FILE) throw new Error('This function was deployed without its OpenAPI document');
    document ??= JSON.parse(readFileSync(ctx.config.OPENAPI_FILE, 'utf8')) as Record<string, unknown>;
    return { statusCode: 200, body: document, headers: PUBLIC_CACHE };
  },
});
