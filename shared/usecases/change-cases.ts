// Changes one or more case files atomically under optimistic locking: read, decide, write
// the new versions with their timeline events in one transaction; on a lost race, read
// again and decide again, so no step is lost and none is counted twice.
import type { CaseFile, Deadline } from '../domain/case.ts';
import type { Notice } from '../domain/notices.ts';
import { type Actor, GENESIS_HASH, nextEvent, type TimelineEvent } from '../domain/timeline.ts';
import { ConflictError, ContentionError, NotFoundError } from '../errors.ts';
import {
  type CounterWrite,
  caseChangeItems,
  getCase,
  type IdempotencyWrite,
  type TransactItem,
  transact,
} from '../store/case-store.ts';
import { pause, type UseCaseContext } from './context.ts';

export interface PlannedEvent {
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export interface CasePlan {
  next: CaseFile;
  events: PlannedEvent[];
  deadlines?: Array<{ deadline: Deadline; open: boolean }>;
  /** Month buckets (and a year's totals) the change adds to. */
  counters?: CounterWrite[];
  /** Notices for the outbox, built from the case as written (its new event sequence). */
  notify?: (written: CaseFile) => Notice[];
  newRecords?: Record<string, unknown>[];
}

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

export const caseNotFound = (caseId: string) =>
  new NotFoundError({ zh: `找不到案件 ${caseId}。`, en: `Case ${caseId} was not found.` });

/** Chains the planned events onto the case's timeline and bumps its version. */
export function applyPlan(
  current: CaseFile,
  plan: CasePlan,
  at: string,
): { next: CaseFile; events: TimelineEvent[] } {
  let previous = { seq: current.eventSeq, hash: current.lastEventHash || GENESIS_HASH };
  const events = plan.events.map((planned) => {
    const event = nextEvent(previous, { ...planned, at });
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

export async function changeCases(
  ctx: UseCaseContext,
  caseIds: string[],
  decide: (current: CaseFile[]) => CasePlan[],
  /** The request's idempotency record, built from the changed cases (its stored response). */
  idempotency?: (next: CaseFile[]) => IdempotencyWrite,
): Promise<CaseFile[]> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await Promise.all(caseIds.map((id) => getCase(ctx.store, id)));
    const found = current.map((c, i) => {
      if (!c) throw caseNotFound(caseIds[i] as string);
      return c;
    });
    const plans = decide(found);
    const at = ctx.now().toISOString();
    const applied = plans.map((plan, i) => ({ ...applyPlan(found[i] as CaseFile, plan, at), plan }));
    const idempotencyWrite = idempotency?.(applied.map((a) => a.next));
    const items: TransactItem[] = [];
    const casePositions = new Set<number>();
    applied.forEach(({ next, events, plan }, i) => {
      casePositions.add(items.length);
      items.push(
        ...caseChangeItems(ctx.store.tableName, {
          current: found[i] as CaseFile,
          next,
          events,
          ...(plan.deadlines && { deadlines: plan.deadlines }),
          ...(plan.counters && { counters: plan.counters }),
          ...(plan.notify && { notices: plan.notify(next) }),
          ...(plan.newRecords && { newRecords: plan.newRecords }),
          ...(i === applied.length - 1 && idempotencyWrite && { idempotency: idempotencyWrite }),
        }),
      );
    });
    const outcome = await transact(ctx.store, { TransactItems: items });
    if (outcome.ok) return applied.map((a) => a.next);
    const failedAt = outcome.reasons.flatMap((r, i) => (r.code === 'ConditionalCheckFailed' ? [i] : []));
    if (idempotencyWrite && failedAt.includes(items.length - 1)) throw new IdempotencyRecordExists();
    // A record that must be new exists already (not a lost race): retrying cannot help.
    const raced = new Set(['event', 'notice']);
    if (failedAt.some((i) => !casePositions.has(i) && !raced.has(String(items[i]?.Put?.Item?.entity)))) {
      throw new RecordExistsError();
    }
    // A version check failed or a concurrent transaction touched the same items: try again.
    await pause(Math.min(5 * attempt, 50));
  }
  throw new ContentionError();
}
