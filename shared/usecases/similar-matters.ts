// Similar matters filed by others, suggested to staff, and the likely repeat of the same
// person's earlier file flagged after intake; staff confirm or dismiss, nothing follows by itself.
import { authorize, canSee, readsUnmasked, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf } from '../domain/case.ts';
import { likelyRepeatOf, nearFirst, rankSimilar, type SimilarMatter } from '../domain/similarity.ts';
import { actorOf } from '../domain/timeline.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import { caseFor, caseNotFound, changeCases } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import { otherFilesOf } from './read-case-file.ts';

/** How many of the newest cases in the same township and category are compared. */
export const SIMILAR_CANDIDATES = 200;
/** The newest of the same category in each other township (the county after the township). */
export const COUNTY_CANDIDATES_PER_TOWNSHIP = 50;
/** The same person's files outside both, read one by one: a bound on a prolific petitioner. */
const OWN_FILES_READ = 20;

/** The files a matter in this township and category is compared with: the area's, then the county's. */
async function candidatesFor(ctx: UseCaseContext, township: string, category: string) {
  const otherTownships = ctx.config.region.townships.filter((t) => t.code !== township);
  const [area, county] = await Promise.all([
    ctx.store.queries.inArea(township, category, SIMILAR_CANDIDATES),
    // Then the county: the same category in every other township, the newest of each.
    Promise.all(
      otherTownships.map((t) => ctx.store.queries.inArea(t.code, category, COUNTY_CANDIDATES_PER_TOWNSHIP)),
    ),
  ]);
  // A restricted or disposed file is no longer matched or suggested (PIPL art. 47).
  return [...area, ...county.flat()].filter((c) => !c.restricted && !c.disposed);
}

type Place = Pick<CaseFile, 'township' | 'category'>;
type Matter = Pick<CaseFile, 'caseId' | 'subject' | 'description'>;

/** Suggestions as staff see them: the file's summary, its score and why. */
function suggestion(c: CaseFile, score: number, why: SimilarMatter<CaseFile>['why']) {
  return {
    caseId: c.caseId,
    subject: c.subject,
    status: c.status,
    channel: c.channel,
    receivedAt: c.receivedAt,
    duplicateOf: c.duplicateOf ?? null,
    score,
    why,
  };
}

function ranked(target: Matter, candidates: CaseFile[], place: Place) {
  const near = (c: CaseFile) => c.township === place.township && c.category === place.category;
  return nearFirst(rankSimilar(target, candidates, candidates.length), near);
}

/**
 * The area's and the county's files, and the person's own files elsewhere (another township
 * or category: a repeat in other words), ranked against the case; `visible` filters them.
 */
async function rankAgainst(
  ctx: UseCaseContext,
  caseFile: CaseFile,
  ownFilesOf: Promise<Array<{ caseId: string; receivedAt: string }>> | undefined,
  visible: (candidate: CaseFile) => boolean,
) {
  const [nearby, ownFiles] = await Promise.all([
    candidatesFor(ctx, caseFile.township, caseFile.category),
    ownFilesOf,
  ]);
  const read = new Set(nearby.map((c) => c.caseId));
  const elsewhere = await Promise.all(
    (ownFiles ?? [])
      .filter((f) => !read.has(f.caseId))
      .slice(0, OWN_FILES_READ)
      .map((f) => ctx.store.cases.get(f.caseId)),
  );
  const candidates = [...nearby, ...elsewhere.filter((c) => c !== undefined)].filter(visible);
  return { ranked: ranked(caseFile, candidates, caseFile), ownFiles };
}

/**
 * Primary course:
 * 1. Read the case.
 * 2. Query the newest cases of its township and category (an index, never a scan).
 * 3. Rank them (BM25 over n-grams, places, bodies, amounts and years weighted up); the best
 *    few, each with why.
 */
export async function findSimilar(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'find_similar');
  // Whether a suggestion comes from the same person is personal: only for those who may know.
  const knowsWho = readsUnmasked(staff, caseFile);
  const { ranked: suggestions, ownFiles } = await rankAgainst(
    ctx,
    caseFile,
    knowsWho ? otherFilesOf(ctx, caseId) : undefined,
    // Art. 30: a file this reader may not see is never suggested to them.
    (c) => canSee(staff, c),
  );
  const samePerson = new Set(ownFiles?.map((f) => f.caseId));
  return suggestions.map(({ caseFile: c, score, why }) => ({
    ...suggestion(c, score, why),
    /** The same petitioner wrote it: likely a repeat of that file (null: not for this reader). */
    samePetitioner: ownFiles ? samePerson.has(c.caseId) : null,
    reviewed: caseFile.similarReviews?.[c.caseId]?.decision ?? null,
  }));
}

