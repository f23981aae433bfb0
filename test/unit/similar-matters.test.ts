// Similar-matter suggestions on the project's evaluation set (test/fixtures/similar-matters.json):
// several writers per matter in their own words, both scripts, typos, and distractors from the
// same places and categories. Reports recall@5 and precision@1 beside the former ranking
// (Dice on character bigrams, threshold 0.45), measured in the same run.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { likelyRepeatOf, rankSimilar } from '../../shared/domain/similarity.ts';
import { normaliseText } from '../../shared/domain/text.ts';
import { reportFigure } from '../figures.ts';

interface Message {
  caseId: string;
  matter: string;
  subject: string;
  description: string;
}

const set = JSON.parse(
  readFileSync(new URL('../fixtures/similar-matters.json', import.meta.url), 'utf8'),
) as {
  matters: Array<{ matter: string; messages: Array<{ subject: string; description: string }> }>;
};
const messages: Message[] = set.matters.flatMap(({ matter, messages }) =>
  messages.map((m, i) => ({ caseId: `${matter}#${i}`, matter, ...m })),
);

type Ranker = (target: Message, candidates: Message[]) => Message[];

const bm25: Ranker = (target, candidates) => rankSimilar(target, candidates).map((r) => r.caseFile);
/** The former ranking, kept here as the baseline: Dice on character bigrams, threshold 0.45. */
const dice: Ranker = (target, candidates) => {
  const grams = (m: Message) => {
    const chars = [...normaliseText(`${m.subject}${m.description}`)];
    return new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`));
  };
  const similarity = (a: Set<string>, b: Set<string>) =>
    a.size && b.size ? (2 * [...a].filter((g) => b.has(g)).length) / (a.size + b.size) : 0;
  return candidates
    .filter((c) => c.caseId !== target.caseId)
    .map((c) => ({ c, score: similarity(grams(target), grams(c)) }))
    .filter((r) => r.score >= 0.45)
    .sort((a, b) => b.score - a.score)
    .map((r) => r.c);
};

function evaluate(rank: Ranker) {
  const queries = messages.filter((m) => messages.some((o) => o.matter === m.matter && o !== m));
  let inTop5 = 0;
  let top1 = 0;
  let sameFirst = 0;
  for (const query of queries) {
    const ranked = rank(query, messages);
    const same = ranked.map((m) => m.matter === query.matter);
    if (same.slice(0, 5).includes(true)) inTop5++;
    if (same[0]) top1++;
    // Every message about the same matter ranks above every message about another one.
    const lastSame = same.lastIndexOf(true);
    const firstOther = same.indexOf(false);
    const others = messages.filter((o) => o.matter === query.matter && o !== query).length;
    if (same.filter(Boolean).length === others && (firstOther === -1 || lastSame < firstOther)) sameFirst++;
  }
  const rate = (n: number) => Math.round((n / queries.length) * 1000) / 10;
  return {
    queries: queries.length,
    recallAt5: rate(inTop5),
    precisionAt1: rate(top1),
    sameFirst: rate(sameFirst),
  };
}

it('finds the same matter in other words: recall@5 ≥ 90%, precision@1 ≥ 80%', () => {
  const ranked = evaluate(bm25);
  const before = evaluate(dice);
  reportFigure(
    'similar-matters',
    `Similar matters (${ranked.queries} queries, ${messages.length} messages): recall@5 ${ranked.recallAt5}%, precision@1 ${ranked.precisionAt1}%, every same-matter message first ${ranked.sameFirst}% (Dice 0.45 before: ${before.recallAt5}%, ${before.precisionAt1}%, ${before.sameFirst}%)`,
  );

  expect(ranked.recallAt5).toBeGreaterThanOrEqual(90);
  expect(ranked.precisionAt1).toBeGreaterThanOrEqual(80);
  // Not yet the goal (no other matter above any same-matter one): a petition about another
  // matter in the same village or school often ranks above the least similar rewording.
  // Kept from falling below what it is now (76.7%).
  expect(ranked.sameFirst).toBeGreaterThanOrEqual(75);
  expect(ranked.recallAt5).toBeGreaterThan(before.recallAt5);
});

it('says why: the places, bodies and amounts both name, and the phrases they share', () => {
  const target = messages.find((m) => m.caseId === 'liushu-land-compensation#1') as Message;
  const [best] = rankSimilar(target, messages);

  expect(best?.caseFile.matter).toBe('liushu-land-compensation');
  expect(best?.why.entities).toContain('柳树村');
  expect(best?.why.phrases).toContain('征地补偿款');
});

it('flags a likely repeat: as if each other message were the same person’s of the same place', () => {
  const place = { township: 'liushu', category: 'land' };
  let same = 0;
  let sameFlagged = 0;
  let other = 0;
  let otherFlagged = 0;
  for (const query of messages) {
    const ranked = rankSimilar(
      { ...query, ...place },
      messages.map((m) => ({ ...m, ...place })),
      messages.length,
    );
    for (const candidate of messages.filter((m) => m !== query)) {
      const flagged =
        likelyRepeatOf({ ...query, ...place }, ranked, new Set([candidate.caseId])) !== undefined;
      if (candidate.matter === query.matter) {
        same++;
        if (flagged) sameFlagged++;
      } else {
        other++;
        if (flagged) otherFlagged++;
      }
    }
  }
  const rate = (n: number, of: number) => Math.round((n / of) * 1000) / 10;
  reportFigure(
    'likely-repeat',
    `Likely repeat rule (same person, place, category): flags ${rate(sameFlagged, same)}% of ${same} same-matter pairs, ${rate(otherFlagged, other)}% of ${other} other pairs`,
  );
  expect(rate(sameFlagged, same)).toBeGreaterThanOrEqual(90);
  expect(rate(otherFlagged, other)).toBeLessThanOrEqual(5);
});
