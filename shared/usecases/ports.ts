// The store as the use cases see it: ports by aggregate that speak the domain. A port
// answers with outcomes (`changed`, `versionConflict`, `matterExists`...), never with
// table items, conditions or cancellation reasons; the DynamoDB adapter (shared/store/)
// is the only place that knows those.
import type { StaffRole } from '../auth.ts';
import type { ApiKey } from '../domain/api-keys.ts';
import type {
  Attachment,
  KeptType,
  RedactionRefusal,
  RedactionRegion,
  Refusal,
} from '../domain/attachments.ts';
import type { CaseFile, Deadline, PersonalRecord, Rating, RetentionClass } from '../domain/case.ts';
import type { LimitClaim, LimitOutcome } from '../domain/client-limits.ts';
import type { DataRequestContent } from '../domain/data-rights.ts';
import type { RegisteredDocument, WrittenNotice } from '../domain/documents.ts';
import type { DueDeadline } from '../domain/escalation.ts';
import type { Delivery, DocumentIssue, Notice, SmsReport } from '../domain/notices.ts';
import type { DeadlineChange } from '../domain/procedure.ts';
import type { Absence, ReceptionDay } from '../domain/reception.ts';
import type { RegionLanguage } from '../domain/region-script.ts';
import type { CounterChange } from '../domain/report-counters.ts';
import type { TimelineEvent } from '../domain/timeline.ts';
import type { QueueSummary, WorkQueue } from '../domain/work-queues.ts';

export type { CounterChange };

export interface RatingRecord {
  caseId: string;
  /** Which opinion is rated: the handling opinion, the review or the re-review opinion. */
  opinion: 'opinion' | 'review_opinion' | 're_review_opinion';
  rating: Rating;
  comment?: string;
  at: string;
}

/** An escalation the deadline check recorded: its own item, so the case item does not grow with them. */
export interface EscalationRecord {
  caseId: string;
  stage: string;
  dueDate: string;
  level: string;
  /** The check's day (a check as of another day records that day). */
  on: string;
  at: string;
}

/** Records a change creates that must not exist yet: a second one means it was recorded before. */
export type OnceOnlyRecord =
  | { rating: RatingRecord }
  | { escalation: EscalationRecord }
  /** What the petitioner asked about their data: personal, so apart from the case item. */
  | { dataRequest: DataRequestContent };

/** The first answer to an Idempotency-Key, kept with the change it reports. */
export interface IdempotencyRecord {
  requestHash: string;
  /** The first result as JSON text, so a replay is byte for byte the first answer. */
  result: string;
}

export interface IdempotencyWrite {
  scopedKeyHash: string;
  record: IdempotencyRecord;
  nowMs: number;
}

export interface ReceiptRecord {
  receiptCode: string;
  caseId: string;
  verifierHash: string;
  failedAttempts: number;
  lockedUntil?: string;
  lockouts: number;
}

/** A try at a receipt code: counted before the verifier is checked, so a burst gets no more. */
export type ReceiptAttempt =
  | { outcome: 'counted'; receipt: ReceiptRecord }
  | { outcome: 'unknown' }
  | { outcome: 'locked' };

/** Everything a new case file is, written at once. */
export interface NewCaseFile {
  caseFile: CaseFile;
  personal: PersonalRecord;
  identityHashes: string[];
  matterFingerprints: string[];
  /** The same matters under the other live peppers: none of them may be on file either. */
  formerMatterFingerprints: string[];
  receipt: ReceiptRecord;
  event: TimelineEvent;
  counters: CounterChange;
  /** The written acknowledgement with the receipt code (letters, visits, calls, referrals). */
  notices: Notice[];
}

export type OpenOutcome =
  | { outcome: 'opened' }
  /** The matter is on file already (one case file per matter). */
  | { outcome: 'matterExists'; caseId: string | undefined }
  | { outcome: 'idempotencyKeyTaken' }
  /** A receipt code collided or a concurrent transaction touched the same items. */
  | { outcome: 'tryAgain' };

