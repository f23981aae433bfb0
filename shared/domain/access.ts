// Who may see and do what on which case (object-level authorization). Roles come from the
// staff token's claims; the petitioner acts only through the receipt code (elsewhere).
import type { StaffRole } from '../auth.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type CaseFile, currentDraft, type PersonalRecord } from './case.ts';
import type { Notice } from './notices.ts';
import { ACTIONS, type Action, NEXT_STEPS } from './procedure.ts';
import { inboxDepartments, isOpen } from './work-queues.ts';

export interface Staff {
  sub: string;
  roles: readonly StaffRole[];
  officialId?: string | undefined;
  department?: string | undefined;
}

export type CaseAct =
  | Action
  | 'claim'
  | 'assign_owner'
  | 'instruct'
  | 'recuse'
  | 'link_duplicate'
  | 'find_similar'
  | 'review_similar'
  | 'list_notices'
  | 'mark_backlog'
  | 'joint_review'
  | 'complete_task'
  | 'acknowledge'
  | 'request_extension'
  | 'decide_extension'
  | 'follow_up'
  | 'correct'
  | 'read_personal_log'
  | 'hold'
  | 'lift_hold'
  | 'look_up_restricted'
  | 'decide_data_request'
  | 'sign_off'
  | 'mark_major';

/** The roles that may take each act at all; the object-level rules below narrow it. */
const ACT_ROLES: Record<CaseAct, readonly StaffRole[]> = {
  accept: ['clerk', 'supervisor'],
  refer: ['clerk', 'supervisor'],
  not_accept: ['clerk', 'supervisor'],
  assign: ['supervisor'],
  return_misrouted: ['department'],
  extend: ['supervisor'],
  issue_opinion: ['department'],
  record_receipt: ['clerk', 'supervisor', 'department'],
  request_review: ['clerk', 'supervisor'],
  issue_review_opinion: ['supervisor'],
  request_re_review: ['clerk', 'supervisor'],
  record_hearing: ['supervisor'],
  issue_re_review_opinion: ['supervisor'],
  claim: ['official'],
  assign_owner: ['supervisor'],
  instruct: ['official'],
  recuse: ['supervisor', 'official', 'department'],
  link_duplicate: ['clerk', 'supervisor'],
  // Bureau staff compare matters; a department sees only what is assigned to it.
  find_similar: ['clerk', 'supervisor', 'official', 'admin', 'auditor'],
  // Confirming or dismissing a suggestion is casework: it feeds nothing automatic.
  review_similar: ['clerk', 'supervisor', 'official'],
  list_notices: ['clerk', 'supervisor', 'auditor'],
  mark_backlog: ['supervisor'],
  joint_review: ['supervisor'],
  complete_task: ['department', 'supervisor'],
  acknowledge: ['department'],
  request_extension: ['department'],
  // The head of the organ decides (art. 34): the bureau's supervisor here.
  decide_extension: ['supervisor'],
  follow_up: ['clerk', 'supervisor', 'official'],
  correct: ['clerk', 'supervisor'],
  read_personal_log: ['auditor', 'supervisor'],
  // A legal hold is the archive's, or the supervisor's when a court or the law asks for it.
  hold: ['archivist', 'supervisor'],
  lift_hold: ['archivist', 'supervisor'],
  look_up_restricted: ['archivist'],
  // The bureau answers a petitioner's request about their data (PIPL art. 50).
  decide_data_request: ['clerk', 'supervisor'],
  // The leader in charge signs ordinary matters, the head major ones (sign-off.ts checks which).
  sign_off: ['deputy_head', 'head'],
  mark_major: ['supervisor'],
};

/** The roles that may take any of these acts: what a route admits before the case is read. */
export function rolesFor(...acts: CaseAct[]): readonly StaffRole[] {
  return [...new Set(acts.flatMap((act) => ACT_ROLES[act]))];
}

/** Any step of the procedure. */
export const STEP_ROLES = rolesFor(...ACTIONS);

const has = (staff: Staff, ...roles: StaffRole[]) => staff.roles.some((r) => roles.includes(r));

/** A department works on a case it leads, assists, or holds a joint-review task of. */
function isDepartmentOf(staff: Staff, caseFile: CaseFile): boolean {
  const department = staff.department;
  if (department === undefined) return false;
  return (
    caseFile.handlingDepartment === department ||
    (caseFile.assistingDepartments ?? []).includes(department) ||
    Object.values(caseFile.tasks ?? {}).some((task) => task.department === department)
  );
}

