// Meta function: health, the public configuration for the web form, and the OpenAPI document.
import { CHANNELS } from '../shared/domain/petition.ts';
import { UnavailableError } from '../shared/errors.ts';
import { errorFields, logger } from '../shared/logger.ts';
import { pingTable } from '../shared/store/case-store.ts';
import { httpFunction } from './http/http-function.ts';
import { buildOpenApi } from './http/openapi.ts';

let openApi: unknown;

export const handler = httpFunction('meta', {
  'GET /health': async (_request, ctx) => {
    try {
      await pingTable(ctx.store);
    } catch (error) {
      logger.error('health check failed', errorFields(error));
      throw new UnavailableError('table unreachable', { cause: error });
    }
    return { statusCode: 200, body: { status: 'ok' } };
  },
  'GET /config/public': async (_request, ctx) => {
    const { region, townships, categories, departments } = ctx.config.region;
    const named = ({ code, name }: { code: string; name: { zh: string; en: string } }) => ({ code, name });
    return {
      statusCode: 200,
      headers: { 'cache-control': 'public, max-age=300' },
      body: {
        region: { code: region.code, name: region.name },
        townships: townships.map(named),
        categories: categories.map(named),
        departments: departments.map(named),
        channels: CHANNELS,
      },
    };
  },
  'GET /openapi.json': async (_request, ctx) => {
    openApi ??= buildOpenApi(ctx.config.region);
    return { statusCode: 200, body: openApi, headers: { 'cache-control': 'public, max-age=300' } };
  },
});
