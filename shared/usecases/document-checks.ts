// Anyone may check a document the office issued (文书查验): by its number and the check code
// printed on it, or by the file itself (its signature). The answer names the organ, the date
// and the kind of document, never the addressee or the case.

import { timingSafeEqual } from 'node:crypto';
import {
  checkDigest,
  DOCUMENT_TITLES,
  issuingBureau,
  parseCheckCode,
  type RegisteredDocument,
} from '../domain/documents.ts';
import { NotFoundError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';

/** What a check may say of an issued document: nothing personal. */
function documentFacts(ctx: UseCaseContext, entry: RegisteredDocument) {
  const { region } = ctx.config;
  return {
    number: entry.number,
    issuer: issuingBureau(region),
    issuedOn: entry.issuedOn,
    type: entry.type,
    title: DOCUMENT_TITLES[entry.type],
  };
}

/** An unknown number and a wrong code get the same answer: the code is the key. */
const noSuchDocument = () =>
  new NotFoundError({
    zh: '查无此文书：请核对文号和查验码。',
    en: 'No such document: check the number and the check code.',
  });

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Primary course: the number in the register, and the code's digest the one kept for it: the
 * document's facts. Exception: an unknown number or a wrong code (404, one answer).
 */
export async function checkDocument(ctx: UseCaseContext, number: string, typedCode: string) {
  const entry = await ctx.store.outbox.registered(number.trim());
  const code = parseCheckCode(typedCode);
  if (!entry || !code || !same(entry.checkDigest, checkDigest(entry.number, code))) throw noSuchDocument();
  return documentFacts(ctx, entry);
}

/**
 * Primary course: the file's signature checked against the organ's certificate over every
 * byte; a file this organ signed, intact, names its number: the register's facts of it.
 * A file changed after signing, signed by someone else, or not signed says so, and no more.
 */
export async function checkDocumentFile(ctx: UseCaseContext, pdf: Uint8Array) {
  if (!ctx.signer) throw new Error('This function checks no signatures');
  const check = await (await ctx.signer()).check(pdf);
  if (!check.signed) return { signed: false, intact: false, byThisOrgan: false, document: null };
  const { intact, byThisOrgan, documentNumber } = check;
  const entry =
    intact && byThisOrgan && documentNumber ? await ctx.store.outbox.registered(documentNumber) : undefined;
  return { signed: true, intact, byThisOrgan, document: entry ? documentFacts(ctx, entry) : null };
}
