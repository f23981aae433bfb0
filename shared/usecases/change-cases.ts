// Changes one or more case files atomically under optimistic locking: read, decide, write
// the new versions with their timeline events in one transaction; on a lost race, read
// again and decide again, so no step is lost and none is counted twice.
import type { CaseFile, Deadline } from '../domain/case.ts';
import { type Actor, GENESIS_HASH, nextEvent, type TimelineEvent } from '../domain/timeline.ts';
import { ContentionError, NotFoundError } from '../errors.ts';
import {
  type CancellationReason,
  type CounterWrite,
  caseChangeItems,
  getCase,
  type IdempotencyWrite,
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
  counters?: CounterWrite;
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
    const items = applied.flatMap(({ next, events, plan }, i) =>
      caseChangeItems(ctx.store.tableName, {
        current: found[i] as CaseFile,
        next,
        events,
        ...(plan.deadlines && { deadlines: plan.deadlines }),
        ...(plan.counters && { counters: plan.counters }),
        ...(i === applied.length - 1 && idempotencyWrite && { idempotency: idempotencyWrite }),
      }),
    );
    const outcome = await transact(ctx.store, { TransactItems: items });
    if (outcome.ok) return applied.map((a) => a.next);
    if (idempotency && lastFailed(outcome.reasons)) throw new IdempotencyRecordExists();
    // A version check failed or a concurrent transaction touched the same items: try again.
    await pause(Math.min(5 * attempt, 50));
  }
  throw new ContentionError();
}

function lastFailed(reasons: CancellationReason[]): boolean {
  return reasons.at(-1)?.code === 'ConditionalCheckFailed';
}
