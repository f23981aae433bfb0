// Reads of a petitioner's personal data: unmasked only for those the case view unmasks it for,
// and every such read in the case's read log, whichever route it came through (the case, its
// notices, their documents, the print queue).
import { readsUnmasked, type Staff } from '../domain/access.ts';
import type { CaseFile } from '../domain/case.ts';
import type { UseCaseContext } from './context.ts';

/** Whether this person reads it unmasked; such a read of what holds personal data is recorded. */
export async function readsPersonalData(
  ctx: UseCaseContext,
  caseFile: CaseFile,
  staff: Staff,
  holdsPersonalData: boolean,
): Promise<boolean> {
  const unmasked = readsUnmasked(staff, caseFile);
  if (unmasked && holdsPersonalData) {
    await ctx.store.cases.recordPersonalRead(caseFile.caseId, ctx.now().toISOString(), staff);
  }
  return unmasked;
}
