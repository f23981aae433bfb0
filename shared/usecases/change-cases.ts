// Changes one or more case files atomically under optimistic locking: read, decide, write
// the new versions with their timeline events in one transaction; on a lost race, read
// again and decide again, so no step is lost and none is counted twice.

import type { AppConfig } from '../config.ts';
import { authorize, type Staff } from '../domain/access.ts';
import type { CaseFile, PersonalRecord } from '../domain/case.ts';
import { standingOverdue } from '../domain/escalation.ts';
import type { Notice } from '../domain/notices.ts';
import type { DeadlineChange } from '../domain/procedure.ts';
import { CURRENT, counters } from '../domain/report-counters.ts';
import { withRetention } from '../domain/retention.ts';
import { withGravity } from '../domain/sign-off.ts';
import { type Actor, GENESIS_HASH, nextEvent, stateDigest, type TimelineEvent } from '../domain/timeline.ts';
import { ConflictError, ContentionError, NotFoundError } from '../errors.ts';
import { pause, type UseCaseContext } from './context.ts';
import type { CaseChange, CounterChange, IdempotencyWrite, OnceOnlyRecord } from './ports.ts';

export interface PlannedEvent {
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export interface CasePlan {
  next: CaseFile;
  events: PlannedEvent[];
  deadlines?: DeadlineChange[];
  /** Month buckets (and a year's totals, and what stands now) the change moves. */
  counters?: CounterChange[];
  /** Notices for the outbox, built from the case as written (its new event sequence). */
  notify?: (written: CaseFile) => Notice[];
  /** Records that must not exist yet (a rating per opinion, an escalation per level). */
  onceOnly?: OnceOnlyRecord[];
  correction?: CaseChange['correction'];
  unlink?: CaseChange['unlink'];
}

/** What a change of cases needs: the store, the clock and the region (a migration has no more). */
export type ChangeContext = Pick<UseCaseContext, 'store' | 'now'> & { config: Pick<AppConfig, 'region'> };

/** A record the change must create (a rating of an opinion) exists already. */
export class RecordExistsError extends ConflictError {
  override name = 'RecordExistsError';
  constructor() {
    super({
      zh: '此項已登記，不能重複提交。',
      en: 'This was already recorded and cannot be submitted twice.',
    });
  }
}

/** The idempotency record of this request already exists: the caller replays it. */
export class IdempotencyRecordExists extends Error {
  override name = 'IdempotencyRecordExists';
}

const MAX_ATTEMPTS = 100;

/** A corrected matter is on file as another case (one case file per matter). */
export class MatterOnFileError extends ConflictError {
  override name = 'MatterOnFileError';
  constructor(readonly caseId?: string) {
    super({
      zh: `更正後的事項已${caseId ? `在案件 ${caseId} ` : ''}立案；請將兩案合併，而非更正。`,
      en: `The corrected matter is already on file${caseId ? ` as case ${caseId}` : ''}; link the cases as duplicates instead.`,
    });
  }
}

export const caseNotFound = (caseId: string) =>
  new NotFoundError({ zh: `找不到案件 ${caseId}。`, en: `Case ${caseId} was not found.` });

/** Reads a case and checks the person may do this with it (hidden cases are not found). */
export async function caseFor(
  ctx: UseCaseContext,
  caseId: string,
  staff: Staff,
  act: Parameters<typeof authorize>[2],
) {
  const caseFile = await ctx.store.cases.get(caseId);
  if (!caseFile) throw caseNotFound(caseId);
  authorize(staff, caseFile, act);
  return caseFile;
}

/** Chains the planned events onto the case's timeline and bumps its version. */
export function applyPlan(
  current: CaseFile,
  plan: CasePlan,
  at: string,
): { next: CaseFile; events: TimelineEvent[] } {
  let previous = { seq: current.eventSeq, hash: current.lastEventHash || GENESIS_HASH };
  // The last event seals the state it leaves, so an edit of the record alone shows.
  const state = stateDigest(plan.next);
  const events = plan.events.map((planned, i) => {
    const last = i === plan.events.length - 1;
    const event = nextEvent(previous, { ...planned, at, ...(last && { state }) });
    previous = event;
    return event;
  });
  return {
    next: {
      ...plan.next,
      version: current.version + 1,
      eventSeq: previous.seq,
      lastEventHash: previous.hash,
      updatedAt: at,
    },
    events,
  };
}

/** The overdue gauge follows every change: up when the supervisor is told, down when met or moved. */
function overdueGaugeMoves(current: CaseFile, next: CaseFile): CounterChange[] {
  const moved = standingOverdue(next) - standingOverdue(current);
  if (moved === 0) return [];
  const names = Array.from({ length: Math.abs(moved) }, () => counters.standingOverdue);
  return [moved > 0 ? { bucket: CURRENT, add: names } : { bucket: CURRENT, add: [], subtract: names }];
}

/** Reads the cases (with their personal records when asked: one read each), all of them or none. */
/** One value per case id asked, in its order: a tuple of ids gives a tuple of cases (never undefined). */
export type PerCase<Ids extends readonly unknown[], V> = { -readonly [K in keyof Ids]: V };

/**
 * A tuple mapped element by element. The one cast of case lists: `map` keeps the length and
 * order of what it maps, which TypeScript cannot see through `Array.prototype.map` on a tuple.
 */
export const perCase = <T extends readonly unknown[], V>(values: T, of: (value: T[number], i: number) => V) =>
  values.map(of) as PerCase<T, V>;

async function readCases<Ids extends readonly string[]>(ctx: ChangeContext, caseIds: Ids) {
  return Promise.all(
    perCase(caseIds, async (caseId) => {
      const caseFile = await ctx.store.cases.get(caseId);
      if (!caseFile) throw caseNotFound(caseId);
      return caseFile;
    }),
  );
}

async function readCasesWithPersonal<Ids extends readonly string[]>(ctx: ChangeContext, caseIds: Ids) {
  return Promise.all(
    perCase(caseIds, async (caseId) => {
      const found = await ctx.store.cases.withPersonal(caseId);
      // A case without its personal record is not a case a step can tell its petitioner of.
      if (!found?.personal) throw caseNotFound(caseId);
      return { caseFile: found.caseFile, personal: found.personal };
    }),
  );
}

/**
 * Primary course:
 * 1. Read the cases.
 * 2. Decide the change of each (a domain error refuses it).
 * 3. Write them together, each guarded by the version read; a lost race goes back to 1.
 * The answer holds each case as written (or as read, where the plan left it alone).
 */
export async function changeCases<const Ids extends readonly string[]>(
  ctx: ChangeContext,
  caseIds: Ids,
  decide: (current: PerCase<Ids, CaseFile>) => CasePlan[],
  /** The request's idempotency record, built from the changed cases (its stored result). */
  idempotency?: (next: PerCase<Ids, CaseFile>) => IdempotencyWrite,
): Promise<PerCase<Ids, CaseFile>> {
  return changeCasesWith(
    ctx,
    caseIds,
    async () => {
      const found = await readCases(ctx, caseIds);
      return { found, plans: decide(found) };
    },
    idempotency,
  );
}

/** The same, with each case's personal record read in the same round trip (for its notices). */
export async function changeCasesWithPersonal<const Ids extends readonly string[]>(
  ctx: ChangeContext,
  caseIds: Ids,
  decide: (current: PerCase<Ids, CaseFile>, personal: PerCase<Ids, PersonalRecord>) => CasePlan[],
  idempotency?: (next: PerCase<Ids, CaseFile>) => IdempotencyWrite,
): Promise<PerCase<Ids, CaseFile>> {
  return changeCasesWith(
    ctx,
    caseIds,
    async () => {
      const read = await readCasesWithPersonal(ctx, caseIds);
      const found: PerCase<Ids, CaseFile> = perCase(read, (r) => r.caseFile);
      return {
        found,
        plans: decide(
          found,
          perCase(read, (r) => r.personal),
        ),
      };
    },
    idempotency,
  );
}

async function changeCasesWith<Ids extends readonly string[]>(
  ctx: ChangeContext,
  caseIds: Ids,
  readAndDecide: () => Promise<{ found: PerCase<Ids, CaseFile>; plans: CasePlan[] }>,
  idempotency?: (next: PerCase<Ids, CaseFile>) => IdempotencyWrite,
): Promise<PerCase<Ids, CaseFile>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { found, plans } = await readAndDecide();
    // Nothing to change (a migration finds the case brought up to date meanwhile).
    if (!plans.length) return found;
    const at = ctx.now().toISOString();
    const changes: CaseChange[] = plans.map((plan, i) => {
      const current = found[i];
      if (!current) throw new Error(`A plan for case ${i + 1} of ${caseIds.length}: more plans than cases`);
      const { region } = ctx.config;
      const settled = { ...plan, next: withGravity(withRetention(plan.next, region, at), region) };
      const { next, events } = applyPlan(current, settled, at);
      const counters = [...(plan.counters ?? []), ...overdueGaugeMoves(current, next)];
      return {
        current,
        next,
        events,
        ...(plan.deadlines && { deadlines: plan.deadlines }),
        ...(counters.length && { counters }),
        ...(plan.notify && { notices: plan.notify(next) }),
        ...(plan.onceOnly && { onceOnly: plan.onceOnly }),
        ...(plan.correction && { correction: plan.correction }),
        ...(plan.unlink && { unlink: plan.unlink }),
      };
    });
    const nexts: PerCase<Ids, CaseFile> = perCase(found, (current, i) => changes[i]?.next ?? current);
    const outcome = await ctx.store.cases.change(changes, idempotency?.(nexts));
    if (outcome === 'changed') return nexts;
    if (outcome === 'idempotencyKeyTaken') throw new IdempotencyRecordExists();
    if (outcome === 'alreadyRecorded') throw new RecordExistsError();
    if (outcome === 'matterTaken') throw new MatterOnFileError();
    await pause(Math.min(5 * attempt, 50));
  }
  throw new ContentionError();
}
