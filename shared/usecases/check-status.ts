// The petitioner checks progress with the receipt code and the phone's last 4 digits.
// Unknown code, wrong digits and a locked code all get the same answer, so nobody can
// learn which codes exist; failed attempts lock the code for a while, and are recorded.
import type { CaseFile } from '../domain/case.ts';
import { verifierHashOfDigits } from '../domain/matching.ts';
import { type PublicStatus, publicStatus } from '../domain/public-view.ts';
import { parseReceiptCode } from '../domain/receipt-code.ts';
import { NotFoundError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';

export const MAX_FAILED_VERIFIER_ATTEMPTS = 5;
export const VERIFIER_LOCK_MINUTES = 15;

export const receiptNotFound = () =>
  new NotFoundError({
    zh: '找不到與此回執碼和驗證碼相符的案件；如多次輸入錯誤，請稍後再試。',
    en: 'No case matches this receipt code and verifier; after several wrong tries, wait a while and try again.',
  });

/**
 * Primary course:
 * 1. Read the receipt record by code.
 * 2. Refuse while the code is locked after too many wrong verifiers.
 * 3. Check the verifier; a wrong one counts towards the lock.
 * 4. Answer with the case the code belongs to.
 */
export async function caseByReceipt(
  ctx: UseCaseContext,
  rawCode: string,
  verifier: string,
): Promise<CaseFile> {
  const code = parseReceiptCode(rawCode);
  const receipt = code ? await ctx.store.receipts.get(code) : undefined;
  if (!code || !receipt) throw receiptNotFound();
  const now = ctx.now();
  if (receipt.lockedUntil && receipt.lockedUntil > now.toISOString()) {
    await ctx.store.receipts.countRefusal(code);
    throw receiptNotFound();
  }
  if (
    verifierHashOfDigits(verifier, receipt.caseId, ctx.config.PERSONAL_DATA_PEPPER) !== receipt.verifierHash
  ) {
    const failures = await ctx.store.receipts.countFailure(code);
    if (failures >= MAX_FAILED_VERIFIER_ATTEMPTS) {
      await ctx.store.receipts.lock(
        code,
        new Date(now.getTime() + VERIFIER_LOCK_MINUTES * 60_000).toISOString(),
      );
    }
    throw receiptNotFound();
  }
  if (receipt.failedAttempts > 0) await ctx.store.receipts.clearFailures(code);
  const caseFile = await ctx.store.cases.get(receipt.caseId);
  if (!caseFile) throw receiptNotFound();
  return caseFile;
}

/** The case's public status: no personal data. */
export async function checkStatus(
  ctx: UseCaseContext,
  rawCode: string,
  verifier: string,
): Promise<PublicStatus> {
  return publicStatus(await caseByReceipt(ctx, rawCode, verifier), ctx.config.region);
}
