import { describe, expect, it } from 'vitest';
import {
  newReceiptCode,
  parseReceiptCode,
  RECEIPT_ALPHABET,
  RECEIPT_ENTROPY_BITS,
} from '../../shared/domain/receipt-code.ts';

describe('receipt codes', () => {
  it('carry at least 40 random bits', () => {
    expect(RECEIPT_ENTROPY_BITS).toBeGreaterThanOrEqual(40);
  });

  it('use no look-alike characters', () => {
    for (const lookAlike of '0O1IL5S2Z8BUV') expect(RECEIPT_ALPHABET).not.toContain(lookAlike);
  });

  it('are grouped for reading aloud and parse back to themselves', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^.{4}-.{3}-.{3}$/);
    expect(parseReceiptCode(code)).toBe(code);
  });

  it('differ between calls (10,000 codes, no collision)', () => {
    const codes = new Set(Array.from({ length: 10_000 }, newReceiptCode));
    expect(codes.size).toBe(10_000);
  });

  it('parse as typed: lower case, spaces, no dashes', () => {
    const code = newReceiptCode();
    expect(parseReceiptCode(code.replaceAll('-', ' ').toLowerCase())).toBe(code);
  });

  it('refuse a wrong length or a character outside the alphabet', () => {
    expect(parseReceiptCode('ACDE-FGH-JK')).toBeUndefined();
    expect(parseReceiptCode('ACDE-FGH-JK0')).toBeUndefined();
    expect(parseReceiptCode('')).toBeUndefined();
  });
});
