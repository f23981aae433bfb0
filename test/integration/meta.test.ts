import { request as httpRequest } from 'node:http';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forStaff } from '../../functions/http/define-route.ts';
import { routes } from '../../functions/routes.ts';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { buildWeb } from '../../infra/web-build.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { VALID_ID_NUMBER, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  // The pages this file asks for: built here, not left to whichever test file builds first.
  buildWeb({ language: loadRegionConfig(SAMPLE_REGION_FILE).region.language });
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('meta routes', () => {
  it('answers GET /health with 200 when the table is reachable', async () => {
    const answer = await api.call('GET', '/health');

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it("lists the region's townships and categories with both names for the web form", async () => {
    const answer = await api.call('GET', '/config/public');

    expect(answer.status).toBe(200);
    expect(answer.body.townships).toContainEqual({
      code: 'liushu',
      name: { zh: '柳树乡', en: 'Liushu Township' },
    });
    expect(answer.body.categories.map((c: { code: string }) => c.code)).toContain('labour');
    expect(answer.text).not.toContain('off-01');
  });

  it('serves an OpenAPI 3.1 document covering every route, generated from the schemas', async () => {
    const answer = await api.call('GET', '/openapi.json');

    expect(answer.body.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(answer.body.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(
        route.operationId,
      );
    }
    const form = answer.body.paths['/petitions'].post.requestBody.content['application/json'].schema;
    expect(form.additionalProperties).toBe(false);
    expect(form.properties.township.enum).toContain('liushu');
    expect(form.properties.representatives.maxItems).toBe(5);
  });

  it("answers an unknown route with 404 in the one error shape and the region's script", async () => {
    const answer = await api.call('GET', '/nowhere');

    expect(answer.status).toBe(404);
    // The sample county writes Simplified: the adapter's own texts too (没有, not 沒有).
    expect(answer.body.error).toMatchObject({
      code: 'not_found',
      message: { zh: '没有这个路径。', en: 'No such route.' },
    });
  });

  it('answers a malformed percent-escape in a path parameter with 400, not 500', async () => {
    const answer = await api.call('GET', '/petitions/%E0%A4%A?verifier=1234');

    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'bad_request', message: { zh: '请求格式不正确。' } });
  });

  it('answers an oversized header block with a JSON 431', async () => {
    const { status, contentType, body } = await rawGet('/health', { 'x-filler': 'x'.repeat(20_000) });

    expect(status).toBe(431);
    expect(contentType).toContain('application/json');
    expect(JSON.parse(body).error.code).toBe('headers_too_large');
  });

  it('routes a request with a malformed Host header as any other', async () => {
    const { status } = await rawGet('/health', { host: 'bad host:x:y' });

    expect(status).toBe(200);
  });
});

/** A GET with headers fetch would not send (an oversized block, a malformed Host). */
function rawGet(path: string, headers: Record<string, string>) {
  const url = new URL(api.url);
  return new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? '',
          body,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('security headers', () => {
  it('sends them on a page, with a strict content security policy', async () => {
    const page = await fetch(`${api.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';

    expect(page.status).toBe(200);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('strict-transport-security')).toContain('max-age=');
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
  });

  it.each(['/health', '/config/public', '/nowhere'])('sends them on the API answer of %s', async (path) => {
    const answer = await api.call('GET', path);

    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security')).toContain('max-age=');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the OpenAPI document as a contract', () => {
  it("lints with zero errors under Redocly's recommended rules", async () => {
    const document = (await api.call('GET', '/openapi.json')).text;
    const config = await createConfig({ extends: ['recommended'] });

    const problems = await lintFromString({ source: document, absoluteRef: '/openapi.json', config });

    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual(
      [],
    );
    expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  });

  it('marks public operations as needing no token and staff ones with their roles', async () => {
    const { body } = await api.call('GET', '/openapi.json');

    expect(body.servers).toHaveLength(1);
    for (const route of routes) {
      const operation = body.paths[route.path][route.method.toLowerCase()];
      if (route.access === 'public') {
        expect(operation.security).toEqual([]);
        expect(operation['x-roles']).toBeUndefined();
      } else if (route.access === 'apiKey') {
        expect(operation.security).toEqual([{ apiKey: [] }]);
        expect(operation['x-roles']).toBeUndefined();
      } else {
        expect(operation.security).toEqual([{ staffToken: [] }]);
        expect(operation['x-roles']).toEqual(route.access);
      }
    }
  });

  it("declares every status the API can send, each error in the one error shape (Open311's list on its routes)", async () => {
    const { body } = await api.call('GET', '/openapi.json');

    for (const route of routes) {
      const responses = body.paths[route.path][route.method.toLowerCase()].responses;
      const statuses = Object.keys(responses);
      expect(statuses).toEqual(expect.arrayContaining(['429', '500', '503']));
      if (forStaff(route.access)) expect(statuses).toEqual(expect.arrayContaining(['401', '403']));
      if (route.access === 'apiKey') expect(statuses).toEqual(expect.arrayContaining(['403']));
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect(responses[status].content['application/json'].schema).toEqual({
          $ref: route.open311 ? '#/components/schemas/Open311Errors' : '#/components/schemas/Error',
        });
      }
    }
  });

  it('publishes the roles the act table admits (admin does not link duplicates)', async () => {
    const { body } = await api.call('GET', '/openapi.json');

    expect(body.paths['/cases/{id}/duplicate-of'].put['x-roles']).toEqual(['clerk', 'supervisor']);
  });
});

describe('personal data in logs', () => {
  it('never writes the ID number, phone or name of a petitioner to the log', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    };
    const log = vi.spyOn(console, 'log').mockImplementation(capture);
    const error = vi.spyOn(console, 'error').mockImplementation(capture);
    const petition = webPetition({
      petitioner: { name: '獨特姓名', phone: '13912345678', idNumber: VALID_ID_NUMBER },
    });
    try {
      await api.call('POST', '/petitions', { body: petition });
      await api.call('POST', '/petitions', { body: { ...petition, consent: false } });
      await api.call('GET', '/petitions/AAAA-AAA-AAA?verifier=5678');
    } finally {
      log.mockRestore();
      error.mockRestore();
    }

    const output = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(output).not.toContain('13912345678');
    expect(output).not.toContain(VALID_ID_NUMBER);
    expect(output).not.toContain('獨特姓名');
  });
});
