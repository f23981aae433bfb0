// The script tables generated at build time (shared/domain/script-tables.ts) convert exactly
// as OpenCC does: checked against opencc-js itself, which the functions no longer bundle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConverterFactory } from 'opencc-js/core';
import hkVariants from 'opencc-js/dict/HKVariantsRev';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import tsPhrases from 'opencc-js/dict/TSPhrases';
import twVariants from 'opencc-js/dict/TWVariantsRev';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/local/stack.ts';
import { dictionaryPairs, scriptTablesSource } from '../../scripts/lib/script-tables.ts';
import { regionScript } from '../../shared/domain/region-script.ts';
import { toSimplified } from '../../shared/domain/text.ts';
import evaluation from '../fixtures/similar-matters.json' with { type: 'json' };

/** Every run of Chinese text in the project's own sources: the system texts the region script converts. */
function systemTexts(): string[] {
  const texts = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.startsWith('script-tables'))
        for (const run of readFileSync(path, 'utf8').match(
          /[\p{Script=Han}，。、；：（）〔〕「」0-9A-Za-z ]{2,}/gu,
        ) ?? [])
          if (/\p{Script=Han}/u.test(run)) texts.add(run);
    }
  };
  for (const dir of ['shared', 'functions', 'web/src']) walk(join(projectRoot, dir));
  return [...texts];
}

describe('script tables', () => {
  it('are what the generator writes from the installed OpenCC dictionaries (npm run script-tables)', () => {
    expect(readFileSync(join(projectRoot, 'shared', 'domain', 'script-tables.ts'), 'utf8')).toBe(
      scriptTablesSource(),
    );
  });

  it('convert system texts, phrases in context and petitions exactly as OpenCC does', () => {
    const opencc = ConverterFactory([twVariants], [tsPhrases, tsCharacters]);
    const phrases = dictionaryPairs(tsPhrases).map(([from]) => from);
    const petitions = evaluation.matters.flatMap((m) =>
      m.messages.flatMap((x) => [x.subject, x.description]),
    );
    const corpus = [
      ...systemTexts(),
      ...phrases,
      // Each phrase between the characters of its neighbours, where segmentation could differ.
      ...phrases.map((phrase, i) => `${phrases[i - 1] ?? ''}${phrase}${phrases[i + 1] ?? ''}`),
      ...dictionaryPairs(tsCharacters).map(([from]) => `${from}裡`),
      ...petitions,
    ];
    expect(corpus.length).toBeGreaterThan(2000);
    const convert = regionScript('zh-Hans');
    const differing = corpus.filter((text) => convert(text) !== opencc(text));
    expect(differing).toEqual([]);
  });

  it('fold every character of the dictionaries for matching as the variant-then-Simplified chain', () => {
    // The fold as it was built from the dictionaries at run time before the tables were generated.
    const expected = new Map<string, string>();
    for (const dictionary of [twVariants, hkVariants, tsCharacters])
      for (const [from, to] of dictionaryPairs(dictionary)) expected.set(from, expected.get(to) ?? to);
    for (const [from, to] of expected) {
      const next = expected.get(to);
      if (next && next !== to) expected.set(from, next);
    }
    const differing = [...expected].filter(([from, to]) => toSimplified(from) !== to);
    expect(expected.size).toBeGreaterThan(3500);
    expect(differing).toEqual([]);
  });
});
