// The case file (案件檔案): one per matter, shared by everyone who works on it: the entity,
// its states and deadlines. Matching, the public view, counters and similarity have their own files.
import type { Bilingual } from '../errors.ts';
import { type PeriodName, periodOf, type RegionConfig } from '../region.ts';
import { addDays, dueDate, workingCalendar } from './clock.ts';
import type { LateRegistration } from './late-registration.ts';
import { localDate } from './local-time.ts';
import type { Channel, PetitionIntake } from './petition.ts';
import type { Outcome, SignerRole } from './procedure-terms.ts';
import type { OpinionStep, OpinionTransition } from './steps.ts';
import type { TimelineEvent } from './timeline.ts';

/** How the petitioner rates the handling (art. 21): kept apart from the outcome. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, Bilingual> = {
  satisfied: { zh: '滿意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本滿意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不滿意', en: 'Dissatisfied' },
};

/** The whole procedure's states (信訪工作條例 2022); intake creates `received`. */
import type { CaseStatus } from './case-status.ts';

export { CASE_STATUSES, type CaseStatus, STATUS_LABELS } from './case-status.ts';

/** Stages that are duties of the office (watched and escalated); the rest are windows of the petitioner. */
const OFFICE_DUTIES: ReadonlySet<PeriodName> = new Set([
  'register',
  'accept',
  'handle',
  'answerReview',
  'answerReReview',
  'signOff',
]);

/** A joint review's task for a department, watched like a statutory deadline. */
export type TaskStage = `task-${string}`;
/** A department's acknowledgement of an assigned case (簽收), within the region's hours. */
export type AcknowledgementStage = `ack-${string}`;
export type DeadlineStage = PeriodName | TaskStage | AcknowledgementStage;

/** A statutory deadline: what must happen by when, under which article, since which event. */
export interface Deadline {
  stage: DeadlineStage;
  /** The office's duty (escalated when missed) or the petitioner's window (never escalated). */
  owedBy: 'office' | 'petitioner';
  dueDate: string;
  days: number;
  unit: 'calendar' | 'working';
  article: string;
  startedBy: string;
  startedOn: string;
  /** Days the clock stood still (a re-review hearing is not counted, art. 36). */
  pausedDays?: number;
  /** Escalation levels already recorded for this due date (each once). */
  escalated?: string[];
  /** Who owes it when not the handling department (a joint review's task). */
  department?: string;
}

export interface JointReview {
  reviewId: string;
  meetingType: string;
  date: string;
  departments: string[];
  officials: string[];
  minutes?: { rootCause: string; direction: string; decisions: string[]; recordedOn: string };
}

export interface Task {
  taskId: string;
  reviewId: string;
  department: string;
  text: string;
  dueDate: string;
  done?: { on: string; report: string };
}

/** One version of an opinion as drafted: the step with its text. */
export interface DraftVersion {
  version: number;
  text: OpinionTransition;
  /** sha256 of the text: what the leader read, and what the signature freezes. */
  digest: string;
  draftedBy: string;
  at: string;
}

export interface SignOffDecision {
  version: number;
  decision: 'returned' | 'signed';
  comments?: string;
  by: string;
  officialId: string;
  role: SignerRole;
  at: string;
}

/** One opinion's drafts and the leaders' decisions on them (the case's last is current until signed). */
export interface OpinionDraft {
  step: OpinionStep;
  state: 'awaiting' | 'returned' | 'signed';
  versions: DraftVersion[];
  decisions: SignOffDecision[];
}

/** Who signed an opinion off (簽發), as its document prints it. */
export interface Signature {
  version: number;
  digest: string;
  officialId: string;
  name: string;
  title: Bilingual;
  role: SignerRole;
  gravity: 'ordinary' | 'major';
  at: string;
}

export interface OpinionRecord {
  outcome: Outcome;
  request: string;
  facts: string;
  reasons: string;
  legalBasis: string;
  opinion: string;
  issuedOn: string;
  /** The body that decided a review or re-review (the next-higher one), by name. */
  decidedBy?: string;
  /** The case's files it encloses, by id (their names are on the written notice). */
  enclosures?: string[];
  /** The leader who signed it off (absent on opinions issued before sign-off existed). */
  signedOff?: Signature;
}

