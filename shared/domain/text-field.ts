// Free text as people type it, as every schema takes it: NFC-normalised and trimmed, and
// refused with a clear 400 when it carries what no reader can see: bidirectional overrides
// (a name that reads backwards to staff), zero-width characters, NUL and other control
// characters (tab and line breaks are kept), or half of a surrogate pair.
import * as z from 'zod/mini';
import { rule } from '../validation.ts';

/** Code point ranges no reader can see; tab, line feed and carriage return are kept. */
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x08],
  [0x0b, 0x0c],
  [0x0e, 0x1f],
  [0x7f, 0x7f],
  [0x200b, 0x200f], // zero-width characters, left-to-right and right-to-left marks
  [0x202a, 0x202e], // bidirectional embeddings and overrides
  [0x2060, 0x2064],
  [0x2066, 0x2069], // bidirectional isolates
  [0xd800, 0xdfff], // half of a surrogate pair (a whole pair is one code point above these)
  [0xfeff, 0xfeff],
];

function isPlainText(value: string): boolean {
  for (const character of value) {
    const point = character.codePointAt(0) ?? 0;
    if (INVISIBLE.some(([from, to]) => point >= from && point <= to)) return false;
  }
  return true;
}

/** A text field of `min` to `max` characters after normalisation and trimming. */
export const text = (min: number, max: number) =>
  z
    .string()
    .check(
      z.refine(
        isPlainText,
        rule(
          '含有不可見的控制字元（如方向控制、零寬字元或空字元），請刪除後重新輸入。',
          'Contains invisible control characters (direction overrides, zero-width or NUL characters); remove them.',
        ),
      ),
      z.normalize('NFC'),
      z.trim(),
      z.minLength(min),
      z.maxLength(max),
    );
