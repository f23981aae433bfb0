// The OpenAPI document as a checked contract: every response an integration test receives
// is checked against it (the status is declared for the route, the body matches the
// declared schema). A response outside the contract fails the test that received it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildOpenApi } from '../../functions/http/openapi.ts';
import { matchRoute } from '../../infra/local/http-server.ts';
import { projectRoot, SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { loadRegionConfig } from '../../shared/region.ts';

const DOCUMENT_ID = 'petition-desk.openapi.json';
export const CONTRACT_COUNTS_DIR = join(projectRoot, '.cache', 'contract');

const document = buildOpenApi(loadRegionConfig(SAMPLE_REGION_FILE));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(document, DOCUMENT_ID);

const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

let checked = 0;

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Throws with what is wrong when the answer is outside the contract. */
export function checkAgainstContract(method: string, path: string, answer: Answer): void {
  const contentType = answer.headers.get('content-type') ?? '';
  const found = matchRoute(method, new URL(path, 'http://local').pathname);
  const matched = found === 'malformed' ? undefined : found;
  let schemaRef: string;
  if (matched) {
    const { route } = matched;
    const operation = document.paths[route.path]?.[route.method.toLowerCase()] as
      | { responses: Record<string, { content: Record<string, unknown> }> }
      | undefined;
    if (!operation) throw new Error(`Contract: ${route.method} ${route.path} is not in the document`);
    const { responses } = operation;
    const declared = responses[String(answer.status)];
    if (!declared) {
      throw new Error(
        `Contract: ${route.method} ${route.path} answered ${answer.status}, which the document does not declare (${Object.keys(responses)})`,
      );
    }
    const mediaType = Object.keys(declared.content).find((type) => contentType.startsWith(type));
    if (!mediaType)
      throw new Error(`Contract: ${route.method} ${route.path} ${answer.status} answered ${contentType}`);
    if (mediaType !== 'application/json') {
      checked++;
      return;
    }
    schemaRef = `${DOCUMENT_ID}#/${pointer('paths', route.path, route.method.toLowerCase(), 'responses', String(answer.status), 'content', mediaType, 'schema')}`;
  } else {
    // Not an API route: a page, or the adapter's own answer (which has the one error shape).
    if (!contentType.startsWith('application/json')) return;
    schemaRef = `${DOCUMENT_ID}#/components/schemas/Error`;
  }
  const validate = ajv.getSchema(schemaRef);
  if (!validate) throw new Error(`Contract: no schema at ${schemaRef}`);
  if (!validate(answer.body)) {
    throw new Error(
      `Contract: ${method} ${path} ${answer.status} does not match its schema: ${ajv.errorsText(validate.errors)}`,
    );
  }
  checked++;
}

/** Leaves this test file's count for the run's summary (test/global-setup.ts). */
export function recordContractCount(file: string): void {
  mkdirSync(CONTRACT_COUNTS_DIR, { recursive: true });
  writeFileSync(join(CONTRACT_COUNTS_DIR, `${file}.json`), JSON.stringify({ checked }));
}