/** One case's change: the new version with its events, deadlines, counters, notices, records. */
export interface CaseChange {
  current: CaseFile;
  next: CaseFile;
  events: TimelineEvent[];
  deadlines?: DeadlineChange[];
  counters?: CounterChange[];
  notices?: Notice[];
  onceOnly?: OnceOnlyRecord[];
  /** Look-ups that must no longer find the case (restricted personal data, PIPL art. 47). */
  unlink?: { identityHashes: string[]; matterFingerprints: string[] };
  /** A corrected matter or contact: the records that follow it. */
  correction?: {
    personal: PersonalRecord;
    matters: { remove: string[]; add: string[] };
    identities: { remove: string[]; add: string[] };
    verifierHash: string;
    /** Recorded like a read: who changed which personal fields. */
    personalChange?: { at: string; staff: StaffReader; changed: string[] };
  };
}

export type ChangeOutcome =
  | 'changed'
  | 'versionConflict'
  | 'alreadyRecorded'
  | 'idempotencyKeyTaken'
  /** A corrected matter is on file as another case already. */
  | 'matterTaken';

/** The whole case file: case, personal record, timeline and deadlines. */
export interface CaseFileWhole {
  caseFile: CaseFile;
  personal?: PersonalRecord;
  events: TimelineEvent[];
  deadlines: Array<Deadline & { open: boolean }>;
  escalations: EscalationRecord[];
  /** The records of its files (附件), oldest first. */
  attachments: Attachment[];
  /** What the petitioner asked about their data, by request (personal: for unmasked readers). */
  dataRequests: DataRequestContent[];
}

export interface PersonalRead {
  at: string;
  by: string;
  roles: readonly string[];
  /** Fields changed, for a correction; absent for a read. */
  changed?: string[];
  /** The file opened, for an opening of an attachment (附件). */
  opened?: string;
  /** Why, for an archivist's look-up of restricted data. */
  reason?: string;
}

export interface StaffReader {
  sub: string;
  roles: readonly StaffRole[];
}

export interface CaseFiles {
  /** Opens a case file in one transaction, all or nothing. */
  open(write: NewCaseFile, idempotency?: IdempotencyWrite): Promise<OpenOutcome>;
  /** Changes cases together, each guarded by its version; all or nothing. */
  change(changes: CaseChange[], idempotency?: IdempotencyWrite): Promise<ChangeOutcome>;
  get(caseId: string): Promise<CaseFile | undefined>;
  /** Several cases by id (key lookups, batched), in the order asked; ids not on file left out. */
  many(caseIds: string[]): Promise<CaseFile[]>;
  personal(caseId: string): Promise<PersonalRecord | undefined>;
  /** The case and its personal record in one consistent read (a step that tells the petitioner). */
  withPersonal(caseId: string): Promise<{ caseFile: CaseFile; personal: PersonalRecord } | undefined>;
  whole(caseId: string): Promise<CaseFileWhole | undefined>;
  timeline(caseId: string): Promise<TimelineEvent[]>;
  notices(caseId: string): Promise<Notice[]>;
  /** The hashed identities (ID number, phone) of the case's petitioner. */
  identityHashes(caseId: string): Promise<string[]>;
  /** The case each matter fingerprint belongs to, in the order asked. */
  casesOfMatters(fingerprints: string[]): Promise<Array<string | undefined>>;
  /** Who read a case's personal data, and when. */
  recordPersonalRead(
    caseId: string,
    at: string,
    staff: StaffReader,
    detail?: Pick<PersonalRead, 'opened' | 'reason'>,
  ): Promise<void>;
  /** The reads (and changes) of a case's personal data, oldest first. */
  personalReads(caseId: string): Promise<PersonalRead[]>;
}

export interface Receipts {
  get(receiptCode: string): Promise<ReceiptRecord | undefined>;
  /**
   * Takes one try, atomically: refused while locked; the try that uses the last one sets the
   * lock (until `lockUntil(lockouts so far)`) before the verifier is known. The same store work
   * (a read and a conditional write) whether the code exists or not.
   */
  takeAttempt(
    receiptCode: string,
    now: string,
    maxTries: number,
    lockUntil: (lockouts: number) => string,
  ): Promise<ReceiptAttempt>;
  /** The right verifier: the tries and any lock start afresh. */
  clearFailures(receiptCode: string): Promise<void>;
}

/** What a signature check found in a file (nothing personal: the number is printed on it). */
export type SignatureCheck =
  | { signed: false }
  | { signed: true; intact: boolean; byThisOrgan: boolean; documentNumber: string | null };