/** Classes of case file by how they ended, each with its archive period in the region's schedule. */
export const RETENTION_CLASSES = ['handled', 'notHandled', 'duplicate', 'routine'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** A closed case file's schedule, set when it closes (a reopened case loses it). */
export interface Retention {
  class: RetentionClass;
  closedOn: string;
  /** From this day its personal data is restricted (the end of the active period). */
  restrictOn: string;
  /** From this day it may be listed for disposal; a duplicate has none: it goes with its main file. */
  disposeOn?: string;
}

/** A petitioner's request about their own data (its content, personal, is kept apart). */
export interface DataRequest {
  requestId: string;
  kind: 'correction' | 'deletion';
  askedOn: string;
  /** Decided with a reason (PIPL art. 50), by whom (never shown to the petitioner), when. */
  decision?: { granted: boolean; reason: string; by: string; at: string; on: string };
}

export interface Milestone {
  step: string;
  on: string;
}

/** The matter and its procedure; no personal data (that sits in PersonalRecord). */
export interface CaseFile {
  caseId: string;
  receiptCode: string;
  status: CaseStatus;
  channel: Channel;
  receivedAt: string;
  /** Registered more than the region's days after receipt, and why (counted apart in reports). */
  lateRegistration?: LateRegistration;
  referral?: { level: string; reference: string };
  township: string;
  category: string;
  subject: string;
  description: string;
  requestedOutcome?: string;
  previouslyRaisedWith?: string[];
  representativeCount: number;
  coSigners?: number;
  /** The category's lead department: where routing will send it unless staff decide otherwise. */
  proposedDepartment: string | null;
  /** Departments the petition complains about: never shown to them, never routed to them (art. 30). */
  complainsAbout?: string[];
  /** Officials the petition complains about: recused from the start, never shown the case. */
  complainsAboutOfficials?: string[];
  handlingDepartment?: string;
  assistingDepartments?: string[];
  assignedOn?: string;
  /** The owner official (包案領導), by id in the region's list of officials. */
  ownerId?: string;
  /** Officials and staff who declared an interest and may neither own nor handle the case. */
  recusals?: string[];
  acceptance?: { plan: string; on: string };
  referredTo?: { procedure: string; where: string; reason: string; on: string };
  /** `routine`: a routine letter that needs no handling (kept the region's short period). */
  notAccepted?: { reason: string; on: string; routine?: boolean };
  extension?: { days: number; reason: string; on: string; previousDueDate: string };
  /** The handler's request for an extension, and the head's decision on it (art. 34). */
  extensionRequest?: {
    days: number;
    reason: string;
    requestedOn: string;
    by: string;
    department: string;
    decision?: { approved: boolean; note: string; on: string; by: string };
  };
  /** Departments that acknowledged receipt of the assignment (簽收), by code. */
  acknowledgements?: Record<string, { on: string; at: string; by: string }>;
  /** Follow-up calls (回訪) after an opinion. */
  followUps?: Array<{
    on: string;
    by: string;
    reached: boolean;
    satisfied: boolean | null;
    causedByHandling: boolean;
    sentBack: boolean;
    notes: string;
  }>;
  /** A dissatisfied rating was followed up: it leaves the quality-review list. */
  qualityFollowedUp?: boolean;
  /** Opinions set aside when a follow-up sent the case back for another handling. */
  previousOpinions?: OpinionRecord[];
  /** Opinions as drafted and decided by the leaders, every version kept (领导签发). */
  opinionDrafts?: OpinionDraft[];
  /** Ordinary or major as of its last change (sign-off.ts `withGravity`): what the queues show, a draft's sign-off queue too. */
  gravity?: 'ordinary' | 'major';
  /** A supervisor marked the matter major, with a reason: its opinions are the head's to sign. */
  majorMark?: { reason: string; by: string; on: string };
  opinion?: OpinionRecord;
  opinionReceivedOn?: string;
  reviewOpinion?: OpinionRecord;
  reviewOpinionReceivedOn?: string;
  reReviewOpinion?: OpinionRecord;
  hearings?: Array<{ from: string; to: string }>;
  /** A dissatisfied rating asks for a look at the quality of the handling, never a penalty. */
  qualityReview?: boolean;
  /** Listed in a year's backlog drive (積案). */
  backlog?: { year: number; listedOn: string };
  /** Joint reviews (集體會診) of this hard case and the tasks their decisions handed out. */
  jointReviews?: JointReview[];
  tasks?: Record<string, Task>;
  repeatCount: number;
  /** The first repeat submission after an opinion was issued: it makes the matter major (sign-off.ts). */
  repeatAfterOpinion?: { on: string };
  /** Staff's word on similar matters suggested for this case, by the other case's id. */
  similarReviews?: Record<string, { decision: 'confirmed' | 'dismissed'; on: string; by: string }>;
  /**
   * The same person's earlier file this one reads like (flagged after intake): staff confirm
   * by linking it as a duplicate or dismiss it; the petitioner's status page says so.
   */
  likelyRepeatOf?: { caseId: string; receiptCode: string; score: number; on: string };
  duplicateOf?: string;
  /** The file a duplicate joined, and the deadlines linking closed (reopened if the link is undone). */
  linkedInto?: { caseId: string; receiptCode: string; on: string; closedDeadlines: Deadline[] };
  /** The petitioner's requests about their data, by id (R001...), and their decisions. */
  dataRequests?: Record<string, DataRequest>;
  /** How long the closed file is kept, by how it ended (set when it closes; docs/retention.md). */
  retention?: Retention;
  /** A legal hold (保全) stops restriction and disposal until it is lifted. */
  legalHold?: { reason: string; by: string; at: string };
  /** Its personal data is restricted: stored and protected only (PIPL art. 47). */
  restricted?: { on: string };
  /** Disposed of under an approved list: no personal value is left anywhere. */
  disposed?: { list: string; on: string; approvedBy: string };
  /** The case's current deadlines by stage: office duties until met, petitioner windows until used. */
  deadlines: Partial<Record<DeadlineStage, Deadline>>;
  milestones: Milestone[];
  version: number;
  eventSeq: number;
  lastEventHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface PersonalRecord {
  caseId: string;
  petitioner: PetitionIntake['petitioner'];
  representatives: NonNullable<PetitionIntake['representatives']>;
  /**
   * Contact details a correction replaced: never shown, kept as protected as the rest only so
   * a disposal finds them where the file still quotes them (absent until a correction).
   */
  formerContacts?: Array<{ phone?: string; address?: string }>;
}

/** The draft still waiting for a leader or a revision, if any. */
export function currentDraft(caseFile: CaseFile): OpinionDraft | undefined {
  const last = caseFile.opinionDrafts?.at(-1);
  return last && last.state !== 'signed' ? last : undefined;
}

export function openCaseFile(
  intake: PetitionIntake,
  ids: { caseId: string; receiptCode: string; now: string },
  region: RegionConfig,
  late?: LateRegistration,
): { caseFile: CaseFile; personal: PersonalRecord } {
  const category = region.categories.find((c) => c.code === intake.category);
  const receivedOn = localDate(intake.receivedAt, region.region.timeZone);
  const caseFile: CaseFile = {
    caseId: ids.caseId,
    receiptCode: ids.receiptCode,
    status: 'received',
    channel: intake.channel,
    receivedAt: intake.receivedAt,
    ...(late && { lateRegistration: late }),
    ...(intake.referral && { referral: intake.referral }),
    township: intake.township,
    category: intake.category,
    subject: intake.subject,
    description: intake.description,
    ...(intake.requestedOutcome && { requestedOutcome: intake.requestedOutcome }),
    ...(intake.previouslyRaisedWith && { previouslyRaisedWith: intake.previouslyRaisedWith }),
    representativeCount: intake.representatives?.length ?? 0,
    ...(intake.coSigners !== undefined && { coSigners: intake.coSigners }),
    proposedDepartment: category?.leadDepartment ?? null,
    ...(intake.complainsAbout?.length && { complainsAbout: intake.complainsAbout }),
    ...(intake.complainsAboutOfficials?.length && {
      complainsAboutOfficials: intake.complainsAboutOfficials,
      recusals: intake.complainsAboutOfficials,
    }),
    repeatCount: 0,
    deadlines: { register: deadlineFrom('register', 'received', receivedOn, region) },
    milestones: [{ step: 'received', on: receivedOn }],
    version: 0,
    eventSeq: 0,
    lastEventHash: '',
    createdAt: ids.now,
    updatedAt: ids.now,
  };
  const personal: PersonalRecord = {
    caseId: ids.caseId,
    petitioner: intake.petitioner,
    representatives: intake.representatives ?? [],
  };
  return { caseFile, personal };
}

const DEFAULT_ACKNOWLEDGE_HOURS = 24;

/**
 * A department's duty to acknowledge an assigned case (簽收) within the region's hours. The
 * deadline check works in dates, so the limit is kept to the day: 24 hours is the next day.
 */
export function acknowledgementDeadline(department: string, on: string, region: RegionConfig): Deadline {
  const hours = region.acknowledgeWithinHours ?? DEFAULT_ACKNOWLEDGE_HOURS;
  const days = Math.ceil(hours / 24);
  return {
    stage: `ack-${department}`,
    owedBy: 'office',
    dueDate: addDays(on, days),
    days,
    unit: 'calendar',
    article: `簽收時限${hours}小時（本地規定）`,
    startedBy: 'assigned',
    startedOn: on,
    department,
  };
}

/** Open acknowledgement duties of the case, all of them (met together when handling ends). */
export function acknowledgementStages(caseFile: Pick<CaseFile, 'deadlines'>): AcknowledgementStage[] {
  return Object.keys(caseFile.deadlines).filter((stage): stage is AcknowledgementStage =>
    stage.startsWith('ack-'),
  );
}

export function deadlineFrom(
  stage: PeriodName,
  startedBy: string,
  startedOn: string,
  region: RegionConfig,
): Deadline {
  const period = periodOf(region, stage);
  return {
    stage,
    owedBy: OFFICE_DUTIES.has(stage) ? 'office' : 'petitioner',
    dueDate: dueDate(startedOn, period, workingCalendar(region)),
    days: period.days,
    unit: period.unit,
    article: period.article,
    startedBy,
    startedOn,
  };
}

/**
 * The deadline moved to a new due date: its escalation ladder starts afresh. A halfway mark the
 * petitioner was told of stays told (the extension's own notice gives the new date).
 */
export function rescheduled(deadline: Deadline, dueDate: string, changes: Partial<Deadline> = {}): Deadline {
  const { escalated, ...rest } = deadline;
  const kept = escalated?.filter((mark) => mark === 'halfway') ?? [];
  return { ...rest, ...changes, dueDate, ...(kept.length && { escalated: kept }) };
}

/** The case's current deadlines: office duties not yet met, petitioner windows not yet used. */
export function currentDeadlines(caseFile: Pick<CaseFile, 'deadlines'>): Deadline[] {
  return Object.values(caseFile.deadlines ?? {}).filter((d): d is Deadline => d !== undefined);
}

/** The calendar date of an instant in the region's time zone. */
export function localDateOf(instant: string | Date, region: RegionConfig): string {
  return localDate(instant, region.region.timeZone);
}

/** What a repeat submission added to the file (補充材料), oldest first, from its timeline. */
export function addendaOf(events: TimelineEvent[]) {
  return events.flatMap((event) => {
    const { addendum, channel, receivedAt } = event.data as {
      addendum?: { subject: string; description: string; requestedOutcome?: string };
      channel?: string;
      receivedAt?: string;
    };
    return event.type === 'repeat_submission' && addendum
      ? [{ seq: event.seq, channel: String(channel), receivedAt: String(receivedAt), ...addendum }]
      : [];
  });
}

/** The case after one more submission of the same matter: a first one after an opinion is noted. */
export function repeated(caseFile: CaseFile, on: string): CaseFile {
  const afterOpinion = caseFile.opinion && !caseFile.repeatAfterOpinion;
  return {
    ...caseFile,
    repeatCount: caseFile.repeatCount + 1,
    ...(afterOpinion && { repeatAfterOpinion: { on } }),
  };
}
