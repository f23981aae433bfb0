// How each entity is laid out as a table item. Key attributes come from keys.ts only.
import type { Attachment } from '../domain/attachments.ts';
import type { CaseFile, Deadline, PersonalRecord } from '../domain/case.ts';
import type { DataRequestContent } from '../domain/data-rights.ts';
import { awaitsEscalation, checkDateOf } from '../domain/escalation.ts';
import type { Notice } from '../domain/notices.ts';
import type { Absence, ReceptionDay } from '../domain/reception.ts';
import { nextRetentionStep } from '../domain/retention.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import { queueSummary, type WorkQueue } from '../domain/work-queues.ts';
import type {
  CounterChange,
  EscalationRecord,
  IdempotencyRecord,
  OnceOnlyRecord,
  QueueEntry,
  RatingRecord,
  ReceiptRecord,
  StaffReader,
} from '../usecases/ports.ts';
import type { Item, TransactItem } from './dynamo.ts';
import { caseIndexKeys, dueIndexKeys, keys, petitionerIndexKeys, queueIndexKeys } from './keys.ts';

/** The case item with every index key its current state calls for, recomputed on each write. */
export function caseItem(caseFile: CaseFile): Item {
  return {
    ...keys.case(caseFile.caseId),
    entity: 'case',
    ...caseFile,
    ...caseIndexKeys.byArea(caseFile.township, caseFile.category, caseFile.receivedAt, caseFile.caseId),
    ...(caseFile.backlog && caseIndexKeys.byBacklogYear(caseFile.backlog.year, caseFile.caseId)),
  };
}

/** A case in one work queue: its summary, sorted by the due date of its current stage. */
export function queueItem(caseFile: CaseFile, queue: WorkQueue, shards: number): Item {
  const summary = queueSummary(caseFile);
  return {
    ...keys.queueMembership(caseFile.caseId, queue),
    entity: 'queueMembership',
    queue: keys.queueName(queue),
    ...summary,
    complainsAbout: caseFile.complainsAbout ?? [],
    ...queueIndexKeys.member(queue, summary.dueDate, caseFile.caseId, shards),
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

/** The case's newest event of the day it was written (UTC): what the daily anchor seals. */
export function chainHeadItem(caseId: string, event: TimelineEvent): Item {
  return {
    ...keys.chainHead(event.at.slice(0, 10), caseId),
    entity: 'chainHead',
    caseId,
    seq: event.seq,
    hash: event.hash,
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
    ...(open &&
      awaitsEscalation(deadline) &&
      dueIndexKeys.open(checkDateOf(deadline), caseId, deadline.stage)),
  };
}

export function receiptItem(receipt: ReceiptRecord): Item {
  return { ...keys.receipt(receipt.receiptCode), entity: 'receipt', ...receipt };
}

export function matterItem(fingerprint: string, caseId: string): Item {
  return { ...keys.matter(fingerprint), entity: 'matter', caseId };
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

export function attachmentItem(attachment: Attachment): Item {
  return {
    ...keys.attachment(attachment.caseId, attachment.attachmentId),
    entity: 'attachment',
    ...attachment,
  };
}

/** Names, in the case's partition, a request's idempotency record: a disposal removes it too. */
export function idempotencyLinkItem(caseId: string, scopedKeyHash: string): Item {
  return { ...keys.idempotencyLink(caseId, scopedKeyHash), entity: 'idempotencyLink', caseId, scopedKeyHash };
}

/** A closed case's schedule; in the RETAIN partitions of the due index while a step is due. */
export function retentionItem(caseFile: CaseFile): Item {
  const step = nextRetentionStep(caseFile);
  return {
    ...keys.retention(caseFile.caseId),
    entity: 'retention',
    caseId: caseFile.caseId,
    ...caseFile.retention,
    ...(step && { step, ...dueIndexKeys.retentionDue(step.on, caseFile.caseId) }),
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
  staff: StaffReader,
  {
    changed,
    opened,
    reason,
  }: { changed?: string[] | undefined; opened?: string | undefined; reason?: string | undefined } = {},
): Item {
  return {
    ...(changed && { changed }),
    ...(opened && { opened }),
    ...(reason && { reason }),
    ...keys.personalRead(caseId, at, staff.sub),
    entity: 'personalRead',
    caseId,
    at,
    by: staff.sub,
    roles: staff.roles,
  };
}

export function ratingItem(rating: RatingRecord): Item {
  return { ...keys.rating(rating.caseId, rating.opinion), entity: 'rating', ...rating };
}

function escalationItem(escalation: EscalationRecord): Item {
  const { caseId, stage, dueDate, level } = escalation;
  return { ...keys.escalation(caseId, stage, dueDate, level), entity: 'escalation', ...escalation };
}

function dataRequestItem(content: DataRequestContent): Item {
  return { ...keys.dataRequest(content.caseId, content.requestId), entity: 'dataRequest', ...content };
}

export function onceOnlyItem(record: OnceOnlyRecord): Item {
  if ('rating' in record) return ratingItem(record.rating);
  if ('escalation' in record) return escalationItem(record.escalation);
  return dataRequestItem(record.dataRequest);
}

export function receptionDayItem(day: ReceptionDay, at: string): Item {
  return { ...keys.receptionDay(day.date), entity: 'receptionDay', ...day, updatedAt: at };
}

export function absenceItem(absence: Absence): Item {
  return { ...keys.absence(absence.officialId, absence.from, absence.to), entity: 'absence', ...absence };
}

export function queueEntryItem(entry: QueueEntry): Item {
  return {
    ...keys.queueEntry(entry.date, entry.firstTime, entry.at, entry.caseId),
    entity: 'queueEntry',
    ...entry,
  };
}

/** Adds one to (and takes one from) named counters in one shard of a bucket. */
export function counterIncrement(tableName: string, change: CounterChange, shard: number): TransactItem {
  // One term per counter: DynamoDB refuses a path named twice (a department complained about twice).
  const deltas = new Map<string, number>();
  for (const counter of change.add) deltas.set(counter, (deltas.get(counter) ?? 0) + 1);
  for (const counter of change.subtract ?? []) deltas.set(counter, (deltas.get(counter) ?? 0) - 1);
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts: string[] = [];
  [...deltas].forEach(([counter, delta], i) => {
    names[`#c${i}`] = counter;
    values[`:v${i}`] = delta;
    parts.push(`#c${i} :v${i}`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: keys.counter(change.bucket, shard),
      UpdateExpression: `SET entity = :entity, #bucket = :bucket${parts.length ? ` ADD ${parts.join(', ')}` : ''}`,
      ExpressionAttributeNames: { ...names, '#bucket': 'bucket' },
      ExpressionAttributeValues: { ':entity': 'counter', ':bucket': change.bucket, ...values },
    },
  };
}
