import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { VALID_ID_NUMBER, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
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
      name: { zh: '柳樹鄉', en: 'Liushu Township' },
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

  it('answers an unknown route with 404', async () => {
    const answer = await api.call('GET', '/nowhere');

    expect(answer.status).toBe(404);
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
