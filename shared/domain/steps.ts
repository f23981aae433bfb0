// The steps of the procedure as they arrive: one zod schema per step, and the Transition type
// the state machine takes, inferred from it (written once).
import * as z from 'zod/mini';
import { OUTCOMES, REFERRAL_PROCEDURES } from './procedure-terms.ts';
import { text } from './text-field.ts';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** The steps; `expectedVersion` guards against acting on a stale view of the case. */
export function transitionSchema(departmentCodes: readonly [string, ...string[]]) {
  return z.discriminatedUnion('action', stepSchemas(departmentCodes));
}

/** An opinion as drafted for sign-off: its step and text, and the version it revises (none for the first). */
export function opinionDraftSchema() {
  const revises = { revises: z.optional(z.int().check(z.positive())) };
  const { issue, review, reReview } = opinionSteps();
  return z.discriminatedUnion('action', [
    z.extend(issue, revises),
    z.extend(review, revises),
    z.extend(reReview, revises),
  ]);
}

const step = <const A extends string, S extends Record<string, z.ZodMiniType>>(action: A, shape: S) =>
  z.strictObject({
    action: z.literal(action),
    expectedVersion: z.optional(z.int().check(z.positive())),
    ...shape,
  });

/** The three steps that issue an opinion, by name: the procedure's, and the drafts'. */
function opinionSteps() {
  const opinion = {
    outcome: z.enum(OUTCOMES),
    request: text(2, 2000),
    facts: text(2, 5000),
    reasons: text(2, 5000),
    legalBasis: text(2, 2000),
    opinion: text(2, 5000),
    /** Files of the case the written opinion encloses (附件), by id: its document lists them. */
    enclosures: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/))).check(z.maxLength(20))),
  };
  return {
    issue: step('issue_opinion', opinion),
    // The next-higher body decides a review and a re-review (arts. 35-36); the county records it.
    review: step('issue_review_opinion', { ...opinion, decidedBy: text(2, 100) }),
    reReview: step('issue_re_review_opinion', { ...opinion, decidedBy: text(2, 100) }),
  };
}

function stepSchemas(departmentCodes: readonly [string, ...string[]]) {
  const department = z.enum(departmentCodes);
  const opinion = opinionSteps();
  return [
    step('accept', { plan: text(2, 2000) }),
    step('refer', { procedure: z.enum(REFERRAL_PROCEDURES), where: text(2, 200), reason: text(2, 2000) }),
    // A routine letter that needs no handling is kept only the region's short period.
    step('not_accept', { reason: text(2, 2000), routine: z.optional(z.boolean()) }),
    step('assign', {
      leadDepartment: department,
      assistingDepartments: z.optional(z.array(department).check(z.maxLength(10))),
    }),
    step('return_misrouted', { reason: text(2, 2000) }),
    step('extend', { days: z.int().check(z.minimum(1), z.maximum(30)), reason: text(2, 2000) }),
    opinion.issue,
    step('record_receipt', { receivedOn: isoDate }),
    step('request_review', { requestedOn: isoDate, grounds: text(2, 5000) }),
    opinion.review,
    step('request_re_review', { requestedOn: isoDate, grounds: text(2, 5000) }),
    step('record_hearing', { from: isoDate, to: isoDate }),
    opinion.reReview,
  ] as const;
}

type StepRequest = z.infer<ReturnType<typeof transitionSchema>>;
type WithoutVersion<T> = T extends unknown ? Omit<T, 'expectedVersion'> : never;

/** A step of the procedure, as the state machine applies it. */
export type Transition = WithoutVersion<StepRequest>;
export type Action = Transition['action'];

/** The steps that issue an opinion: drafted, then released by a leader's sign-off (sign-off.ts). */
export const OPINION_STEPS = ['issue_opinion', 'issue_review_opinion', 'issue_re_review_opinion'] as const;
export type OpinionStep = (typeof OPINION_STEPS)[number];
export type OpinionTransition = Extract<Transition, { action: OpinionStep }>;
