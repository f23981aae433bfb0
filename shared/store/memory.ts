// The ports held in memory: the same outcomes as the DynamoDB adapter, for unit tests of the
// use cases (test/contract/ runs one suite against both, so neither drifts). It keeps domain
// objects, not items: no key, index or condition expression lives here. Every value crosses
// the port as a copy, as it would over the wire.

import type { ApiKey } from '../domain/api-keys.ts';
import { type Attachment, oldestFirst } from '../domain/attachments.ts';
import type { CaseFile, Deadline, PersonalRecord } from '../domain/case.ts';
import { currentDeadlines } from '../domain/case.ts';
import { type LimitClaim, windowAt } from '../domain/client-limits.ts';
import type { DataRequestContent } from '../domain/data-rights.ts';
import { type RegisteredDocument, registerEntry } from '../domain/documents.ts';
import { awaitsEscalation, checkDateOf, dueDeadlineOf } from '../domain/escalation.ts';
import type { Notice } from '../domain/notices.ts';
import type { Absence, ReceptionDay } from '../domain/reception.ts';
import { nextRetentionStep } from '../domain/retention.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import { type QueueSummary, queueSummary, queuesOf, type WorkQueue } from '../domain/work-queues.ts';
import type {
  AnchorStore,
  ApiKeys,
  Attachments,
  CaseChange,
  CaseFiles,
  CaseQueries,
  ChainAnchor,
  ChainHead,
  ChangeOutcome,
  ClientLimits,
  ClientRequest,
  CounterChange,
  Counters,
  DisposalList,
  DueRange,
  EscalationRecord,
  IdempotencyRecord,
  IdempotencyWrite,
  MigrationProgress,
  MigrationRecord,
  Migrations,
  NewCaseFile,
  OnceOnlyRecord,
  OpenOutcome,
  Outbox,
  PersonalRead,
  QueueEntry,
  QueueFilters,
  ReceiptRecord,
  Receipts,
  Reception,
  RetentionStore,
  Store,
} from '../usecases/ports.ts';

const copy = <T>(value: T): T => structuredClone(value);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What one case partition holds besides the case itself. */
interface CaseRecords {
  caseFile: CaseFile;
  personal?: PersonalRecord;
  identityHashes: Set<string>;
  events: TimelineEvent[];
  deadlines: Map<string, Deadline & { open: boolean }>;
  /** Queue (by `queueId`) → the queue and the summary written with the membership (what the index projects). */
  queues: Map<string, { queue: WorkQueue; summary: QueueSummary }>;
  onceOnly: Set<string>;
  escalations: EscalationRecord[];
  dataRequests: DataRequestContent[];
}

type StoredNotice = Notice;

function onceOnlyKey(record: OnceOnlyRecord): string {
  if ('rating' in record) return `rating#${record.rating.caseId}#${record.rating.opinion}`;
  if ('dataRequest' in record)
    return `dataRequest#${record.dataRequest.caseId}#${record.dataRequest.requestId}`;
  const { caseId, stage, dueDate, level } = record.escalation;
  return `escalation#${caseId}#${stage}#${dueDate}#${level}`;
}

const noticeKey = (caseId: string, noticeId: string) => `${caseId}#${noticeId}`;
const noticeOrder = (n: Notice) => `${n.createdAt}#${n.caseId}#${n.noticeId}`;
const queueOrder = (s: QueueSummary) => `${s.dueDate}#${s.caseId}`;
const queueId = (queue: WorkQueue) => JSON.stringify(queue);
const membership = (caseFile: CaseFile, queue: WorkQueue) =>
  [queueId(queue), { queue, summary: queueSummary(caseFile) }] as const;

/** The due dates a range admits, as the queue index's sort-key bounds do. */
function inRange(dueDate: string, range: DueRange): boolean {
  if ('before' in range) return dueDate < range.before;
  if ('from' in range) return dueDate >= range.from && dueDate <= range.to;
  return true;
}

