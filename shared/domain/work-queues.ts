// Staff work queues (工作隊列): which lists a case belongs to, so every view is one key
// condition on one index, sorted by the statutory due date of its current stage. A case's
// memberships are recomputed from the case on every change (docs/data-model.md, QUEUE).
import type { CaseFile } from './case.ts';
import { currentDeadlines, currentDraft } from './case.ts';
import { isResolved } from './case-status.ts';

/** The queue a case sorts last in when it owes nothing dated (awaiting a receipt, say). */
const NO_DUE_DATE = '9999-12-31';

export const isOpen = (caseFile: CaseFile) => !isResolved(caseFile.status) && !caseFile.duplicateOf;

/** The office's next duty on the case: the statutory due date of its current stage. */
function currentDuty(caseFile: CaseFile): { stage: string; dueDate: string; dueFrom: string | null } {
  const duties = currentDeadlines(caseFile)
    .filter((d) => d.owedBy === 'office')
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const first = duties[0];
  if (!first) return { stage: 'none', dueDate: NO_DUE_DATE, dueFrom: null };
  // A task or an acknowledgement names its department; a stage is the handler's, else the bureau's.
  return {
    stage: first.stage,
    dueDate: first.dueDate,
    dueFrom: first.department ?? (first.stage === 'register' ? null : (caseFile.handlingDepartment ?? null)),
  };
}

/** Departments whose inbox holds the case: the lead and the assisting ones, while it is handled. */
export function inboxDepartments(caseFile: CaseFile): string[] {
  if (caseFile.status !== 'assigned' || !caseFile.handlingDepartment) return [];
  const accused = new Set(caseFile.complainsAbout ?? []);
  return [caseFile.handlingDepartment, ...(caseFile.assistingDepartments ?? [])].filter(
    (d) => !accused.has(d),
  );
}

/** A staff work queue, as the domain names it (the store's keys module says where each is kept). */
export type WorkQueue =
  | { kind: 'open' }
  | { kind: 'unowned' }
  | { kind: 'owner'; officialId: string }
  | { kind: 'department'; department: string }
  | { kind: 'qualityReview' }
  | { kind: 'approvals' }
  | { kind: 'backlog'; year: number }
  | { kind: 'dataRequests' }
  | { kind: 'signOff'; gravity: 'ordinary' | 'major' };

export const queues = {
  open: { kind: 'open' },
  owner: (officialId: string) => ({ kind: 'owner', officialId }),
  unowned: { kind: 'unowned' },
  department: (department: string) => ({ kind: 'department', department }),
  qualityReview: { kind: 'qualityReview' },
  approvals: { kind: 'approvals' },
  backlog: (year: number) => ({ kind: 'backlog', year }),
  dataRequests: { kind: 'dataRequests' },
  signOff: (gravity: 'ordinary' | 'major') => ({ kind: 'signOff', gravity }),
} satisfies Record<string, WorkQueue | ((arg: never) => WorkQueue)>;

export const sameQueue = (a: WorkQueue, b: WorkQueue) => JSON.stringify(a) === JSON.stringify(b);

/** Every queue the case belongs to now. */
export function queuesOf(caseFile: CaseFile): WorkQueue[] {
  const memberships: WorkQueue[] = [];
  if (isOpen(caseFile)) {
    memberships.push(queues.open);
    memberships.push(caseFile.ownerId ? queues.owner(caseFile.ownerId) : queues.unowned);
    memberships.push(...inboxDepartments(caseFile).map(queues.department));
    if (caseFile.extensionRequest && !caseFile.extensionRequest.decision) memberships.push(queues.approvals);
    const draft = currentDraft(caseFile);
    if (draft?.state === 'awaiting') memberships.push(queues.signOff(caseFile.gravity ?? 'ordinary'));
  }
  if (caseFile.qualityReview && !caseFile.qualityFollowedUp) memberships.push(queues.qualityReview);
  if (caseFile.backlog) memberships.push(queues.backlog(caseFile.backlog.year));
  // Open or closed: a request about the petitioner's data waits for its decision either way
  // (not once the file is disposed of: nobody is left to tell).
  const waiting = Object.values(caseFile.dataRequests ?? {}).some((r) => !r.decision);
  if (waiting && !caseFile.disposed) memberships.push(queues.dataRequests);
  return memberships;
}

/** What a queue shows of a case: enough to pick it, nothing personal, no receipt code. */
export function queueSummary(caseFile: CaseFile) {
  const duty = currentDuty(caseFile);
  return {
    caseId: caseFile.caseId,
    subject: caseFile.subject,
    status: caseFile.status,
    channel: caseFile.channel,
    township: caseFile.township,
    category: caseFile.category,
    receivedAt: caseFile.receivedAt,
    ownerId: caseFile.ownerId ?? null,
    handlingDepartment: caseFile.handlingDepartment ?? null,
    dueStage: duty.stage,
    dueDate: duty.dueDate,
    /** Who owes the current stage: a department by code, or null for the petition bureau. */
    dueFrom: duty.dueFrom,
    /** Ordinary or major (absent on an entry written before gravity was kept). */
    ...(caseFile.gravity && { gravity: caseFile.gravity }),
  };
}
export type QueueSummary = ReturnType<typeof queueSummary>;
