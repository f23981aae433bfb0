// The region's language (region file, `region.language`): system texts are written once, in
// Traditional characters, and shown in Simplified where the region writes Simplified (and as
// the Chinese of an English-first region). Only system texts are converted: the `zh` side of
// a {zh, en} pair, and the article of the regulation a deadline cites. A petitioner's own
// words never stand there and are never changed (a notice that quotes them is converted whole).
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import tsPhrases from 'opencc-js/dict/TSPhrases';
import twVariants from 'opencc-js/dict/TWVariantsRev';

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type RegionLanguage = (typeof LANGUAGES)[number];

let toSimplified: ConverterFunction | undefined;

/**
 * How a system text reads in the region's script. OpenCC's own conversion (Taiwan variants,
 * then phrases before characters: 復核 stays 复核), not matching's character fold, which may
 * pick a variant no reader writes.
 */
export function regionScript(language: RegionLanguage): (text: string) => string {
  if (language === 'zh-Hant') return (text) => text;
  return (text) => {
    toSimplified ??= ConverterFactory([twVariants], [tsPhrases, tsCharacters]);
    return toSimplified(text);
  };
}

const isPair = (value: object): value is { zh: string; en: string } =>
  typeof (value as { zh?: unknown }).zh === 'string' && typeof (value as { en?: unknown }).en === 'string';

/** A copy of an answer with every {zh, en} pair's Chinese in the region's script. */
export function inRegionScript<T>(value: T, script: (text: string) => string): T {
  if (Array.isArray(value)) return value.map((item) => inRegionScript(item, script)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = key === 'article' && typeof item === 'string' ? script(item) : inRegionScript(item, script);
  }
  if (isPair(value)) copy.zh = script(value.zh);
  return copy as T;
}
