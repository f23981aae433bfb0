// Page cursors given to clients: the position signed, so a client can neither read nor forge
// a key of the table through it.
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (payload: string, secret: string) =>
  createHmac('sha256', `page-cursor:${secret}`).update(payload).digest('base64url');

export function encodeCursor(position: Record<string, unknown>, secret: string): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The position, or undefined for a cursor this system did not sign. */
export function decodeCursor(cursor: string, secret: string): Record<string, unknown> | undefined {
  const [payload, signature] = cursor.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const position: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return position && typeof position === 'object' ? (position as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