/**
 * The organ's digital signature on its documents (PAdES with RSA here; SM2 where a mainland
 * office requires it): a port, so the key and the algorithm can change without the use cases.
 */
export interface DocumentSigner {
  sign(pdf: Uint8Array, by: { name: string; reason: string; location: string }): Promise<Uint8Array>;
  check(pdf: Uint8Array): Promise<SignatureCheck>;
}

/** What a PDF shows of a document: a written notice, or a petitioner's copy of their file. */
export type PrintedDocument = Omit<
  WrittenNotice,
  'noticeId' | 'type' | 'delivery' | 'signedBy' | 'checkCode'
> &
  Partial<Pick<WrittenNotice, 'signedBy' | 'checkCode'>>;

/** Renders a document (its texts in the region's script) in one language as PDF. */
export interface DocumentRenderer {
  pdf(document: PrintedDocument, language: RegionLanguage): Promise<Uint8Array>;
}

export interface Outbox {
  /** Undelivered notices are spread over this many lanes (by case): one deliverer drains one. */
  lanes: number;
  /** A lane's undelivered notices, oldest first, from after the one given. */
  pending(lane: number, limit: number, after?: Notice): Promise<Notice[]>;
  /** Takes a pending notice for one delivery until `until`; false while another deliverer holds it. */
  claim(notice: Notice, now: string, until: string): Promise<boolean>;
  /** Records how a pending notice was delivered, once; false if another run did. */
  markDelivered(notice: Notice, delivery: Delivery): Promise<boolean>;
  /** Counts a failed delivery and lets the notice go (a later run tries it again). */
  countAttempt(notice: Notice): Promise<void>;
  /** Moves a pending notice to the print queue (it goes by post); false if another run did. */
  markToPost(notice: Notice): Promise<boolean>;
  /** The print queue, oldest first. */
  toPost(limit: number): Promise<Notice[]>;
  /**
   * The provider's report of a sent SMS, by the notice or by the provider's id of the SMS;
   * once. A report of an SMS not received puts the notice in the print queue.
   */
  recordSmsReport(
    sent: { caseId: string; noticeId: string } | { providerMessageId: string },
    report: SmsReport,
  ): Promise<'recorded' | 'alreadyRecorded' | 'unknown'>;
  get(caseId: string, noticeId: string): Promise<Notice | undefined>;
  /** Records how a notice in the print queue reached the addressee, once. */
  recordDelivery(
    caseId: string,
    noticeId: string,
    delivery: Delivery,
  ): Promise<'recorded' | 'notFound' | 'notToPost'>;
  /** The next document number of the year (one count per bureau and year). */
  nextDocumentNumber(year: number): Promise<number>;
  /**
   * Gives the notice its document number unless it has one, and enters the number in the
   * register of issued documents with the check code's digest; the notice as stored.
   */
  issueDocument(notice: Notice, document: DocumentIssue): Promise<Notice>;
  /** An issued document by its number (AP48): what its verification may say. */
  registered(number: string): Promise<RegisteredDocument | undefined>;
}

export interface Counters {
  /** Totals over buckets, and how many items were read for them. */
  read(buckets: string[]): Promise<{ totals: Record<string, number>; itemsRead: number }>;
}

export interface IdempotencyRecords {
  get(scopedKeyHash: string): Promise<IdempotencyRecord | undefined>;
}

export type { DueDeadline };

/** Bounds on the due dates of a queue: before a date, or from one to another (inclusive). */
export type DueRange = { before: string } | { from: string; to: string } | Record<string, never>;

export interface QueueFilters {
  status?: string;
  channel?: string;
  category?: string;
  township?: string;
  receivedFrom?: string;
  receivedTo?: string;
}

/** Where a page ends, opaque to the use case (it signs it for the client). */
export type PageKey = Record<string, unknown>;

export interface QueuePage {
  cases: QueueSummary[];
  next?: PageKey;
  itemsRead: number;
}

/** A case's timeline head as it stood at the end of a day. */
export interface ChainHead {
  caseId: string;
  seq: number;
  hash: string;
}

