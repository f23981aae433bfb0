// The handling desk: acknowledgement of an assigned case, extension request and decision,
// follow-up calls, and the personal-data read log.
import { authorize, type CaseAct, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf, type PersonalRecord } from '../domain/case.ts';
import {
  acknowledge,
  type DeskStep,
  decideExtension,
  type FollowUpInput,
  followUp,
  requestExtension,
} from '../domain/handling-desk.ts';
import { noticesFor, staffNotices } from '../domain/notices.ts';
import type { StaffNoticeType } from '../domain/procedure-terms.ts';
import { actorOf } from '../domain/timeline.ts';
import { ForbiddenError } from '../errors.ts';
import { type CasePlan, caseNotFound, changeCases, changeCasesWithPersonal } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

/**
 * One act on one case: authorize, decide, write the step with its notices. The petitioner's
 * contact details are read only for an act that can tell the petitioner something.
 */
async function deskAct(
  ctx: UseCaseContext,
  caseId: string,
  staff: Staff,
  act: CaseAct,
  decide: (caseFile: CaseFile, on: string, at: string) => DeskStep,
  options: { tell?: StaffNoticeType[]; tellsPetitioner?: boolean } = {},
): Promise<CaseFile> {
  const { region } = ctx.config;
  const plan = (caseFile: CaseFile, personal?: PersonalRecord): CasePlan[] => {
    authorize(staff, caseFile, act);
    const now = ctx.now();
    const at = now.toISOString();
    const step = decide(caseFile, localDateOf(now, region), at);
    return [
      {
        next: step.next,
        events: [{ type: step.event.type, actor: actorOf(staff), data: step.event.data }],
        deadlines: step.deadlines,
        notify: (written) => [
          ...(personal ? noticesFor(step.notices, written, personal, region, at) : []),
          ...(options.tell ?? []).flatMap((type) => staffNotices(type, written, region, at)),
        ],
      },
    ];
  };
  const [updated] = options.tellsPetitioner
    ? await changeCasesWithPersonal(ctx, [caseId], ([caseFile], [personal]) => plan(caseFile, personal))
    : await changeCases(ctx, [caseId], ([caseFile]) => plan(caseFile));
  return updated;
}

const departmentOf = (staff: Staff) => {
  if (!staff.department) throw new ForbiddenError('no department in the token');
  return staff.department;
};

/** A department acknowledges receipt of an assigned case (簽收). */
export async function acknowledgeCase(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const department = departmentOf(staff);
  return deskAct(ctx, caseId, staff, 'acknowledge', (caseFile, on, at) =>
    acknowledge(caseFile, department, on, at, staff.sub),
  );
}

export async function askForExtension(
  ctx: UseCaseContext,
  caseId: string,
  request: { days: number; reason: string },
  staff: Staff,
) {
  const department = departmentOf(staff);
  return deskAct(
    ctx,
    caseId,
    staff,
    'request_extension',
    (caseFile, on) => requestExtension(caseFile, { department, ...request }, on, staff.sub),
    { tell: ['extension_requested'] },
  );
}

export function decideExtensionRequest(
  ctx: UseCaseContext,
  caseId: string,
  decision: { approve: boolean; note: string },
  staff: Staff,
) {
  return deskAct(
    ctx,
    caseId,
    staff,
    'decide_extension',
    (caseFile, on) => decideExtension(caseFile, decision, on, staff.sub, ctx.config.region),
    { tellsPetitioner: true },
  );
}

export function recordFollowUp(ctx: UseCaseContext, caseId: string, input: FollowUpInput, staff: Staff) {
  return deskAct(
    ctx,
    caseId,
    staff,
    'follow_up',
    (caseFile, on) => followUp(caseFile, input, on, staff.sub, ctx.config.region),
    { tell: input.sendBack ? ['sent_back'] : [] },
  );
}

/** Who read or changed the petitioner's personal data, for auditors. */
export async function personalDataLog(ctx: UseCaseContext, caseId: string, staff: Staff) {
  const caseFile = await ctx.store.cases.get(caseId);
  if (!caseFile) throw caseNotFound(caseId);
  authorize(staff, caseFile, 'read_personal_log');
  return ctx.store.cases.personalReads(caseId);
}
