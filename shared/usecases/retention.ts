// Retention and disposal (保管與銷毀): restricting personal data after the active period,
// legal holds, disposal lists approved by a second person, and the erasure of every personal
// trace of a disposed case file while its figures stay. Design: docs/retention.md.
import { authorize, personalAsShown, type Staff } from '../domain/access.ts';
import { caseFilePrefixes } from '../domain/attachments.ts';
import type { CaseFile, PersonalRecord, RetentionClass } from '../domain/case.ts';
import { localDate } from '../domain/local-time.ts';
import { everyForm, petitionerIdentity } from '../domain/matching.ts';
import { disposalDueOn, nextRetentionStep, personalValuesOf, quotesAny, scrub } from '../domain/retention.ts';
import { actorOf, DISPOSED_EVENT, type TimelineEvent } from '../domain/timeline.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { caseFor, caseNotFound, changeCases } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import type { DisposalEntry, DisposalList, ErasableRecords, Erasure, RetentionDue } from './ports.ts';

const SYSTEM = { kind: 'system' as const, id: 'retention' };
const today = (ctx: UseCaseContext) => localDate(ctx.now(), ctx.config.region.region.timeZone);

/** The matter fingerprints of every live pepper: what "one case file per matter" finds the case by. */
async function matterFingerprintsOf(
  ctx: UseCaseContext,
  caseFile: CaseFile,
  personal: PersonalRecord | undefined,
) {
  if (!personal) return [];
  const identity = petitionerIdentity({ ...caseFile, petitioner: personal.petitioner }, await ctx.peppers());
  return everyForm(identity, 'matterFingerprints');
}

/** Places a legal hold: restriction and disposal stop until it is lifted. */
export async function placeHold(ctx: UseCaseContext, caseId: string, reason: string, staff: Staff) {
  const [held] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'hold');
    if (caseFile.disposed) {
      throw new ConflictError({
        zh: `案件 ${caseId} 已按清冊 ${caseFile.disposed.list} 銷毀個人信息，不能保全。`,
        en: `Case ${caseId} was disposed of under list ${caseFile.disposed.list}; it cannot be held.`,
      });
    }
    if (caseFile.legalHold) {
      throw new ConflictError({ zh: '此案件已在保全中。', en: 'This case is already on hold.' });
    }
    const at = ctx.now().toISOString();
    return [
      {
        next: { ...caseFile, legalHold: { reason, by: staff.sub, at } },
        events: [{ type: 'hold_placed', actor: actorOf(staff), data: { reason } }],
      },
    ];
  });
  return held;
}

export async function liftHold(ctx: UseCaseContext, caseId: string, reason: string, staff: Staff) {
  const [lifted] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'lift_hold');
    if (!caseFile.legalHold) {
      throw new ConflictError({ zh: '此案件沒有保全。', en: 'This case is not on hold.' });
    }
    const { legalHold: _, ...rest } = caseFile;
    return [{ next: rest, events: [{ type: 'hold_lifted', actor: actorOf(staff), data: { reason } }] }];
  });
  return lifted;
}

/** An archivist reads restricted personal data, with a reason, recorded in the read log. */
export async function lookUpRestricted(ctx: UseCaseContext, caseId: string, reason: string, staff: Staff) {
  const caseFile = await caseFor(ctx, caseId, staff, 'look_up_restricted');
  if (!caseFile.restricted) {
    throw new ConflictError({
      zh: '此案件的個人信息未受限制，按一般權限查閱。',
      en: "This case's personal data is not restricted: read it as usual.",
    });
  }
  const personal = await ctx.store.cases.personal(caseId);
  if (!personal) {
    throw new NotFoundError({ zh: '此案件已無個人信息。', en: 'This case holds no personal data any more.' });
  }
  await ctx.store.cases.recordPersonalRead(caseId, ctx.now().toISOString(), staff, { reason });
  return personalAsShown(personal);
}

/** Restricts a case whose active period ended: not found by its person any more, not shown. */
async function restrictCase(ctx: UseCaseContext, caseId: string, asOf: string) {
  const [found, identityHashes] = await Promise.all([
    ctx.store.cases.withPersonal(caseId),
    ctx.store.cases.identityHashes(caseId),
  ]);
  if (!found) throw caseNotFound(caseId);
  const matterFingerprints = await matterFingerprintsOf(ctx, found.caseFile, found.personal);
  return changeCases(ctx, [caseId], ([caseFile]) => {
    const step = nextRetentionStep(caseFile);
    if (step?.action !== 'restrict' || step.on > asOf) throw new StepNoLongerDue();
    return [
      {
        next: { ...caseFile, restricted: { on: asOf } },
        events: [{ type: 'restricted', actor: SYSTEM, data: { on: asOf } }],
        unlink: { identityHashes, matterFingerprints },
      },
    ];
  });
}

