// Property tests: random sequences of steps, legal or not, never put a case into a state
// the procedure does not allow, and every deadline a step sets cites an article.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { CASE_STATUSES, type CaseFile, currentDeadlines, openCaseFile } from '../../shared/domain/case.ts';
import { addDays } from '../../shared/domain/clock.ts';
import {
  ACTIONS,
  type Action,
  applyTransition,
  NEXT_STEPS,
  OUTCOMES,
  type Transition,
} from '../../shared/domain/procedure.ts';
import { ConflictError } from '../../shared/errors.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { staffCase } from '../fixtures/petitions.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const PROPERTY_RUNS = 1000;

const opinion = fc.record({
  outcome: fc.constantFrom(...OUTCOMES),
  request: fc.constant('請求'),
  facts: fc.constant('事實'),
  reasons: fc.constant('理由'),
  legalBasis: fc.constant('依據'),
  opinion: fc.constant('意見'),
});

/** One sample of every step, with plausible fields; dates are offsets from "today" so windows are hit and missed. */
const stepSamples = (today: string) => {
  const date = (min: number, max: number) => fc.integer({ min, max }).map((offset) => addDays(today, offset));
  return fc.record({
    accept: fc.constant({ action: 'accept' as const, plan: '交辦' }),
    refer: fc.constant({
      action: 'refer' as const,
      procedure: 'litigation' as const,
      where: '法院',
      reason: '訴訟',
    }),
    not_accept: fc.constant({ action: 'not_accept' as const, reason: '理由' }),
    assign: fc
      .constantFrom('natres', 'hrss', 'agri')
      .map((leadDepartment) => ({ action: 'assign' as const, leadDepartment })),
    return_misrouted: fc.constant({ action: 'return_misrouted' as const, reason: '錯送' }),
    extend: fc
      .integer({ min: 1, max: 40 })
      .map((days) => ({ action: 'extend' as const, days, reason: '延期' })),
    issue_opinion: opinion.map((o) => ({ action: 'issue_opinion' as const, ...o })),
    record_receipt: date(-15, 1).map((receivedOn) => ({ action: 'record_receipt' as const, receivedOn })),
    request_review: date(-12, 2).map((requestedOn) => ({
      action: 'request_review' as const,
      requestedOn,
      grounds: '不服',
    })),
    issue_review_opinion: opinion.map((o) => ({
      action: 'issue_review_opinion' as const,
      decidedBy: '市信訪局',
      ...o,
    })),
    request_re_review: date(-12, 2).map((requestedOn) => ({
      action: 'request_re_review' as const,
      requestedOn,
      grounds: '不服',
    })),
    record_hearing: fc
      .tuple(date(-20, 1), fc.integer({ min: -1, max: 5 }))
      .map(([from, length]) => ({ action: 'record_hearing' as const, from, to: addDays(from, length) })),
    issue_re_review_opinion: opinion.map((o) => ({
      action: 'issue_re_review_opinion' as const,
      decidedBy: '省信訪局',
      ...o,
    })),
  }) satisfies fc.Arbitrary<Record<Action, Transition>>;
};

/**
 * A move: mostly one of the steps the current state allows (so runs get deep into the
 * procedure), sometimes any step at all (so illegal ones are tried everywhere).
 */
const move = (today: string) =>
  fc.record({
    legal: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    pick: fc.noBias(fc.nat({ max: 1_000_000 })),
    samples: stepSamples(today),
  });

function choose(
  status: CaseFile['status'],
  m: { legal: boolean; pick: number; samples: Record<Action, Transition> },
) {
  const pool = m.legal && NEXT_STEPS[status].length ? NEXT_STEPS[status] : ACTIONS;
  return m.samples[pool[m.pick % pool.length] as Action];
}

const TERMINAL = new Set(['referred', 'not_accepted', 'final']);
const DUTY_OF_STATE: Partial<Record<CaseFile['status'], string>> = {
  received: 'register',
  accepted: 'handle',
  assigned: 'handle',
  review_requested: 'answerReview',
  re_review_requested: 'answerReReview',
};

describe('the procedure state machine', () => {
  it(`never reaches an illegal state, over ${PROPERTY_RUNS} random step sequences`, () => {
    const today = '2026-11-27';
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(move(today), { minLength: 30, maxLength: 60 }), (moves) => {
        let { caseFile } = openCaseFile(
          staffCase(),
          { caseId: 'c', receiptCode: 'r', now: `${today}T00:00:00Z` },
          region,
        );
        for (const m of moves) {
          const before = caseFile;
          const transition = choose(before.status, m);
          let step: ReturnType<typeof applyTransition>;
          try {
            step = applyTransition(before, transition, today, region);
          } catch (error) {
            // A refused step is a conflict (409) and leaves the case as it was.
            if (error instanceof ConflictError) continue;
            throw error;
          }
          const after: CaseFile = step.next;
          // Every deadline the step sets cites an article (or, for acknowledging an assignment,
          // the region's own rule) and the event that started it.
          for (const change of step.deadlines) {
            expect(change.deadline.article).toMatch(/第\d+條|本地規定/);
            expect(change.deadline.startedBy).toBeTruthy();
            expect(change.deadline.dueDate >= change.deadline.startedOn).toBe(true);
          }
          expect(NEXT_STEPS[before.status]).toContain(transition.action);
          expect(CASE_STATUSES).toContain(after.status);
          // A step out of a terminal state is impossible.
          expect(TERMINAL.has(before.status)).toBe(false);
          // The office's duty of the state is on the case; a terminal case owes nothing.
          const duty = DUTY_OF_STATE[after.status];
          if (duty) expect(after.deadlines).toHaveProperty(duty);
          if (TERMINAL.has(after.status)) {
            expect(currentDeadlines(after).filter((d) => d.owedBy === 'office')).toEqual([]);
          }
          // One extension at most, never over 30 days.
          if (after.extension) expect(after.extension.days).toBeLessThanOrEqual(30);
          if (before.extension) expect(after.extension).toEqual(before.extension);
          // A hearing only ever moves the re-review answer later.
          if (transition.action === 'record_hearing') {
            expect(
              String(after.deadlines.answerReReview?.dueDate) >=
                String(before.deadlines.answerReReview?.dueDate),
            ).toBe(true);
          }
          // An appeal is never dated before the opinion it appeals was received.
          if (after.status === 'review_requested' && after.opinionReceivedOn) {
            expect(String(after.deadlines.answerReview?.startedOn) >= after.opinionReceivedOn).toBe(true);
          }
          caseFile = after;
          reached.add(after.status);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
    // The runs went everywhere: every state of the procedure was reached at least once.
    expect([...reached].sort()).toEqual(CASE_STATUSES.filter((s) => s !== 'received').sort());
  });

  it('names the allowed next steps when it refuses one', () => {
    const { caseFile } = openCaseFile(staffCase(), { caseId: 'c', receiptCode: 'r', now: 'n' }, region);
    expect(() =>
      applyTransition(caseFile, { action: 'extend', days: 5, reason: 'x' }, '2026-11-27', region),
    ).toThrow(/accept, refer, not_accept/);
  });

  it('covers every action in the table of next steps', () => {
    const reachable = new Set(Object.values(NEXT_STEPS).flat());
    expect([...reachable].sort()).toEqual([...ACTIONS].sort());
  });
});
