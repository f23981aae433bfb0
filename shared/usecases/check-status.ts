// The petitioner checks progress with the receipt code and the phone's last 4 digits.
// Unknown code, wrong digits and a locked code all get the same answer after the same work,
// so nobody can learn which codes exist; every try is counted before the digits are checked,
// so a burst of guesses gets no more tries than one guesser; locks grow longer each time.
import type { CaseFile } from '../domain/case.ts';
import { verifierHashOfDigits } from '../domain/matching.ts';
import { type PublicStatus, publicStatus } from '../domain/public-view.ts';
import { parseReceiptCode, RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../domain/receipt-code.ts';
import { NotFoundError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';

export const MAX_FAILED_VERIFIER_ATTEMPTS = 5;
/** Each lock lasts longer than the one before; after the first, one try per lock. */
export const LOCK_MINUTES = [15, 60, 240, 1440] as const;

/** A code no receipt can have (not its length): malformed input costs the same store work. */
const NO_SUCH_CODE = RECEIPT_ALPHABET.slice(0, RECEIPT_LENGTH - 1);

export const receiptNotFound = () =>
  new NotFoundError({
    zh: '找不到與此回執碼和驗證碼相符的案件；如多次輸入錯誤，請稍後再試。',
    en: 'No case matches this receipt code and verifier; after several wrong tries, wait a while and try again.',
  });

/**
 * Primary course:
 * 1. Take a try at the code: counted atomically, refused while it is locked; the try that
 *    uses the last one locks the code first, for longer each time.
 * 2. Check the verifier (the keyed hash is computed whatever the code).
 * 3. The right verifier starts the tries afresh and answers with the case.
 */
export async function caseByReceipt(
  ctx: UseCaseContext,
  rawCode: string,
  verifier: string,
): Promise<CaseFile> {
  const code = parseReceiptCode(rawCode) ?? NO_SUCH_CODE;
  const now = ctx.now();
  const attempt = await ctx.store.receipts.takeAttempt(
    code,
    now.toISOString(),
    MAX_FAILED_VERIFIER_ATTEMPTS,
    (lockouts) => {
      const minutes = LOCK_MINUTES[Math.min(lockouts, LOCK_MINUTES.length - 1)] as number;
      return new Date(now.getTime() + minutes * 60_000).toISOString();
    },
  );
  const receipt = attempt.outcome === 'counted' ? attempt.receipt : undefined;
  const given = verifierHashOfDigits(
    verifier,
    receipt?.caseId ?? code,
    await ctx.peppers(),
    receipt?.verifierHash,
  );
  if (!receipt || given !== receipt.verifierHash) throw receiptNotFound();
  await ctx.store.receipts.clearFailures(code);
  const caseFile = await ctx.store.cases.get(receipt.caseId);
  if (!caseFile) throw receiptNotFound();
  return caseFile;
}

/** The case's public status and the written notices sent about it: no personal data. */
export async function checkStatus(
  ctx: UseCaseContext,
  rawCode: string,
  verifier: string,
): Promise<PublicStatus> {
  const caseFile = await caseByReceipt(ctx, rawCode, verifier);
  const [notices, attachments] = await Promise.all([
    ctx.store.cases.notices(caseFile.caseId),
    ctx.store.attachments.list(caseFile.caseId),
  ]);
  return publicStatus(caseFile, ctx.config.region, { notices, attachments, now: ctx.now() });
}