export interface CaseQueries {
  /** One page of a work queue, by due date. */
  queue(
    queue: WorkQueue,
    range: DueRange,
    page: { limit: number; start?: PageKey; filters: QueueFilters },
  ): Promise<QueuePage>;
  /** How many cases a queue holds in a range (counted by the index, no case read). */
  count(queue: WorkQueue, range: DueRange): Promise<number>;
  /** The other cases of the same petitioner, by hashed identity. */
  casesOfPetitioner(identityHashes: string[]): Promise<Array<{ caseId: string; receivedAt: string }>>;
  /** The newest cases of a township and category. */
  inArea(township: string, category: string, limit: number): Promise<CaseFile[]>;
  backlog(year: number): Promise<CaseFile[]>;
  /** Open office deadlines due on or before a date, and the items read for them. */
  dueBy(date: string): Promise<{ deadlines: DueDeadline[]; itemsRead: number }>;
  /** The timeline heads of every case changed on a day (UTC), for the daily anchor (AP27). */
  chainHeads(day: string): Promise<ChainHead[]>;
}

export interface QueueEntry {
  date: string;
  caseId: string;
  receiptCode: string;
  firstTime: boolean;
  at: string;
  /** Called to the desk, then seen by the receiving official: each recorded once, by whom. */
  called?: VisitorMark;
  seen?: VisitorMark;
}

export interface VisitorMark {
  at: string;
  by: string;
}

export type VisitorStep = 'called' | 'seen';

export interface Reception {
  putDays(days: ReceptionDay[], at: string): Promise<void>;
  days(year: number, from: string, to: string): Promise<ReceptionDay[]>;
  isPublished(year: number): Promise<boolean>;
  day(date: string): Promise<ReceptionDay | undefined>;
  /** Replaces a day's officials only if they are still what was read. */
  replaceDay(before: ReceptionDay, after: ReceptionDay, at: string): Promise<'replaced' | 'changedMeanwhile'>;
  absences(): Promise<Absence[]>;
  putAbsence(absence: Absence): Promise<void>;
  receivingOfficials(): Promise<string[] | undefined>;
  setReceivingOfficials(officialIds: string[]): Promise<void>;
  enqueue(entry: QueueEntry): Promise<void>;
  queue(date: string): Promise<QueueEntry[]>;
  /** Records a step of a queued visit once; a second mark of the same step changes nothing. */
  markVisitor(entry: QueueEntry, step: VisitorStep, mark: VisitorMark): Promise<QueueEntry>;
}

/** A migration of stored items that ran on this table (docs/data-model.md, "Migrations"). */
export interface MigrationRecord {
  id: string;
  ranAt: string;
  /** Items it looked at, and those it changed. */
  examined: number;
  changed: number;
}

export interface MigrationProgress {
  unit: string;
  examined: number;
  changed: number;
}

/** What the migrations read and write: their own records, and the stored shapes they bring up to date. */
export interface Migrations {
  ran(): Promise<MigrationRecord[]>;
  record(record: MigrationRecord): Promise<void>;
  /** Where an unfinished run stopped (the last unit it finished, and its counts so far); cleared when recorded. */
  checkpoint(id: string): Promise<MigrationProgress | undefined>;
  saveCheckpoint(id: string, progress: MigrationProgress | undefined): Promise<void>;
  /** Every case of one township and category (the area index), whatever its age. */
  casesInArea(township: string, category: string): Promise<CaseFile[]>;
  /** The work queues a case is stored in, and whether each entry says who owes its stage (dueFrom). */
  storedQueues(caseId: string): Promise<Array<{ queue: WorkQueue; complete: boolean }>>;
  /** Writes the case's entries of `put` and removes those of `remove`, if the case is still at its version. */
  rewriteQueues(
    caseFile: CaseFile,
    put: WorkQueue[],
    remove: WorkQueue[],
  ): Promise<'written' | 'caseChanged'>;
  /** Writes the case's open deadlines again (their due-index keys as this version sets them), if the case is still at its version. */
  rewriteDeadlines(caseFile: CaseFile, deadlines: Deadline[]): Promise<'written' | 'caseChanged'>;
}

/** The records of the files on case files (their bytes are in `FileStorage`). */
export interface Attachments {
  /** Records a file about to be uploaded (its id is new). */
  add(attachment: Attachment): Promise<void>;
  get(caseId: string, attachmentId: string): Promise<Attachment | undefined>;
  /** A case's files, oldest first. */
  list(caseId: string): Promise<Attachment[]>;
  /** Moves a file on from a state, only if it is still there: a second processing of an upload finds it moved. */
  move(current: Attachment, next: Attachment): Promise<'moved' | 'notInState'>;
}

