// Receipt codes (回執碼): unguessable, short enough to read over the phone, and free of
// look-alike characters (no 0/O, 1/I/L, U/V, 2/Z, 5/S, 8/B).

export const RECEIPT_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
export const RECEIPT_LENGTH = 10;
/** log2(23^10) ≈ 45.2 random bits, above the 40 required. */
export const RECEIPT_ENTROPY_BITS = RECEIPT_LENGTH * Math.log2(RECEIPT_ALPHABET.length);

/** Case ids: the local date received and eight characters of the same alphabet. */
export const CASE_ID_PATTERN = new RegExp(`^\\d{8}-[${RECEIPT_ALPHABET}]{8}$`);

/** A new code, grouped for reading aloud: `XXXX-XXX-XXX`. */
export function newReceiptCode(): string {
  return formatReceiptCode(randomCharacters(RECEIPT_LENGTH));
}

/** Characters drawn uniformly from the alphabet (Web Crypto, rejection sampling: no bias). */
export function randomCharacters(length: number): string {
  const limit = 256 - (256 % RECEIPT_ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += RECEIPT_ALPHABET[byte % RECEIPT_ALPHABET.length];
    }
  }
  return out;
}

function formatReceiptCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 7)}-${raw.slice(7)}`;
}

/** Reads a code as typed (any case, spaces or dashes); undefined if it cannot be one. */
export function parseReceiptCode(input: string): string | undefined {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== RECEIPT_LENGTH) return undefined;
  for (const ch of raw) if (!RECEIPT_ALPHABET.includes(ch)) return undefined;
  return formatReceiptCode(raw);
}
