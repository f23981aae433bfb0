// The region's language (region file, `region.language`): system texts are written once, in
// Traditional characters, and shown in Simplified where the region writes Simplified (and as
// the Chinese of an English-first region). Only system texts are converted: the `zh` side of
// a {zh, en} pair, and the article of the regulation a deadline cites. A petitioner's own
// words never stand there and are never changed (a notice that quotes them is converted whole).
import { TS_CHARACTERS, TS_PHRASES, TW_VARIANTS } from './script-tables.ts';
import { pairMap } from './text.ts';

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type RegionLanguage = (typeof LANGUAGES)[number];

interface Conversion {
  variants: Map<string, string>;
  /** Phrases and characters in one table, matched longest first, as OpenCC's dictionary group. */
  table: Map<string, string>;
  longest: number;
}
let conversion: Conversion | undefined;

function simplifiedConversion(): Conversion {
  if (conversion) return conversion;
  const table = pairMap(TS_CHARACTERS);
  let longest = 1;
  for (const entry of TS_PHRASES.split('|')) {
    const [from = '', to = ''] = entry.split(' ');
    table.set(from, to);
    longest = Math.max(longest, from.length);
  }
  conversion = { variants: pairMap(TW_VARIANTS), table, longest };
  return conversion;
}

/** OpenCC's Traditional → Simplified: Taiwan variants, then phrases before characters. */
function toSimplified(text: string): string {
  const { variants, table, longest } = simplifiedConversion();
  let standard = '';
  for (const ch of text) standard += variants.get(ch) ?? ch;
  let out = '';
  for (let i = 0; i < standard.length; ) {
    let matched = false;
    for (let length = Math.min(longest, standard.length - i); length > 0; length--) {
      const to = table.get(standard.slice(i, i + length));
      if (to !== undefined) {
        out += to;
        i += length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      // One code point, whole (a character outside the Basic Plane is two code units).
      const ch = String.fromCodePoint(standard.codePointAt(i) as number);
      out += ch;
      i += ch.length;
    }
  }
  return out;
}

/**
 * How a system text reads in the region's script. OpenCC's own conversion (Taiwan variants,
 * then phrases before characters: 復核 stays 复核), not matching's character fold, which may
 * pick a variant no reader writes.
 */
export function regionScript(language: RegionLanguage): (text: string) => string {
  return language === 'zh-Hant' ? (text) => text : toSimplified;
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
