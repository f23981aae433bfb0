// The HTTP shell refuses at build a staff route in a function built without a token verifier
// (public functions are built without one, so their bundles carry no JWT code).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../../functions/cases/register-case.ts';
import { httpFunction } from '../../functions/http/http-function.ts';
import { submitWebPetition } from '../../functions/intake/submit-petition.ts';
import { newDevSecrets } from '../../infra/local/dev-secrets.ts';
import { localEnvironment, projectRoot, SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { staffTokenVerifier } from '../../shared/auth.ts';

beforeAll(async () => {
  const options = {
    port: 0,
    tableName: 'unused',
    regionConfigFile: SAMPLE_REGION_FILE,
    secrets: await newDevSecrets(),
    outboxFile: join(projectRoot, '.cache', 'http-function-outbox.jsonl'),
  };
  // Configuration only: no request is served, so nothing reaches this endpoint.
  Object.assign(process.env, localEnvironment(options, 'http://127.0.0.1:9'));
});

describe('httpFunction', () => {
  it('builds a public function without a verifier, and refuses a staff route without one', () => {
    expect(typeof httpFunction('public', [submitWebPetition])).toBe('function');
    expect(typeof httpFunction('staff', [submitWebPetition, registerCase], {}, staffTokenVerifier)).toBe(
      'function',
    );
    expect(() => httpFunction('mixed', [submitWebPetition, registerCase])).toThrow(
      'mixed serves the staff route POST /cases without a token verifier',
    );
  });
});
