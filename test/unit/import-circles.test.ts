// No module imports itself through others: a circle pulls a whole floor into a bundle that
// needs a corner of it (the meta function carried every route to build its document), and
// leaves vocabulary in the wrong files. Every import counts, type-only and dynamic ones too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const FOLDERS = ['functions', 'shared', 'infra', 'scripts', 'web/src', 'web/console/src'];

const modules = FOLDERS.flatMap((folder) =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts') && !file.includes('node_modules'))
    .map((file) => join(root, folder, file)),
);
const known = new Set(modules);
const imports = new Map(
  modules.map((file) => [
    file,
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name))
      .filter((target) => known.has(target)),
  ]),
);

/** The import circles: strongly connected sets of more than one module, or a module importing itself. */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (module: string) => {
    index.set(module, next);
    low.set(module, next++);
    stack.push(module);
    for (const target of imports.get(module) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(module, Math.min(low.get(module) ?? 0, low.get(target) ?? 0));
      } else if (stack.includes(target))
        low.set(module, Math.min(low.get(module) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(module) !== index.get(module)) return;
    const set: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member) set.push(relative(root, member));
    } while (member && member !== module);
    if (set.length > 1 || imports.get(module)?.includes(module)) found.push(set.sort());
  };
  for (const module of modules) if (!index.has(module)) visit(module);
  return found;
}

describe('imports', () => {
  it('reads every module of the project', () => {
    expect(modules.length).toBeGreaterThan(100);
    expect([...imports.values()].flat().length).toBeGreaterThan(300);
  });

  it('form no circle', () => {
    expect(circles()).toEqual([]);
  });
});
