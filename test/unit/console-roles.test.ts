// The console asks the API what the caller may do (the operations' published roles, the case's
// mayNow and mayView) and keeps no copy of the act table: no list of roles in its sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROLE = "'(clerk|official|department|supervisor|admin|auditor)'";
const consoleRoot = join(import.meta.dirname, '..', '..', 'web', 'console', 'src');
const sources = readdirSync(consoleRoot, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => ({ file, text: readFileSync(join(consoleRoot, file), 'utf8') }));

describe('the console', () => {
  it('names no list of roles that may do a thing', () => {
    const lists = sources.filter(({ text }) => new RegExp(`\\[\\s*${ROLE},\\s*${ROLE}`).test(text));
    expect(lists.map(({ file }) => file)).toEqual([]);
  });

  it('checks no role by name (it asks may(operation), mayNow or mayView)', () => {
    const checks = sources.filter(({ text }) =>
      /\.(has|includes)\('(clerk|supervisor|admin|auditor|department)'\)/.test(text),
    );
    expect(checks.map(({ file }) => file)).toEqual([]);
  });
});