/** A case changed between the look-up and the step (held, reopened, done by another run). */
class StepNoLongerDue extends ConflictError {
  constructor() {
    super({ zh: '此步驟已不再到期。', en: 'This step is no longer due.' });
  }
}

/** Whether the step was taken: false when the case no longer called for it. */
const taken = (step: Promise<unknown>) =>
  step.then(
    () => true,
    (error: unknown) => {
      if (error instanceof StepNoLongerDue) return false;
      throw error;
    },
  );

/** The events whose data quotes one of the person's values, not yet erased. */
const quotingEvents = (events: TimelineEvent[], values: readonly string[]) =>
  events.filter((event) => !event.erased && quotesAny(event.data, values));

/** Duplicates linked into a case (and not unlinked since), from its timeline. */
function linkedDuplicates(events: TimelineEvent[]): string[] {
  const linked = new Set<string>();
  for (const event of events) {
    const duplicate = event.data.duplicate;
    if (typeof duplicate !== 'string') continue;
    if (event.type === 'duplicate_linked') linked.add(duplicate);
    if (event.type === 'duplicate_unlinked') linked.delete(duplicate);
  }
  return [...linked];
}

async function entryOf(ctx: UseCaseContext, caseId: string): Promise<DisposalEntry | undefined> {
  const caseFile = await ctx.store.cases.get(caseId);
  const retention = caseFile?.retention;
  const disposeOn = caseFile && disposalDueOn(caseFile);
  if (!caseFile || !retention || !disposeOn) return undefined;
  const timeline = await ctx.store.cases.timeline(caseId);
  return {
    caseId,
    class: retention.class,
    receivedOn: localDate(caseFile.receivedAt, ctx.config.region.region.timeZone),
    closedOn: retention.closedOn,
    disposeOn,
    duplicates: linkedDuplicates(timeline),
  };
}

export interface RetentionRun {
  asOf: string;
  dryRun: boolean;
  /** Restricted (or, in a dry run, would be). */
  restricted: string[];
  /** Due for disposal and on no list yet. */
  dueForDisposal: Array<{ caseId: string; class: RetentionClass; disposeOn: string }>;
  /** The list drawn up for them (none while another waits for approval, and in a dry run). */
  listed: string | null;
  /** Disposed of under approved lists in this run. */
  disposed: string[];
  /** Index items read to find what fell due (not a scan). */
  itemsRead: number;
}

/**
 * The scheduled run (daily), and `npm run retention`:
 * 1. Find what falls due by `asOf` in the due index.
 * 2. Restrict the cases whose active period ended.
 * 3. Draw up a disposal list of those whose archive period ended, unless one waits for approval.
 * 4. Carry out approved lists (a run that stopped goes on where it stopped).
 * A dry run reads the same and writes nothing.
 */
export async function runRetention(
  ctx: UseCaseContext,
  options: { asOf?: string; dryRun?: boolean } = {},
): Promise<RetentionRun> {
  const asOf = options.asOf ?? today(ctx);
  const dryRun = options.dryRun ?? false;
  const { due, itemsRead } = await ctx.store.retention.due(asOf);
  const restricted: string[] = [];
  for (const step of due.filter((d) => d.action === 'restrict')) {
    if (dryRun || (await taken(restrictCase(ctx, step.caseId, asOf)))) restricted.push(step.caseId);
  }
  const { entries, listed, lists } = await listWhatIsDue(ctx, due, asOf, dryRun ? undefined : 'system');
  const disposed = dryRun ? [] : await carryOutApproved(ctx, lists);
  return {
    asOf,
    dryRun,
    restricted,
    dueForDisposal: entries.map(({ caseId, class: kind, disposeOn }) => ({ caseId, class: kind, disposeOn })),
    listed: listed?.listId ?? null,
    disposed,
    itemsRead,
  };
}

/**
 * The cases due for disposal and on no list yet; with `by`, a list of them drawn up by that
 * person (or `system`), unless another list waits for approval.
 */
