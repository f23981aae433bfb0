// Text normalisation for matching petitions (see docs/matching.md). Residents type either
// script (繁體 / 简体) and either width (全角 / 半角); both must count as the same text.
// The character tables are OpenCC's (shared/domain/script-tables.ts, generated at build time);
// phrase tables are left out: for matching, a character map is enough.
import { HK_VARIANTS, TS_CHARACTERS, TW_VARIANTS } from './script-tables.ts';

/** A table of code-point pairs (from, to, from, to, ...) as a map. */
export function pairMap(pairs: string, into = new Map<string, string>()): Map<string, string> {
  let from: string | undefined;
  for (const ch of pairs) {
    if (from === undefined) from = ch;
    else {
      into.set(from, ch);
      from = undefined;
    }
  }
  return into;
}

let toSimplifiedMap: Map<string, string> | undefined;

function simplifiedMap(): Map<string, string> {
  if (toSimplifiedMap) return toSimplifiedMap;
  const map = new Map<string, string>();
  // Regional variants first (裡 → 裏), then Traditional → Simplified (裏 → 里).
  for (const table of [TW_VARIANTS, HK_VARIANTS, TS_CHARACTERS]) {
    for (const [from, to] of pairMap(table)) map.set(from, map.get(to) ?? to);
  }
  // Resolve chains so a variant maps straight to its simplified form.
  for (const [from, to] of map) {
    const next = map.get(to);
    if (next && next !== to) map.set(from, next);
  }
  toSimplifiedMap = map;
  return map;
}

export function toSimplified(text: string): string {
  const map = simplifiedMap();
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/**
 * The matching form of a text: NFKC (full-width letters, digits and punctuation become
 * half-width), Simplified characters, lower case, and every character that is not a
 * letter or a digit removed (punctuation, spaces, symbols of either width).
 */
export function normaliseText(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
