// Similar matters filed by others or through other channels, for staff to link by hand.
import type { CaseFile } from './case.ts';
import { characterBigrams, normaliseText, similarity } from './text.ts';

/** Similar matters from other petitioners or channels: Dice on character bigrams. */
export const SIMILARITY_THRESHOLD = 0.45;

export function matterText(caseFile: Pick<CaseFile, 'subject' | 'description'>): string {
  return normaliseText(`${caseFile.subject}${caseFile.description}`);
}

export function rankSimilar<C extends Pick<CaseFile, 'caseId' | 'subject' | 'description'>>(
  target: C,
  candidates: C[],
  threshold = SIMILARITY_THRESHOLD,
): Array<{ caseFile: C; score: number }> {
  const targetGrams = characterBigrams(matterText(target));
  return candidates
    .filter((c) => c.caseId !== target.caseId)
    .map((caseFile) => ({ caseFile, score: similarity(targetGrams, characterBigrams(matterText(caseFile))) }))
    .filter((r) => r.score >= threshold)
    .sort((a, b) => b.score - a.score);
}
