// Every use case the application exports is driven by a unit test in this folder: a new one
// without its test fails here. The building blocks the use cases share are named below.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const USECASES = join(import.meta.dirname, '..', '..', '..', 'shared', 'usecases');
const TESTS = import.meta.dirname;

/** Not use cases: what the use cases are built from, tested through them. */
const BUILDING_BLOCKS = new Set([
  'caseFor',
  'applyPlan',
  'changeCases',
  'changeCasesWithPersonal',
  'caseByReceipt',
  'pause',
  'idempotencyWrite',
  'replayResult',
  'readsPersonalData',
  'issueDocument',
  'stepPlan',
  'enclosed',
]);

it('drives every exported use case in a unit test', () => {
  const exported = readdirSync(USECASES)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(USECASES, file), 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map(
        (m) => m[1] as string,
      ),
    );
  const tests = readdirSync(TESTS)
    .filter((file) => file.endsWith('.test.ts') && file !== 'every-use-case.test.ts')
    .map((file) => readFileSync(join(TESTS, file), 'utf8'))
    .join('\n');
  const useCases = exported.filter((name) => !BUILDING_BLOCKS.has(name));
  expect(useCases.length).toBeGreaterThan(40);
  expect(useCases.filter((name) => !new RegExp(`\\b${name}\\(`).test(tests))).toEqual([]);
});
