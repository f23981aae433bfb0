// Staff work queues: each person opens their work (an official their cases, a department its
// inbox, a supervisor what is overdue or waiting for approval), sorted by the due date of each
// case's current stage; anyone finds a case by its id or receipt code.
import { canSee, type Staff } from '../domain/access.ts';
import { localDateOf } from '../domain/case.ts';
import { checkHorizon } from '../domain/escalation.ts';
import { decodeCursor, encodeCursor } from '../domain/page-cursor.ts';
import { CASE_ID_PATTERN, parseReceiptCode } from '../domain/receipt-code.ts';
import { VIEW_ROLES, VIEWS, type View } from '../domain/views.ts';
import { type QueueSummary, queueSummary, queues, type WorkQueue } from '../domain/work-queues.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import type { UseCaseContext } from './context.ts';
import type { DueRange, QueueFilters } from './ports.ts';

export interface CaseListQuery extends QueueFilters {
  view?: View;
  /** A case id or receipt code: the case itself, if the caller may see it. */
  find?: string;
  year?: number;
  cursor?: string;
  limit: number;
}

export interface CaseList {
  view: View | 'find';
  cases: QueueSummary[];
  nextCursor: string | null;
  /** Items the store read for this page (about the page size: never a scan). */
  itemsRead: number;
}

const may = (staff: Staff, view: View) => staff.roles.some((role) => VIEW_ROLES[view].includes(role));

const badCursor = () =>
  new ValidationError([
    {
      field: 'cursor',
      code: 'invalid_cursor',
      message: { zh: '分頁標記無效。', en: 'The page cursor is not valid.' },
    },
  ]);

/** The queue and due-date range a view reads for this person. */
function queueOf(
  ctx: UseCaseContext,
  staff: Staff,
  view: View,
  year?: number,
): { queue: WorkQueue; range: DueRange } {
  const today = localDateOf(ctx.now(), ctx.config.region);
  // A department sees its own inbox, whatever slice of it it asks for (art. 30).
  const department = staff.roles.includes('department') && staff.department;
  const scope = department ? queues.department(department) : queues.open;
  switch (view) {
    case 'mine':
      if (!staff.officialId) throw new ForbiddenError('mine: no official id in the token');
      return { queue: queues.owner(staff.officialId), range: {} };
    case 'unowned':
      return { queue: queues.unowned, range: {} };
    case 'department':
      if (!department) throw new ForbiddenError('department: no department in the token');
      return { queue: queues.department(department), range: {} };
    case 'overdue':
      return { queue: scope, range: { before: today } };
    case 'due-soon':
      return { queue: scope, range: { from: today, to: checkHorizon(today, ctx.config.region) } };
    case 'quality-review':
      return { queue: queues.qualityReview, range: {} };
    case 'approvals':
      return { queue: queues.approvals, range: {} };
    case 'data-requests':
      return { queue: queues.dataRequests, range: {} };
    case 'backlog':
      return { queue: queues.backlog(year ?? Number(today.slice(0, 4))), range: {} };
    case 'sign-off':
      return { queue: queues.signOff(staff.roles.includes('head') ? 'major' : 'ordinary'), range: {} };
  }
}

async function findCase(ctx: UseCaseContext, staff: Staff, find: string): Promise<CaseList> {
  const code = CASE_ID_PATTERN.test(find) ? undefined : parseReceiptCode(find);
  const caseId = code ? (await ctx.store.receipts.get(code))?.caseId : find;
  const caseFile = caseId ? await ctx.store.cases.get(caseId) : undefined;
  const visible = caseFile && canSee(staff, caseFile) ? [queueSummary(caseFile)] : [];
  return { view: 'find', cases: visible, nextCursor: null, itemsRead: caseFile ? 1 : 0 };
}

/**
 * The queue a person opens without naming one: their own work first, else the first they may
 * open; none for a role that keeps no work queue (the archive finds cases by id).
 */
function defaultView(staff: Staff): View | undefined {
  if (staff.roles.includes('department') && staff.department) return 'department';
  if (staff.officialId && may(staff, 'mine')) return 'mine';
  return VIEWS.find((view) => view !== 'mine' && view !== 'department' && may(staff, view));
}

/**
 * Primary course:
 * 1. A case id or receipt code goes straight to that case (if the person may see it).
 * 2. Otherwise the view names one queue and a range of due dates; the person must hold a
 *    role for it, and a department reads only its own inbox.
 * 3. One page of that queue, by due date, from the signed cursor; the next cursor signed.
 */
export async function listCases(ctx: UseCaseContext, staff: Staff, query: CaseListQuery): Promise<CaseList> {
  if (query.find) return findCase(ctx, staff, query.find);
  const view = query.view ?? defaultView(staff);
  if (!view) return { view: 'find', cases: [], nextCursor: null, itemsRead: 0 };
  if (!may(staff, view)) throw new ForbiddenError(`view ${view}`);
  const { queue, range } = queueOf(ctx, staff, view, query.year);
  const peppers = await ctx.peppers();
  // Signed with the current pepper; one signed before a rotation still reads.
  const start =
    query.cursor === undefined
      ? undefined
      : Object.values(peppers.versions)
          .map((secret) => decodeCursor(query.cursor as string, secret))
          .find(Boolean);
  if (query.cursor !== undefined && !start) throw badCursor();
  const { view: _, find: __, year: ___, cursor: ____, limit, ...filters } = query;
  const page = await ctx.store.queries.queue(queue, range, { limit, ...(start && { start }), filters });
  return {
    view,
    cases: page.cases,
    nextCursor: page.next ? encodeCursor(page.next, peppers.versions[peppers.current] as string) : null,
    itemsRead: page.itemsRead,
  };
}

/** How many cases wait in each view this person may open (badges); no case is read. */
export async function countViews(ctx: UseCaseContext, staff: Staff): Promise<Partial<Record<View, number>>> {
  const open = VIEWS.filter(
    (view) =>
      may(staff, view) &&
      !(view === 'mine' && !staff.officialId) &&
      !(view === 'department' && !staff.department),
  );
  const counts = await Promise.all(
    open.map(async (view) => {
      const { queue, range } = queueOf(ctx, staff, view);
      return [view, await ctx.store.queries.count(queue, range)] as const;
    }),
  );
  return Object.fromEntries(counts);
}