function isOwner(staff: Staff, caseFile: CaseFile): boolean {
  return staff.officialId !== undefined && caseFile.ownerId === staff.officialId;
}

function isRecused(staff: Staff, caseFile: CaseFile): boolean {
  const recusals = caseFile.recusals ?? [];
  return (
    recusals.includes(staff.sub) || (staff.officialId !== undefined && recusals.includes(staff.officialId))
  );
}

/**
 * Whether the case exists for this person at all. A case that complains about a department
 * is never visible to it (art. 30); a department sees only what is assigned to it.
 */
export function canSee(staff: Staff, caseFile: CaseFile): boolean {
  // An official the petition complains about never sees it, whatever else the token says.
  if (staff.officialId && (caseFile.complainsAboutOfficials ?? []).includes(staff.officialId)) return false;
  // A department claim restricts to that department's view, whatever other roles come with it.
  if (staff.department !== undefined || has(staff, 'department')) {
    return (
      !(caseFile.complainsAbout ?? []).includes(staff.department ?? '') && isDepartmentOf(staff, caseFile)
    );
  }
  return has(
    staff,
    'clerk',
    'supervisor',
    'admin',
    'auditor',
    'official',
    'archivist',
    'deputy_head',
    'head',
  );
}

export const caseHidden = (caseId: string) =>
  new NotFoundError({ zh: `找不到案件 ${caseId}。`, en: `Case ${caseId} was not found.` });

/** Throws NotFound when the case is hidden from this person, Forbidden when the act is not theirs. */
export function authorize(staff: Staff, caseFile: CaseFile, act: CaseAct | 'read'): void {
  if (!canSee(staff, caseFile)) throw caseHidden(caseFile.caseId);
  if (act === 'read') return;
  if (!staff.roles.some((role) => ACT_ROLES[act].includes(role))) throw new ForbiddenError(act);
  // Declaring one's own interest is the one act left to a recused person.
  if (act !== 'recuse' && isRecused(staff, caseFile)) throw new ForbiddenError(`${act}: recused`);
  const departmentAct = act === 'return_misrouted' || act === 'issue_opinion';
  if (departmentAct && caseFile.handlingDepartment !== staff.department) throw new ForbiddenError(act);
  if (
    act === 'record_receipt' &&
    !has(staff, 'clerk', 'supervisor') &&
    caseFile.handlingDepartment !== staff.department
  ) {
    throw new ForbiddenError(act);
  }
  if (act === 'claim' && !staff.officialId) throw new ForbiddenError('claim: no official id in the token');
  if (act === 'instruct' && !isOwner(staff, caseFile)) throw new ForbiddenError('instruct: only the owner');
}

/**
 * What this person may do on the case now: the steps its state allows and the casework its
 * state calls for, each one `authorize` admits. The console offers these; every act is still
 * checked again when taken.
 */
export function actsNow(staff: Staff, caseFile: CaseFile): CaseAct[] {
  const open = isOpen(caseFile);
  const department = staff.department;
  const request = caseFile.extensionRequest;
  const candidates: CaseAct[] = [
    ...(caseFile.duplicateOf ? [] : NEXT_STEPS[caseFile.status]),
    ...(open
      ? (['assign_owner', 'instruct', 'recuse', 'joint_review', 'mark_backlog', 'correct'] as const)
      : []),
    ...(open && !caseFile.ownerId ? (['claim'] as const) : []),
    // Linking and undoing a link are one act.
    ...(open || caseFile.duplicateOf ? (['link_duplicate'] as const) : []),
    ...(caseFile.opinion ? (['follow_up'] as const) : []),
    ...(department &&
    inboxDepartments(caseFile).includes(department) &&
    !caseFile.acknowledgements?.[department]
      ? (['acknowledge'] as const)
      : []),
    ...(caseFile.status === 'assigned' &&
    caseFile.handlingDepartment === department &&
    !caseFile.extension &&
    !request
      ? (['request_extension'] as const)
      : []),
    ...(request && !request.decision ? (['decide_extension'] as const) : []),
    ...(currentDraft(caseFile)?.state === 'awaiting' ? (['sign_off'] as const) : []),
    ...(open && !caseFile.majorMark ? (['mark_major'] as const) : []),
    ...(Object.values(caseFile.dataRequests ?? {}).some((r) => !r.decision)
      ? (['decide_data_request'] as const)
      : []),
    // A hold is the archive's on a closed file (it may be placed on any file, and lifted).
    ...(caseFile.legalHold
      ? (['lift_hold'] as const)
      : caseFile.retention && !caseFile.disposed
        ? (['hold'] as const)
        : []),
    ...(Object.values(caseFile.tasks ?? {}).some(
      (task) => !task.done && (!department || task.department === department),
    )
      ? (['complete_task'] as const)
      : []),
  ];
  return candidates.filter((act) => mayTake(staff, caseFile, act));
}