/** What a file's bytes are, once checked: the copy to keep, or why it is refused. */
export type Inspection =
  | { outcome: 'kept'; type: KeptType; bytes: Uint8Array; width?: number; height?: number; pages?: number }
  | { outcome: 'refused'; refusal: Refusal };

export interface FileInspector {
  inspect(bytes: Uint8Array, limitBytes: number): Promise<Inspection>;
}

/** Blacks out regions of a kept file: a new copy with nothing left beneath them, or why not. */
export interface FileRedactor {
  redact(
    bytes: Uint8Array,
    type: KeptType,
    regions: RedactionRegion[],
  ): Promise<{ outcome: 'redacted'; bytes: Uint8Array } | { outcome: 'refused'; refusal: RedactionRefusal }>;
}

/** A malware scan of a file's bytes (GuardDuty for S3 where the partition has it; a scanner the region runs). */
export interface MalwareScanner {
  scan(bytes: Uint8Array): Promise<{ clean: true } | { clean: false; finding: string }>;
}

/** An upload straight from the browser: where to POST and the signed fields to send with the file. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/** Where the files' bytes are kept: a private bucket per region (locally an S3-compatible server). */
export interface FileStorage {
  /** A signed form for one object, at most `maxBytes`, until `expiresAt`. */
  uploadForm(key: string, limits: { maxBytes: number; expiresAt: Date }): Promise<UploadForm>;
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** A link that opens the object for `seconds`, under the file's own name. */
  openingUrl(key: string, name: string, seconds: number): Promise<string>;
  /**
   * Removes every version of every object under the prefixes (the bucket keeps versions): what
   * retention (issue 26) calls when a case's files go. The number of versions removed.
   */
  eraseEveryVersion(prefixes: string[]): Promise<number>;
}

/** A closed case file whose retention asks for a step on or before a day (AP39). */
export interface RetentionDue {
  caseId: string;
  action: 'restrict' | 'dispose';
  on: string;
}

/** One case file on a disposal list: what it is and why it falls due; no personal data. */
export interface DisposalEntry {
  caseId: string;
  class: RetentionClass;
  receivedOn: string;
  closedOn: string;
  disposeOn: string;
  /** Duplicates linked into it, disposed of with it. */
  duplicates: string[];
}

export interface ListDecision {
  state: 'approved' | 'withdrawn';
  by: string;
  at: string;
}

/** A disposal list (銷毀清冊): generated, then approved by another person, then carried out. */
export interface DisposalList {
  listId: string;
  year: number;
  number: number;
  /** The day it was drawn up for: what fell due by then. */
  asOf: string;
  generatedAt: string;
  /** The staff account that drew it up, or `system` for the scheduled job. */
  generatedBy: string;
  cases: DisposalEntry[];
  state: 'proposed' | 'approved' | 'withdrawn';
  /** Who approved it (or withdrew it, a hold having been placed on one of its cases), when. */
  decision?: ListDecision;
  /** Cases already disposed of under it (a run that stopped goes on from here). */
  disposed: string[];
}

/** What a disposal finds of one case file besides the case item: all it must erase or scrub. */
export interface ErasableRecords {
  caseFile?: CaseFile;
  personal?: PersonalRecord;
  identityHashes: string[];
  events: TimelineEvent[];
  notices: Notice[];
  attachments: Attachment[];
  ratings: RatingRecord[];
  dataRequests: DataRequestContent[];
  /** The idempotency records of the requests that opened or joined the case. */
  idempotencyKeys: string[];
}

/** The erasure of one case file's personal traces, all rewritten or removed; safe to repeat. */
export interface Erasure {
  caseId: string;
  receiptCode: string;
  /** Events, notices, files and ratings as they stand without personal values. */
  events: TimelineEvent[];
  notices: Notice[];
  /** Notices never delivered (waiting in the outbox or the print queue): they can reach nobody now. */
  undelivered: string[];
  attachments: Attachment[];
  ratings: RatingRecord[];
  /** The petitioner's data requests' contents, by id: removed (the case keeps kind, dates, decision). */
  dataRequests: string[];
  /** The look-ups by person and matter went with the case's `disposed` change. */
  smsMessages: string[];
  idempotencyKeys: string[];
}