async function listWhatIsDue(ctx: UseCaseContext, due: RetentionDue[], asOf: string, by: string | undefined) {
  const lists = await ctx.store.retention.lists(LISTS_READ);
  const onLists = new Set(
    lists.filter((l) => l.state !== 'withdrawn').flatMap((l) => l.cases.map((c) => c.caseId)),
  );
  const dueForDisposal = due.filter((d) => d.action === 'dispose' && !onLists.has(d.caseId));
  const entries = (await Promise.all(dueForDisposal.map((d) => entryOf(ctx, d.caseId)))).filter(
    (entry): entry is DisposalEntry => entry !== undefined,
  );
  const waiting = lists.some((l) => l.state === 'proposed');
  const listed = by && !waiting && entries.length ? await drawUpList(ctx, asOf, entries, by) : undefined;
  return { entries, listed, lists, waiting };
}

/** Lists read to know what is listed already: more than a year's worth for a county. */
const LISTS_READ = 50;

async function drawUpList(ctx: UseCaseContext, asOf: string, cases: DisposalEntry[], by: string) {
  const year = Number(asOf.slice(0, 4));
  const number = await ctx.store.retention.nextListNumber(year);
  const list: DisposalList = {
    listId: `${year}-${String(number).padStart(3, '0')}`,
    year,
    number,
    asOf,
    generatedAt: ctx.now().toISOString(),
    generatedBy: by,
    cases,
    state: 'proposed',
    disposed: [],
  };
  await ctx.store.retention.addList(list);
  return list;
}

/** An archivist draws up a list now (as the daily run would). */
export async function drawUpDisposalList(ctx: UseCaseContext, staff: Staff) {
  mustBeArchivist(staff);
  const asOf = today(ctx);
  const { due } = await ctx.store.retention.due(asOf);
  const { listed, waiting } = await listWhatIsDue(ctx, due, asOf, staff.sub);
  if (!listed) {
    throw new ConflictError(
      waiting
        ? { zh: '另一份銷毀清冊正待批准。', en: 'Another disposal list is waiting for approval.' }
        : { zh: '目前沒有到期應銷毀的案件。', en: 'No case file is due for disposal.' },
    );
  }
  return listed;
}

function mustBeArchivist(staff: Staff) {
  if (!staff.roles.includes('archivist')) throw new ForbiddenError('disposal lists');
}

export async function disposalLists(ctx: UseCaseContext, staff: Staff) {
  mustBeArchivist(staff);
  return ctx.store.retention.lists(LISTS_READ);
}

export async function disposalList(ctx: UseCaseContext, listId: string, staff: Staff) {
  mustBeArchivist(staff);
  const list = await ctx.store.retention.list(listId);
  if (!list) {
    throw new NotFoundError({
      zh: `找不到銷毀清冊 ${listId}。`,
      en: `Disposal list ${listId} was not found.`,
    });
  }
  return list;
}

/**
 * The archive officer decides a proposed list: approved by someone other than who drew it up,
 * once, and only while none of its cases is held; or withdrawn (a new list is drawn up without
 * the held case). Approved lists are carried out by the next run.
 */
export async function decideDisposalList(
  ctx: UseCaseContext,
  listId: string,
  decision: 'approved' | 'withdrawn',
  staff: Staff,
) {
  const list = await disposalList(ctx, listId, staff);
  if (list.state !== 'proposed') {
    throw new ConflictError({
      zh: `銷毀清冊 ${listId} 已${list.state === 'approved' ? '批准' : '撤回'}。`,
      en: `Disposal list ${listId} was already ${list.state}.`,
    });
  }
  if (decision === 'approved') {
    if (list.generatedBy === staff.sub) {
      throw new ConflictError({
        zh: '清冊須由編製人以外的另一人批准。',
        en: 'A list must be approved by someone other than the person who drew it up.',
      });
    }
    const cases = await Promise.all(list.cases.map((entry) => ctx.store.cases.get(entry.caseId)));
    const held = cases.filter((c) => c?.legalHold).map((c) => c?.caseId);
    if (held.length) {
      throw new ConflictError({
        zh: `清冊中的案件 ${held.join('、')} 已被保全；請撤回此清冊。`,
        en: `Case ${held.join(', ')} on the list is on hold; withdraw the list.`,
      });
    }
  }
  const outcome = await ctx.store.retention.decide(listId, {
    state: decision,
    by: staff.sub,
    at: ctx.now().toISOString(),
  });
  if (outcome === 'notProposed') {
    throw new ConflictError({
      zh: `銷毀清冊 ${listId} 已有決定。`,
      en: `Disposal list ${listId} was already decided.`,
    });
  }
  return disposalList(ctx, listId, staff);
}