/** The case was flagged meanwhile (the stream and a clerk's check met): the first flag stands. */
class AlreadyFlagged extends Error {}

/**
 * After intake, off the petitioner's path (the table's stream, or the clerk's receipt slip):
 * 1. Read the case; a case already flagged keeps its flag.
 * 2. Rank the county's files and the person's own earlier files against it.
 * 3. The best-ranked earlier file of the same person, township and category that reads
 *    alike is recorded on the case as a likely repeat, for staff to confirm or dismiss.
 */
export async function checkLikelyRepeat(
  ctx: UseCaseContext,
  caseId: string,
): Promise<CaseFile['likelyRepeatOf'] | null> {
  const caseFile = await ctx.store.cases.get(caseId);
  if (!caseFile) throw caseNotFound(caseId);
  if (caseFile.likelyRepeatOf) return caseFile.likelyRepeatOf;
  const { ranked: suggestions, ownFiles } = await rankAgainst(
    ctx,
    caseFile,
    otherFilesOf(ctx, caseId),
    () => true,
  );
  // Only files on record before this one (a letter may be registered after it was received):
  // two new files of one person never point at each other.
  const before = (c: CaseFile) =>
    c.createdAt < caseFile.createdAt || (c.createdAt === caseFile.createdAt && c.caseId < caseId);
  const own = new Set(ownFiles?.map((f) => f.caseId));
  const ownBefore = new Set(
    suggestions.filter((s) => own.has(s.caseFile.caseId) && before(s.caseFile)).map((s) => s.caseFile.caseId),
  );
  const found = likelyRepeatOf(caseFile, suggestions, ownBefore);
  if (!found) return null;
  const flag = {
    caseId: found.caseFile.caseId,
    receiptCode: found.caseFile.receiptCode,
    score: found.score,
    on: localDateOf(ctx.now(), ctx.config.region),
  };
  try {
    await changeCases(ctx, [caseId], ([c]) => {
      if (c.likelyRepeatOf) throw new AlreadyFlagged();
      return [
        {
          next: { ...c, likelyRepeatOf: flag },
          events: [
            {
              type: 'likely_repeat_flagged',
              actor: { kind: 'system', id: 'repeat-check' },
              data: { of: flag.caseId, score: flag.score, why: found.why },
            },
          ],
        },
      ];
    });
    return flag;
  } catch (error) {
    if (!(error instanceof AlreadyFlagged)) throw error;
    return (await ctx.store.cases.get(caseId))?.likelyRepeatOf ?? null;
  }
}

/** The check as a clerk asks for it on the receipt slip: for those who may know who petitions. */
export async function checkLikelyRepeatAs(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'find_similar');
  if (!readsUnmasked(staff, caseFile)) {
    throw new ForbiddenError("repeat check: may not see the petitioner's other files");
  }
  return checkLikelyRepeat(ctx, caseId);
}

/**
 * Files like a petition a clerk is registering, before it is filed: the hint while typing.
 * Compared the same way as a filed case, by the matter only (no person is looked up).
 */
export async function similarToDraft(
  ctx: UseCaseContext,
  draft: Pick<CaseFile, 'township' | 'category' | 'subject' | 'description'>,
  staff: Staff,
) {
  const candidates = (await candidatesFor(ctx, draft.township, draft.category)).filter((c) =>
    canSee(staff, c),
  );
  // A draft has no id yet: no candidate is taken for itself.
  return ranked({ ...draft, caseId: '' }, candidates, draft).map(({ caseFile: c, score, why }) =>
    suggestion(c, score, why),
  );
}

/** Staff confirm or dismiss a suggested similar matter: recorded on the case, nothing follows from it. */
export async function reviewSimilar(
  ctx: UseCaseContext,
  caseId: string,
  otherCaseId: string,
  decision: 'confirmed' | 'dismissed',
  staff: Staff,
): Promise<CaseFile> {
  if (caseId === otherCaseId) {
    await caseFor(ctx, caseId, staff, 'review_similar');
    throw new ConflictError({ zh: '案件不能與自身比對。', en: 'A case cannot be compared with itself.' });
  }
  if (!(await ctx.store.cases.get(otherCaseId))) throw caseNotFound(otherCaseId);
  const [reviewed] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'review_similar');
    const on = localDateOf(ctx.now(), ctx.config.region);
    return [
      {
        next: {
          ...caseFile,
          similarReviews: {
            ...caseFile.similarReviews,
            [otherCaseId]: { decision, on, by: staff.sub },
          },
        },
        events: [{ type: 'similar_reviewed', actor: actorOf(staff), data: { other: otherCaseId, decision } }],
      },
    ];
  });
  return reviewed;
}
