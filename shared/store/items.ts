// How each entity is laid out as a table item. Key attributes come from keys.ts only.
import type { CaseFile, Deadline, PersonalRecord, Rating } from '../domain/case.ts';
import type { Notice } from '../domain/notices.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import { caseIndexKeys, dueIndexKeys, keys, petitionerIndexKeys } from './keys.ts';

type Item = Record<string, unknown>;

/** Attributes that belong to the table, not to the entity they carry. */
const KEY_ATTRIBUTES = [
  'PK',
  'SK',
  'entity',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
  'duePK',
  'dueSK',
  'expiresAt',
];

export function withoutKeys<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** The case item with every index key its current state calls for, recomputed on each write. */
export function caseItem(caseFile: CaseFile): Item {
  return {
    ...keys.case(caseFile.caseId),
    entity: 'case',
    ...caseFile,
    ...caseIndexKeys.byArea(caseFile.township, caseFile.category, caseFile.receivedAt, caseFile.caseId),
    ...(caseFile.ownerId &&
      caseIndexKeys.byOwner(caseFile.ownerId, caseFile.status, caseFile.receivedAt, caseFile.caseId)),
    ...(caseFile.handlingDepartment &&
      caseIndexKeys.byDepartment(caseFile.handlingDepartment, caseFile.receivedAt, caseFile.caseId)),
    ...(caseFile.backlog && caseIndexKeys.byBacklogYear(caseFile.backlog.year, caseFile.caseId)),
  };
}

export function personalItem(personal: PersonalRecord): Item {
  return { ...keys.personal(personal.caseId), entity: 'personal', ...personal };
}

export function petitionerLinkItem(caseId: string, identityHash: string, receivedAt: string): Item {
  return {
    ...keys.petitionerLink(caseId, identityHash),
    entity: 'petitionerLink',
    caseId,
    ...petitionerIndexKeys.byPetitioner(identityHash, receivedAt, caseId),
  };
}

export function eventItem(caseId: string, event: TimelineEvent): Item {
  return { ...keys.event(caseId, event.seq), entity: 'event', caseId, ...event };
}

/**
 * An open duty of the office carries the due-index keys; a met one drops them and leaves
 * the index. A petitioner's window is recorded but never enters the index.
 */
export function deadlineItem(caseId: string, deadline: Deadline, open: boolean): Item {
  return {
    ...keys.deadline(caseId, deadline.stage),
    entity: 'deadline',
    caseId,
    open,
    ...deadline,
    ...(open && deadline.owedBy === 'office' && dueIndexKeys.open(deadline.dueDate, caseId, deadline.stage)),
  };
}

export interface ReceiptRecord {
  receiptCode: string;
  caseId: string;
  verifierHash: string;
  failedAttempts: number;
  lockedUntil?: string;
  lockouts: number;
  refusals: number;
}

export function receiptItem(receipt: ReceiptRecord): Item {
  return { ...keys.receipt(receipt.receiptCode), entity: 'receipt', ...receipt };
}

export function matterItem(fingerprint: string, caseId: string): Item {
  return { ...keys.matter(fingerprint), entity: 'matter', caseId };
}

export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number;
  /** The first response's body as JSON text. */
  body: string;
}

/** Idempotency records expire through the table's TTL a day after they were written. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export function idempotencyItem(scopedKeyHash: string, record: IdempotencyRecord, nowMs: number): Item {
  return {
    ...keys.idempotency(scopedKeyHash),
    entity: 'idempotency',
    ...record,
    expiresAt: Math.floor(nowMs / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
}

/** A pending notice sits in the OUTBOX partition of the due index until delivered. */
export function noticeItem(notice: Notice): Item {
  return {
    ...keys.notice(notice.caseId, notice.noticeId),
    entity: 'notice',
    ...notice,
    ...(notice.state === 'pending' &&
      dueIndexKeys.pendingNotice(notice.createdAt, notice.caseId, notice.noticeId)),
  };
}

export function personalReadItem(
  caseId: string,
  at: string,
  staff: { sub: string; roles: readonly string[] },
): Item {
  return {
    ...keys.personalRead(caseId, at, staff.sub),
    entity: 'personalRead',
    caseId,
    at,
    by: staff.sub,
    roles: staff.roles,
  };
}

export interface RatingRecord {
  caseId: string;
  /** Which opinion is rated: the handling opinion, the review or the re-review opinion. */
  opinion: 'opinion' | 'review_opinion' | 're_review_opinion';
  rating: Rating;
  comment?: string;
  at: string;
}

export function ratingItem(rating: RatingRecord): Item {
  return { ...keys.rating(rating.caseId, rating.opinion), entity: 'rating', ...rating };
}

export function escalationItem(
  caseId: string,
  stage: string,
  dueDate: string,
  level: string,
  at: string,
): Item {
  return {
    ...keys.escalation(caseId, stage, dueDate, level),
    entity: 'escalation',
    caseId,
    stage,
    dueDate,
    level,
    at,
  };
}
