// Leaders' sign-off (领导签发): handlers draft an opinion, the right leader signs it or sends it
// back with comments; only the signed version goes out, as the step that issues it.
import { authorize, type Staff } from '../domain/access.ts';
import { type CaseFile, deadlineFrom, localDateOf } from '../domain/case.ts';
import { applyTransition, met, setting, withDeadlines } from '../domain/procedure.ts';
import {
  decideDraft,
  draftVersion,
  gravityOf,
  markedMajor,
  type SignOffRequest,
  signatureOf,
} from '../domain/sign-off.ts';
import type { OpinionTransition } from '../domain/steps.ts';
import { actorOf } from '../domain/timeline.ts';
import { caseFor, changeCases, changeCasesWithPersonal } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import { enclosed, stepPlan } from './take-step.ts';

/** Where each opinion step keeps its record on the case. */
const RECORD_OF = {
  issue_opinion: 'opinion',
  issue_review_opinion: 'reviewOpinion',
  issue_re_review_opinion: 'reReviewOpinion',
} as const;

/**
 * Primary course:
 * 1. The drafter may take the opinion step on this case (its department, or the supervisor
 *    for a review), and the case's state allows it now.
 * 2. The version is the first, or revises the latest one the drafter read (else 409).
 * 3. The draft waits for the leader, with the sign-off deadline set (watched like the others).
 */
export async function draftOpinion(
  ctx: UseCaseContext,
  caseId: string,
  text: OpinionTransition,
  staff: Staff,
  revises?: number,
): Promise<CaseFile> {
  const { region } = ctx.config;
  // Hidden is not found, before anything about the enclosures is said.
  if (text.enclosures?.length) {
    await caseFor(ctx, caseId, staff, 'read');
    await enclosed(ctx, caseId, text);
  }
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'read');
    const now = ctx.now();
    const on = localDateOf(now, region);
    // The state machine is asked first, so a draft the state cannot take is refused at once.
    applyTransition(caseFile, text, on, region);
    authorize(staff, caseFile, text.action);
    const opinionDrafts = draftVersion(caseFile, text, staff.sub, now.toISOString(), revises);
    const version = opinionDrafts.at(-1)?.versions.at(-1);
    const signOff = setting(deadlineFrom('signOff', 'opinion_drafted', on, region));
    return [
      {
        next: withDeadlines({ ...caseFile, opinionDrafts }, [signOff]),
        events: [
          {
            type: 'opinion_drafted',
            actor: actorOf(staff),
            data: { step: text.action, version: version?.version, digest: version?.digest },
          },
        ],
        deadlines: [signOff],
      },
    ];
  });
  return updated;
}

/**
 * Primary course:
 * 1. A leader the region names reads the latest version (its number and digest) and decides.
 * 2. Returned: the comments go on the draft and the timeline; the drafter revises.
 * 3. Signed: the frozen version is issued as its step (deadlines met, notices to the
 *    petitioner, counters), carrying the signature and the digest; the timeline keeps both.
 * Exceptions: no draft waiting, or a changed one (409); the drafter, a recused leader, or a
 * deputy on a major matter (403).
 */
export async function decideOpinion(
  ctx: UseCaseContext,
  caseId: string,
  request: SignOffRequest,
  staff: Staff,
): Promise<CaseFile> {
  const { region } = ctx.config;
  // The digest covers the enclosures' ids: the version read here is the one the leader decides on.
  const read = await caseFor(ctx, caseId, staff, 'sign_off');
  const version = read.opinionDrafts?.at(-1)?.versions.find((v) => v.digest === request.digest);
  const enclosures = version ? await enclosed(ctx, caseId, version.text) : [];
  const [updated] = await changeCasesWithPersonal(ctx, [caseId], ([caseFile], [personal]) => {
    authorize(staff, caseFile, 'sign_off');
    const at = ctx.now().toISOString();
    const { drafts, decision, signed } = decideDraft(caseFile, request, staff, region, at);
    const signOffMet = met(caseFile, 'signOff');
    const decided = withDeadlines({ ...caseFile, opinionDrafts: drafts }, signOffMet);
    const event = {
      type: signed ? 'opinion_signed' : 'opinion_returned',
      actor: actorOf(staff),
      data: {
        version: decision.version,
        ...(signed && { digest: signed.digest }),
        ...(decision.comments && { comments: decision.comments }),
        role: decision.role,
      },
    };
    if (!signed) return [{ next: decided, events: [event], deadlines: signOffMet }];
    const plan = stepPlan(ctx, decided, personal, signed.text, staff, enclosures);
    const record = RECORD_OF[signed.text.action];
    const signature = signatureOf(decision, signed, gravityOf(caseFile, region), region);
    const issued = plan.next[record];
    return [
      {
        ...plan,
        next: issued ? { ...plan.next, [record]: { ...issued, signedOff: signature } } : plan.next,
        events: [event, ...plan.events],
        deadlines: [...signOffMet, ...plan.deadlines],
      },
    ];
  });
  return updated;
}

/** A supervisor marks the matter major with a reason (recorded); its opinions become the head's to sign. */
export async function markMajor(ctx: UseCaseContext, caseId: string, reason: string, staff: Staff) {
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'mark_major');
    const on = localDateOf(ctx.now(), ctx.config.region);
    return [
      {
        next: markedMajor(caseFile, reason, staff.sub, on),
        events: [{ type: 'marked_major', actor: actorOf(staff), data: { reason } }],
      },
    ];
  });
  return updated;
}