/** Whether `authorize` admits the act. */
function mayTake(staff: Staff, caseFile: CaseFile, act: CaseAct): boolean {
  try {
    authorize(staff, caseFile, act);
    return true;
  } catch {
    return false;
  }
}

/** The case's other views, and the casework in them, that a person may be offered. */
export const CASE_VIEWS = ['find_similar', 'review_similar', 'list_notices', 'read_personal_log'] as const;

/** Which of the case's other views this person may open: the console asks, and keeps no copy of the rules. */
export function viewsNow(staff: Staff, caseFile: CaseFile): Array<(typeof CASE_VIEWS)[number]> {
  return CASE_VIEWS.filter((act) => mayTake(staff, caseFile, act));
}

/**
 * The case as this person may see it: a department never sees the receipt code, nor which
 * earlier file of the same person it may repeat (whose files these are is personal).
 */
export function caseAsSeenBy(staff: Staff, caseFile: CaseFile) {
  if (staff.department === undefined && !has(staff, 'department')) return caseFile;
  const { receiptCode: _, likelyRepeatOf: __, ...withoutCode } = caseFile;
  return withoutCode;
}

/** Who may see the petitioner's personal data unmasked: intake staff, supervisors and the owner. */
function maySeePersonalData(staff: Staff, caseFile: CaseFile): boolean {
  // A department's view is masked, whatever other roles the token carries.
  if (staff.department !== undefined) return false;
  // Restricted data is only stored and protected: read through an archivist's audited look-up.
  if (caseFile.restricted) return false;
  return has(staff, 'clerk', 'supervisor') || isOwner(staff, caseFile);
}

function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

function maskDigits(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${keepEnd ? value.slice(-keepEnd) : ''}`;
}

type Person = PersonalRecord['petitioner'];

function maskPerson(person: Person): Person {
  return {
    name: maskName(person.name),
    // No digit of the last four: they are the petitioner's verifier of the receipt code.
    ...(person.phone && { phone: maskDigits(person.phone.replace(/\D/g, ''), 3, 0) }),
    ...(person.idNumber && { idNumber: maskDigits(person.idNumber, 2, 2) }),
    ...(person.address && { address: `${[...person.address].slice(0, 3).join('')}***` }),
  };
}

/** Whether this person reads the petitioner's personal data of this case unmasked. */
export function readsUnmasked(staff: Staff, caseFile: CaseFile): boolean {
  return maySeePersonalData(staff, caseFile) && !isRecused(staff, caseFile);
}

/** Only the first group: with the code and the phone's last four a masked reader could act as the petitioner. */
function maskReceiptCode(code: string): string {
  return code.replace(/(?<=^[^-]+-).*/, (rest) => rest.replace(/[^-]/g, '*'));
}

/**
 * A notice as a masked reader sees it: the addressee's name, phone and address masked, and the
 * receipt code (in its text, its SMS and the case's code) cut to its first group.
 */
export function maskNotice<N extends Notice>(notice: N, receiptCode: string): N {
  const masked = maskReceiptCode(receiptCode);
  const hide = (text: string) => text.replaceAll(receiptCode, masked);
  const { recipient } = notice;
  return {
    ...notice,
    recipient: recipient.kind === 'petitioner' ? { kind: 'petitioner', ...maskPerson(recipient) } : recipient,
    text: { zh: hide(notice.text.zh), en: hide(notice.text.en) },
    ...(notice.sms && { sms: { ...notice.sms, receiptCode: masked } }),
    ...(notice.delivery?.signedBy && {
      delivery: { ...notice.delivery, signedBy: maskName(notice.delivery.signedBy) },
    }),
  };
}

/** The personal record as staff read it unmasked: the people, never the details a correction replaced. */
export function personalAsShown({ caseId, petitioner, representatives }: PersonalRecord): PersonalRecord {
  return { caseId, petitioner, representatives };
}

/** Personal data with names, numbers and addresses masked for roles that do not need them. */
export function maskPersonal(personal: PersonalRecord): PersonalRecord {
  return {
    caseId: personal.caseId,
    petitioner: maskPerson(personal.petitioner),
    representatives: personal.representatives.map(maskPerson),
  };
}