export interface RetentionStore {
  /** Closed case files with a retention step due on or before a day, and the items read (AP39). */
  due(asOf: string): Promise<{ due: RetentionDue[]; itemsRead: number }>;
  erasable(caseId: string): Promise<ErasableRecords>;
  /** Writes an erasure; the personal record and the receipt go last. Items written. */
  erase(erasure: Erasure): Promise<number>;
  /** The year's next disposal-list number. */
  nextListNumber(year: number): Promise<number>;
  addList(list: DisposalList): Promise<void>;
  list(listId: string): Promise<DisposalList | undefined>;
  /** The newest lists first (all of them without a limit). */
  lists(limit?: number): Promise<DisposalList[]>;
  /** Approves or withdraws a proposed list, once. */
  decide(listId: string, decision: ListDecision): Promise<'decided' | 'notProposed'>;
  recordDisposed(listId: string, caseId: string): Promise<void>;
}

/** Per-client limits (限流): counts in fixed windows, one conditional write per window. */
export interface ClientLimits {
  /**
   * Counts the request in each claim's window (all or none), or says when the fullest one
   * opens again; a refused request is not counted against the window.
   */
  take(claims: LimitClaim[], nowMs: number): Promise<LimitOutcome>;
  /** Counts an answer refused to a client (its usage report): in its current window. */
  countRefusal(claim: LimitClaim, nowMs: number): Promise<void>;
  /** A client's counts by window since `sinceMs`, oldest first (a key's usage report). */
  windows(client: string, sinceMs: number): Promise<CountedWindow[]>;
}

export interface ClientUsage {
  requests: number;
  refusals: number;
}

/** One window of a client's counts: when it opened (epoch seconds), what it counted. */
export interface CountedWindow extends ClientUsage {
  start: number;
}

/** What an Open311 client submitted: its request is the case the petition opened or joined. */
export interface ClientRequest {
  keyId: string;
  caseId: string;
  /** This client's submission opened the case (its description is the client's own text). */
  opened: boolean;
  submittedAt: string;
  /** A batch client's token, until it follows it. */
  token?: string;
}

/** API keys the office issues to other systems (Open311), and what each submitted. */
export interface ApiKeys {
  /** Stores a new key; `exists` if its id is taken (never overwritten). */
  issue(key: ApiKey): Promise<'issued' | 'exists'>;
  get(keyId: string): Promise<ApiKey | undefined>;
  /** Every key, newest first (a region issues a handful). */
  list(): Promise<ApiKey[]>;
  /** The key as revoked, or why not. */
  revoke(keyId: string, revoked: NonNullable<ApiKey['revoked']>): Promise<ApiKey | 'unknown' | 'already'>;
  /** Records a request; the same case again keeps the first record. */
  recordRequest(request: ClientRequest): Promise<void>;
  request(keyId: string, caseId: string): Promise<ClientRequest | undefined>;
  /** A client's requests received on `from`..`to` (the region's dates), oldest first, at most `limit`. */
  requests(keyId: string, from: string, to: string, limit: number): Promise<ClientRequest[]>;
  byToken(keyId: string, token: string): Promise<ClientRequest | undefined>;
}

export interface Store {
  cases: CaseFiles;
  retention: RetentionStore;
  attachments: Attachments;
  migrations: Migrations;
  receipts: Receipts;
  outbox: Outbox;
  counters: Counters;
  idempotency: IdempotencyRecords;
  queries: CaseQueries;
  reception: Reception;
  clientLimits: ClientLimits;
  apiKeys: ApiKeys;
  /** A key lookup that proves the store answers. */
  ping(): Promise<void>;
}

/**
 * The day's timeline heads, sealed outside the table (write-once: S3 Object Lock on AWS, a
 * read-only file locally): editing the table cannot move an anchored head unseen.
 */
export interface ChainAnchor {
  day: string;
  heads: Record<string, { seq: number; hash: string }>;
  /** SHA-256 of the heads, canonical JSON: what an auditor compares with a printed copy. */
  digest: string;
  at: string;
}

export interface AnchorStore {
  /** Writes the day's anchor once; an anchor already there is never replaced. */
  put(anchor: ChainAnchor): Promise<'written' | 'exists'>;
  get(day: string): Promise<ChainAnchor | undefined>;
}