/**
 * After a restore from a backup (point-in-time recovery keeps 35 days): every approved list is
 * carried out again, whatever it recorded as done, so nothing a disposal erased comes back.
 */
export async function replayDisposals(ctx: UseCaseContext) {
  const lists = (await ctx.store.retention.lists()).map((list) => ({ ...list, disposed: [] }));
  return carryOutApproved(ctx, lists);
}

async function carryOutApproved(ctx: UseCaseContext, lists: DisposalList[]) {
  const disposed: string[] = [];
  for (const list of lists.filter((l) => l.state === 'approved' && l.disposed.length < l.cases.length)) {
    for (const entry of list.cases.filter((c) => !list.disposed.includes(c.caseId))) {
      // The duplicates go with their main file; the main file's record of the disposal last.
      for (const caseId of [...entry.duplicates, entry.caseId]) {
        if (await disposeCase(ctx, list, caseId)) disposed.push(caseId);
      }
      await ctx.store.retention.recordDisposed(list.listId, entry.caseId);
    }
  }
  return disposed;
}

/**
 * Disposes of one case file: the case item scrubbed and sealed with a `disposed` event that
 * names the events it erases, its look-ups unlinked (one transaction); then the events,
 * notices, files' records, ratings and their bytes in every version, the SMS and idempotency
 * records; the personal record and the receipt last. Each part is safe to run again.
 * False when a hold was placed after the approval (the case is left as it is).
 */
export async function disposeCase(ctx: UseCaseContext, list: DisposalList, caseId: string): Promise<boolean> {
  // One query of the partition: the case and all of it a disposal erases.
  const records = await ctx.store.retention.erasable(caseId);
  const current = records.caseFile;
  if (!current) return false;
  // What the person asked to have recorded instead is theirs too, wherever staff quoted it.
  const values = records.personal ? personalValuesOf(records.personal, records.dataRequests) : [];
  const on = today(ctx);
  if (!current.disposed) {
    if (current.legalHold) return false;
    const matterFingerprints = await matterFingerprintsOf(ctx, current, records.personal);
    const approvedBy = list.decision?.by ?? '';
    const erasedEvents = quotingEvents(records.events, values).map((event) => event.seq);
    const disposal = changeCases(ctx, [caseId], ([caseFile]) => {
      if (caseFile.legalHold) throw new StepNoLongerDue();
      return [
        {
          next: { ...scrub(caseFile, values), disposed: { list: list.listId, on, approvedBy } },
          events: [{ type: DISPOSED_EVENT, actor: SYSTEM, data: { list: list.listId, erasedEvents } }],
          unlink: { identityHashes: records.identityHashes, matterFingerprints },
        },
      ];
    });
    if (!(await taken(disposal))) return false;
  }
  await ctx.store.retention.erase(
    erasureOf(caseId, current.receiptCode, records, values, { list: list.listId, on }),
  );
  if (!ctx.files) throw new Error('The retention run needs the files bucket (FILES_BUCKET)');
  await ctx.files.eraseEveryVersion(caseFilePrefixes(caseId));
  return true;
}

function erasureOf(
  caseId: string,
  receiptCode: string,
  records: ErasableRecords,
  values: string[],
  erased: { list: string; on: string },
): Erasure {
  const quoting = <T>(items: T[]) =>
    items.filter((item) => quotesAny(item, values)).map((item) => scrub(item, values));
  return {
    caseId,
    receiptCode,
    events: quotingEvents(records.events, values).map(({ dataSalt: _salt, ...event }) => ({
      ...event,
      data: scrub(event.data, values),
      erased,
    })),
    notices: quoting(records.notices.filter((n) => n.state === 'delivered')),
    undelivered: records.notices.filter((n) => n.state !== 'delivered').map((n) => n.noticeId),
    attachments: quoting(records.attachments),
    ratings: quoting(records.ratings),
    dataRequests: records.dataRequests.map((r) => r.requestId),
    smsMessages: records.notices.flatMap((n) =>
      n.delivery?.providerMessageId ? [n.delivery.providerMessageId] : [],
    ),
    idempotencyKeys: records.idempotencyKeys,
  };
}