function passes(summary: QueueSummary, filters: QueueFilters): boolean {
  const equal = (field: 'status' | 'channel' | 'category' | 'township') =>
    filters[field] === undefined || summary[field] === filters[field];
  return (
    equal('status') &&
    equal('channel') &&
    equal('category') &&
    equal('township') &&
    (!filters.receivedFrom || summary.receivedAt >= filters.receivedFrom) &&
    (!filters.receivedTo || summary.receivedAt <= `${filters.receivedTo}\uffff`)
  );
}

export function createMemoryStore(): Store {
  const cases = new Map<string, CaseRecords>();
  const matters = new Map<string, string>();
  const receiptsByCode = new Map<string, ReceiptRecord>();
  const idempotencyRecords = new Map<string, IdempotencyRecord>();
  const notices = new Map<string, StoredNotice>();
  const smsMessages = new Map<string, { caseId: string; noticeId: string }>();
  const documentCounters = new Map<number, number>();
  const register = new Map<string, RegisteredDocument>();
  const counterBuckets = new Map<string, Map<string, number>>();
  const chainHeads = new Map<string, Map<string, ChainHead>>();
  const personalReads = new Map<string, PersonalRead[]>();
  const receptionDays = new Map<string, ReceptionDay>();
  const absences = new Map<string, Absence>();
  let receivingOfficialIds: string[] | undefined;
  const desk = new Map<string, QueueEntry>();
  const migrationRecords = new Map<string, MigrationRecord>();
  const files = new Map<string, Attachment>();
  const fileKey = (caseId: string, attachmentId: string) => `${caseId}#${attachmentId}`;
  const checkpoints = new Map<string, MigrationProgress | undefined>();
  const idempotencyLinks = new Map<string, Set<string>>();
  const linkIdempotency = (caseId: string, write: IdempotencyWrite | undefined) => {
    if (write)
      idempotencyLinks.set(caseId, new Set([...(idempotencyLinks.get(caseId) ?? []), write.scopedKeyHash]));
  };
  const disposalLists = new Map<string, DisposalList>();
  const disposalCounters = new Map<number, number>();

  const addCounters = (change: CounterChange) => {
    const bucket = counterBuckets.get(change.bucket) ?? new Map<string, number>();
    counterBuckets.set(change.bucket, bucket);
    for (const name of change.add) bucket.set(name, (bucket.get(name) ?? 0) + 1);
    for (const name of change.subtract ?? []) bucket.set(name, (bucket.get(name) ?? 0) - 1);
  };
  const recordHead = (caseId: string, event: TimelineEvent) => {
    const day = event.at.slice(0, 10);
    const heads = chainHeads.get(day) ?? new Map<string, ChainHead>();
    chainHeads.set(day, heads);
    heads.set(caseId, { caseId, seq: event.seq, hash: event.hash });
  };
  const placeInQueues = (records: CaseRecords) => {
    records.queues = new Map(queuesOf(records.caseFile).map((q) => membership(records.caseFile, q)));
  };
  const putNotice = (notice: Notice) => notices.set(noticeKey(notice.caseId, notice.noticeId), copy(notice));

  const caseFiles: CaseFiles = {
    async open(write: NewCaseFile, idempotency?: IdempotencyWrite): Promise<OpenOutcome> {
      const { caseFile } = write;
      if (idempotency && idempotencyRecords.has(idempotency.scopedKeyHash))
        return { outcome: 'idempotencyKeyTaken' };
      for (const fp of [...write.matterFingerprints, ...write.formerMatterFingerprints]) {
        if (matters.has(fp)) return { outcome: 'matterExists', caseId: matters.get(fp) };
      }
      if (receiptsByCode.has(write.receipt.receiptCode)) return { outcome: 'tryAgain' };
      if (cases.has(caseFile.caseId)) throw new Error(`Case ${caseFile.caseId} exists`);
      const records: CaseRecords = {
        caseFile: copy(caseFile),
        personal: copy(write.personal),
        identityHashes: new Set(write.identityHashes),
        events: [copy(write.event)],
        deadlines: new Map(currentDeadlines(caseFile).map((d) => [d.stage, { ...copy(d), open: true }])),
        queues: new Map(),
        onceOnly: new Set(),
        escalations: [],
        dataRequests: [],
      };
      placeInQueues(records);
      cases.set(caseFile.caseId, records);
      for (const fp of write.matterFingerprints) matters.set(fp, caseFile.caseId);
      receiptsByCode.set(write.receipt.receiptCode, copy(write.receipt));
      recordHead(caseFile.caseId, write.event);
      for (const notice of write.notices) putNotice(notice);
      addCounters(write.counters);
      if (idempotency) idempotencyRecords.set(idempotency.scopedKeyHash, copy(idempotency.record));
      linkIdempotency(caseFile.caseId, idempotency);
      return { outcome: 'opened' };
    },

    async change(changes: CaseChange[], idempotency?: IdempotencyWrite): Promise<ChangeOutcome> {
      // Every guard first, as the transaction checks them all before it writes anything.
      if (idempotency && idempotencyRecords.has(idempotency.scopedKeyHash)) return 'idempotencyKeyTaken';
      for (const change of changes) {
        for (const record of change.onceOnly ?? []) {
          if (cases.get(change.next.caseId)?.onceOnly.has(onceOnlyKey(record))) return 'alreadyRecorded';
        }
      }
      for (const change of changes) {
        for (const fp of change.correction?.matters.add ?? []) {
          const owner = matters.get(fp);
          if (owner !== undefined && owner !== change.next.caseId) return 'matterTaken';
        }
      }
      const changing: Array<{ change: CaseChange; records: CaseRecords }> = [];
      for (const change of changes) {
        const records = cases.get(change.next.caseId);
        if (!records || records.caseFile.version !== change.current.version) return 'versionConflict';
        const seqs = new Set(records.events.map((e) => e.seq));
        if (change.events.some((e) => seqs.has(e.seq))) return 'versionConflict';
        const raced = (change.notices ?? []).some((n) => notices.has(noticeKey(n.caseId, n.noticeId)));
        if (raced) return 'versionConflict';
        changing.push({ change, records });
      }
      for (const { change, records } of changing) {
        const caseId = change.next.caseId;
        records.caseFile = copy(change.next);
        records.events.push(...copy(change.events));
        const head = change.events.at(-1);
        if (head) recordHead(caseId, head);
        for (const { deadline, open } of change.deadlines ?? [])
          records.deadlines.set(deadline.stage, { ...copy(deadline), open });
        placeInQueues(records);
        linkIdempotency(caseId, idempotency);
        for (const hash of change.unlink?.identityHashes ?? []) records.identityHashes.delete(hash);
        for (const fp of change.unlink?.matterFingerprints ?? []) matters.delete(fp);
        for (const notice of change.notices ?? []) putNotice(notice);
        for (const record of change.onceOnly ?? []) {
          records.onceOnly.add(onceOnlyKey(record));
          if ('escalation' in record) records.escalations.push(copy(record.escalation));
          if ('dataRequest' in record) records.dataRequests.push(copy(record.dataRequest));
        }
        if (change.correction) {
          const { personal, matters: changed, identities, verifierHash, personalChange } = change.correction;
          records.personal = copy(personal);
          for (const fp of changed.remove) matters.delete(fp);
          for (const fp of changed.add) matters.set(fp, caseId);
          for (const hash of identities.remove) records.identityHashes.delete(hash);
          for (const hash of identities.add) records.identityHashes.add(hash);
          const receipt = receiptsByCode.get(change.next.receiptCode);
          if (receipt) receipt.verifierHash = verifierHash;
          if (personalChange) {
            const { at, staff, changed: fields } = personalChange;
            addRead(caseId, { at, by: staff.sub, roles: [...staff.roles], changed: [...fields] });
          }
        }
        for (const counters of change.counters ?? []) addCounters(counters);
      }
      if (idempotency) idempotencyRecords.set(idempotency.scopedKeyHash, copy(idempotency.record));
      return 'changed';
    },

    get: async (caseId) => copy(cases.get(caseId)?.caseFile),
    many: async (caseIds) => copy(caseIds.flatMap((caseId) => cases.get(caseId)?.caseFile ?? [])),
    personal: async (caseId) => copy(cases.get(caseId)?.personal),
    async withPersonal(caseId) {
      const records = cases.get(caseId);
      return records?.personal ? copy({ caseFile: records.caseFile, personal: records.personal }) : undefined;
    },
    async whole(caseId) {
      const records = cases.get(caseId);
      if (!records) return undefined;
      return copy({
        caseFile: records.caseFile,
        ...(records.personal && { personal: records.personal }),
        events: [...records.events].sort((a, b) => a.seq - b.seq),
        deadlines: [...records.deadlines.values()].sort((a, b) => byText(a.stage, b.stage)),
        escalations: records.escalations,
        dataRequests: records.dataRequests,
        attachments: [...files.values()].filter((a) => a.caseId === caseId).sort(oldestFirst),
      });
    },
    timeline: async (caseId) => copy([...(cases.get(caseId)?.events ?? [])].sort((a, b) => a.seq - b.seq)),
    notices: async (caseId) =>
      copy(
        [...notices.values()]
          .filter((n) => n.caseId === caseId)
          .sort((a, b) => byText(a.noticeId, b.noticeId)),
      ),
    identityHashes: async (caseId) => [...(cases.get(caseId)?.identityHashes ?? [])].sort(byText),
    casesOfMatters: async (fingerprints) => fingerprints.map((fp) => matters.get(fp)),
    async recordPersonalRead(caseId, at, staff, detail = {}) {
      addRead(caseId, { at, by: staff.sub, roles: [...staff.roles], ...copy(detail) });
    },
    personalReads: async (caseId) =>
      copy(
        [...(personalReads.get(caseId) ?? [])].sort((a, b) => byText(`${a.at}#${a.by}`, `${b.at}#${b.by}`)),
      ),
  };

  function addRead(caseId: string, read: PersonalRead) {
    const reads = (personalReads.get(caseId) ?? []).filter((r) => !(r.at === read.at && r.by === read.by));
    personalReads.set(caseId, [...reads, read]);
  }

  const receipts: Receipts = {
    get: async (receiptCode) => copy(receiptsByCode.get(receiptCode)),
    async takeAttempt(receiptCode, now, maxTries, lockUntil) {
      const receipt = receiptsByCode.get(receiptCode);
      if (!receipt) return { outcome: 'unknown' };
      if (receipt.lockedUntil !== undefined && receipt.lockedUntil > now) return { outcome: 'locked' };
      const before = copy(receipt);
      receipt.failedAttempts += 1;
      if (receipt.failedAttempts >= maxTries) {
        receipt.lockedUntil = lockUntil(before.lockouts);
        receipt.lockouts += 1;
      }
      return { outcome: 'counted', receipt: before };
    },
    async clearFailures(receiptCode) {
      const receipt = receiptsByCode.get(receiptCode);
      if (!receipt) return;
      receipt.failedAttempts = 0;
      delete receipt.lockedUntil;
    },
  };

  const inState = (state: Notice['state']) =>
    [...notices.values()]
      .filter((n) => n.state === state)
      .sort((a, b) => byText(noticeOrder(a), noticeOrder(b)));
  const stored = (notice: Pick<Notice, 'caseId' | 'noticeId'>) =>
    notices.get(noticeKey(notice.caseId, notice.noticeId));

  const outbox: Outbox = {
    // One lane: a memory store has one deliverer.
    lanes: 1,
    async pending(_lane, limit, after) {
      const from = after ? noticeOrder(after) : '';
      return copy(
        inState('pending')
          .filter((n) => noticeOrder(n) > from)
          .slice(0, limit),
      );
    },
    async claim(notice, now, until) {
      const held = stored(notice);
      if (held?.state !== 'pending' || (held.claimedUntil !== undefined && held.claimedUntil >= now))
        return false;
      held.claimedUntil = until;
      return true;
    },
    async markDelivered(notice, delivery) {
      const held = stored(notice);
      if (held?.state !== 'pending') return false;
      if (delivery.providerMessageId) {
        if (smsMessages.has(delivery.providerMessageId)) return false;
        smsMessages.set(delivery.providerMessageId, { caseId: held.caseId, noticeId: held.noticeId });
      }
      Object.assign(held, { state: 'delivered', deliveredAt: delivery.recordedAt, delivery: copy(delivery) });
      delete held.claimedUntil;
      return true;
    },
    async countAttempt(notice) {
      const held = stored(notice);
      if (!held) return;
      held.attempts = (held.attempts ?? 0) + 1;
      delete held.claimedUntil;
    },
    async markToPost(notice) {
      const held = stored(notice);
      if (held?.state !== 'pending') return false;
      held.state = 'to_post';
      delete held.claimedUntil;
      return true;
    },
    toPost: async (limit) => copy(inState('to_post').slice(0, limit)),
    async recordSmsReport(sent, report) {
      const ref = 'providerMessageId' in sent ? smsMessages.get(sent.providerMessageId) : sent;
      const held = ref && stored(ref);
      if (!held) return 'unknown';
      if (held.state !== 'delivered' || held.delivery?.method !== 'sms' || held.smsReport)
        return 'alreadyRecorded';
      held.smsReport = copy(report);
      if (report.status === 'failed') held.state = 'to_post';
      return 'recorded';
    },
    async recordDelivery(caseId, noticeId, delivery) {
      const held = stored({ caseId, noticeId });
      if (!held) return 'notFound';
      if (held.state !== 'to_post') return 'notToPost';
      Object.assign(held, { state: 'delivered', deliveredAt: delivery.recordedAt, delivery: copy(delivery) });
      return 'recorded';
    },
    get: async (caseId, noticeId) => copy(stored({ caseId, noticeId })),
    async nextDocumentNumber(year) {
      const next = (documentCounters.get(year) ?? 0) + 1;
      documentCounters.set(year, next);
      return next;
    },
    async issueDocument(notice, document) {
      const held = stored(notice);
      if (!held) return notice;
      const entry = registerEntry(held, document);
      if (!held.document && !(entry && register.has(entry.number))) {
        held.document = copy(document);
        if (entry) register.set(entry.number, entry);
      }
      return copy(held);
    },
    async registered(number) {
      const entry = register.get(number);
      return entry && copy(entry);
    },
  };

  const counters: Counters = {
    async read(buckets) {
      const totals: Record<string, number> = {};
      let itemsRead = 0;
      for (const name of buckets) {
        const bucket = counterBuckets.get(name);
        if (!bucket) continue;
        itemsRead += 1;
        for (const [counter, value] of bucket) totals[counter] = (totals[counter] ?? 0) + value;
      }
      return { totals, itemsRead };
    },
  };

  const allCases = () => [...cases.values()].map((r) => r.caseFile);
  const members = (queue: WorkQueue, range: DueRange) =>
    [...cases.values()]
      .flatMap((r) => {
        const summary = r.queues.get(queueId(queue))?.summary;
        return summary && inRange(summary.dueDate, range) ? [summary] : [];
      })
      .sort((a, b) => byText(queueOrder(a), queueOrder(b)));

  const queries: CaseQueries = {
    async queue(queue, range, page) {
      // As the index reads: `limit` entries from where the page starts, then the filters.
      const after = typeof page.start?.after === 'string' ? page.start.after : '';
      const rest = members(queue, range).filter((s) => queueOrder(s) > after);
      const read = rest.slice(0, page.limit);
      const last = read.at(-1);
      return {
        cases: copy(read.filter((s) => passes(s, page.filters))),
        ...(last && rest.length > read.length && { next: { after: queueOrder(last) } }),
        itemsRead: read.length,
      };
    },
    count: async (queue, range) => members(queue, range).length,
    async casesOfPetitioner(identityHashes) {
      return [...cases.values()]
        .filter((r) => identityHashes.some((hash) => r.identityHashes.has(hash)))
        .map((r) => ({ caseId: r.caseFile.caseId, receivedAt: r.caseFile.receivedAt }));
    },
    async inArea(township, category, limit) {
      return copy(
        allCases()
          .filter((c) => c.township === township && c.category === category)
          .sort((a, b) => byText(`${b.receivedAt}#${b.caseId}`, `${a.receivedAt}#${a.caseId}`))
          .slice(0, limit),
      );
    },
    backlog: async (year) => copy(allCases().filter((c) => c.backlog?.year === year)),
    async dueBy(date) {
      const deadlines = [...cases.values()].flatMap((r) =>
        [...r.deadlines.values()]
          .filter((d) => d.open && awaitsEscalation(d) && checkDateOf(d) <= date)
          .map((d) => dueDeadlineOf(r.caseFile.caseId, d)),
      );
      return { deadlines, itemsRead: deadlines.length };
    },
    chainHeads: async (day) => copy([...(chainHeads.get(day)?.values() ?? [])]),
  };

  const deskOrder = (e: QueueEntry) => `${e.date}#${e.firstTime ? '0' : '1'}#${e.at}#${e.caseId}`;
  const reception: Reception = {
    async putDays(days, _at) {
      for (const day of days) receptionDays.set(day.date, copy(day));
    },
    async days(year, from, to) {
      return copy(
        [...receptionDays.values()]
          .filter((d) => d.date.startsWith(`${year}-`) && d.date >= from && d.date <= to)
          .sort((a, b) => byText(a.date, b.date)),
      );
    },
    isPublished: async (year) => [...receptionDays.keys()].some((date) => date.startsWith(`${year}-`)),
    day: async (date) => copy(receptionDays.get(date)),
    async replaceDay(before, after, _at) {
      const current = receptionDays.get(before.date);
      if (!current || JSON.stringify(current.officials) !== JSON.stringify(before.officials))
        return 'changedMeanwhile';
      receptionDays.set(after.date, copy(after));
      return 'replaced';
    },
    absences: async () => copy([...absences.values()]),
    async putAbsence(absence) {
      absences.set(`${absence.officialId}#${absence.from}#${absence.to}`, copy(absence));
    },
    receivingOfficials: async () => copy(receivingOfficialIds),
    async setReceivingOfficials(officialIds) {
      receivingOfficialIds = [...officialIds];
    },
    async enqueue(entry) {
      desk.set(deskOrder(entry), copy(entry));
    },
    queue: async (date) =>
      copy(
        [...desk.values()].filter((e) => e.date === date).sort((a, b) => byText(deskOrder(a), deskOrder(b))),
      ),
    async markVisitor(entry, step, mark) {
      const held = desk.get(deskOrder(entry));
      // Marked already (by a colleague, or a retry): the first mark stands.
      if (!held || held[step]) return entry;
      held[step] = copy(mark);
      return copy(held);
    },
  };

  const migrations: Migrations = {
    ran: async () => copy([...migrationRecords.values()]),
    async record(record) {
      migrationRecords.set(record.id, copy(record));
    },
    checkpoint: async (id) => copy(checkpoints.get(id)),
    async saveCheckpoint(id, progress) {
      checkpoints.set(id, copy(progress));
    },
    casesInArea: async (township, category) =>
      copy(allCases().filter((c) => c.township === township && c.category === category)),
    async storedQueues(caseId) {
      const records = cases.get(caseId);
      return [...(records?.queues.values() ?? [])].map(({ queue, summary }) => ({
        queue,
        complete: 'dueFrom' in summary,
      }));
    },
    async rewriteQueues(caseFile, put, remove) {
      const records = cases.get(caseFile.caseId);
      if (!records || records.caseFile.version !== caseFile.version) return 'caseChanged';
      for (const queue of remove) records.queues.delete(queueId(queue));
      for (const queue of put) records.queues.set(...membership(caseFile, queue));
      return 'written';
    },
    async rewriteDeadlines(caseFile, deadlines) {
      const records = cases.get(caseFile.caseId);
      if (!records || records.caseFile.version !== caseFile.version) return 'caseChanged';
      // The memory store reads its due index from the deadlines themselves: nothing is keyed.
      for (const deadline of deadlines)
        records.deadlines.set(deadline.stage, { ...copy(deadline), open: true });
      return 'written';
    },
  };

  const attachments: Attachments = {
    async add(attachment) {
      const key = fileKey(attachment.caseId, attachment.attachmentId);
      if (files.has(key)) throw new Error(`Attachment ${key} exists`);
      files.set(key, copy(attachment));
    },
    get: async (caseId, attachmentId) => copy(files.get(fileKey(caseId, attachmentId))),
    list: async (caseId) => copy([...files.values()].filter((a) => a.caseId === caseId).sort(oldestFirst)),
    async move(current, next) {
      const key = fileKey(current.caseId, current.attachmentId);
      if (files.get(key)?.state !== current.state) return 'notInState';
      files.set(key, copy(next));
      return 'moved';
    },
  };

  const retention: RetentionStore = {
    async due(asOf) {
      const due = allCases().flatMap((caseFile) => {
        const step = nextRetentionStep(caseFile);
        return step && step.on <= asOf ? [{ caseId: caseFile.caseId, ...step }] : [];
      });
      return { due, itemsRead: due.length };
    },
    async erasable(caseId) {
      const records = cases.get(caseId);
      return copy({
        ...(records && { caseFile: records.caseFile }),
        ...(records?.personal && { personal: records.personal }),
        identityHashes: [...(records?.identityHashes ?? [])],
        events: records?.events ?? [],
        notices: [...notices.values()].filter((n) => n.caseId === caseId),
        attachments: [...files.values()].filter((a) => a.caseId === caseId),
        // A rating is kept here only as its once-only guard: there is no comment to scrub.
        ratings: [],
        dataRequests: records?.dataRequests ?? [],
        idempotencyKeys: [...(idempotencyLinks.get(caseId) ?? [])],
      });
    },
    async erase(erasure) {
      const records = cases.get(erasure.caseId);
      if (records) {
        const erased = new Map(erasure.events.map((e) => [e.seq, copy(e)]));
        records.events = records.events.map((e) => erased.get(e.seq) ?? e);
        records.dataRequests = records.dataRequests.filter(
          (r) => !erasure.dataRequests.includes(r.requestId),
        );
        delete records.personal;
      }
      for (const notice of erasure.notices) putNotice(notice);
      for (const noticeId of erasure.undelivered) notices.delete(noticeKey(erasure.caseId, noticeId));
      for (const file of erasure.attachments) files.set(fileKey(file.caseId, file.attachmentId), copy(file));
      for (const id of erasure.smsMessages) smsMessages.delete(id);
      for (const hash of erasure.idempotencyKeys) idempotencyRecords.delete(hash);
      idempotencyLinks.delete(erasure.caseId);
      receiptsByCode.delete(erasure.receiptCode);
      return erasure.events.length + erasure.notices.length + erasure.attachments.length + 2;
    },
    async nextListNumber(year) {
      const next = (disposalCounters.get(year) ?? 0) + 1;
      disposalCounters.set(year, next);
      return next;
    },
    async addList(list) {
      if (disposalLists.has(list.listId)) throw new Error(`Disposal list ${list.listId} exists`);
      disposalLists.set(list.listId, copy(list));
    },
    list: async (listId) => copy(disposalLists.get(listId)),
    lists: async (limit) =>
      copy(
        [...disposalLists.values()].sort((a, b) => byText(b.listId, a.listId)).slice(0, limit ?? Infinity),
      ),
    async decide(listId, decision) {
      const list = disposalLists.get(listId);
      if (list?.state !== 'proposed') return 'notProposed';
      disposalLists.set(listId, { ...list, state: decision.state, decision: copy(decision) });
      return 'decided';
    },
    async recordDisposed(listId, caseId) {
      const list = disposalLists.get(listId);
      if (list && !list.disposed.includes(caseId)) list.disposed.push(caseId);
    },
  };

  const windows = new Map<string, { hits: number; refusals: number }>();
  const windowKey = (claim: LimitClaim, nowMs: number) =>
    `${claim.client}#${String(windowAt(nowMs, claim.window.seconds).start).padStart(12, '0')}`;
  const clientLimits: ClientLimits = {
    async take(claims, nowMs) {
      const full = claims.filter(
        (claim) => (windows.get(windowKey(claim, nowMs))?.hits ?? 0) >= claim.window.requests,
      );
      if (full.length)
        return {
          allowed: false,
          retryAfterSeconds: Math.max(...full.map((claim) => windowAt(nowMs, claim.window.seconds).left)),
        };
      for (const claim of claims) {
        const count = windows.get(windowKey(claim, nowMs)) ?? { hits: 0, refusals: 0 };
        windows.set(windowKey(claim, nowMs), { ...count, hits: count.hits + 1 });
      }
      return { allowed: true };
    },
    async countRefusal(claim, nowMs) {
      const count = windows.get(windowKey(claim, nowMs)) ?? { hits: 0, refusals: 0 };
      windows.set(windowKey(claim, nowMs), { ...count, refusals: count.refusals + 1 });
    },
    async windows(client, sinceMs) {
      const since = Math.floor(sinceMs / 1000);
      return [...windows]
        .filter(([key]) => key.startsWith(`${client}#`))
        .map(([key, count]) => ({
          start: Number(key.slice(client.length + 1)),
          requests: count.hits,
          refusals: count.refusals,
        }))
        .filter((window) => window.start >= since)
        .sort((a, b) => a.start - b.start);
    },
  };

  const keysById = new Map<string, ApiKey>();
  const clientRequests = new Map<string, ClientRequest>();
  const tokens = new Map<string, ClientRequest>();
  const apiKeys: ApiKeys = {
    async issue(key) {
      if (keysById.has(key.keyId)) return 'exists';
      keysById.set(key.keyId, copy(key));
      return 'issued';
    },
    get: async (keyId) => copy(keysById.get(keyId)),
    list: async () => copy([...keysById.values()].sort((a, b) => byText(b.issued.at, a.issued.at))),
    async revoke(keyId, revoked) {
      const key = keysById.get(keyId);
      if (!key) return 'unknown';
      if (key.revoked) return 'already';
      const next = { ...key, revoked: copy(revoked) };
      keysById.set(keyId, next);
      return copy(next);
    },
    async recordRequest(request) {
      const key = `${request.keyId}#${request.caseId}`;
      if (!clientRequests.has(key)) clientRequests.set(key, copy(request));
      if (request.token && !tokens.has(`${request.keyId}#${request.token}`))
        tokens.set(`${request.keyId}#${request.token}`, copy(request));
    },
    request: async (keyId, caseId) => copy(clientRequests.get(`${keyId}#${caseId}`)),
    async requests(keyId, from, to, limit) {
      const [low, high] = [from, to].map((date) => date.replaceAll('-', ''));
      return copy(
        [...clientRequests.values()]
          .filter((r) => r.keyId === keyId)
          .filter((r) => r.caseId.slice(0, 8) >= (low ?? '') && r.caseId.slice(0, 8) <= (high ?? ''))
          .sort((a, b) => byText(a.caseId, b.caseId))
          .slice(0, limit),
      );
    },
    byToken: async (keyId, token) => copy(tokens.get(`${keyId}#${token}`)),
  };

  return {
    cases: caseFiles,
    retention,
    clientLimits,
    apiKeys,
    attachments,
    migrations,
    receipts,
    outbox,
    counters,
    queries,
    reception,
    idempotency: { get: async (scopedKeyHash) => copy(idempotencyRecords.get(scopedKeyHash)) },
    async ping() {},
  };
}

/** The daily anchors in memory: written once, never replaced (as S3 Object Lock keeps them). */
export function createMemoryAnchors(): AnchorStore {
  const anchors = new Map<string, ChainAnchor>();
  return {
    async put(anchor) {
      if (anchors.has(anchor.day)) return 'exists';
      anchors.set(anchor.day, copy(anchor));
      return 'written';
    },
    get: async (day) => copy(anchors.get(day)),
  };
}
