// No type assertion of a domain type in the application: types flow from the schemas and the
// ports instead (issue 29). The others are counted by `npm run casts`, each with its reason.
import { expect, it } from 'vitest';
import { typeAssertions } from '../../scripts/count-casts.ts';

it('asserts no domain type anywhere in functions/ and shared/', () => {
  const casts = typeAssertions();
  expect(casts.length).toBeGreaterThan(0);
  expect(casts.filter((c) => c.domain).map((c) => `${c.file}:${c.line} as ${c.type}`)).toEqual([]);
});
