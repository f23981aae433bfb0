// The handling desk between the bureau and the departments: a department acknowledges an
// assigned case (簽收); the handler asks for an extension and the head decides it before the
// due date (art. 34); staff follow up an opinion (回訪), and a dissatisfied follow-up caused
// by the handling can send the case back to the department.
import type { Bilingual } from '../errors.ts';
import { ConflictError } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { type CaseFile, deadlineFrom } from './case.ts';
import { applyTransition, type DeadlineChange, met, setting, withDeadlines } from './procedure.ts';
import { inboxDepartments } from './work-queues.ts';

export interface DeskStep {
  next: CaseFile;
  event: { type: string; data: Record<string, unknown> };
  deadlines: DeadlineChange[];
  /** Petitioner notices the step calls for (an approved extension tells its reason). */
  notices: Array<'extended'>;
}

const refuse = (message: Bilingual) => new ConflictError(message);

export function acknowledge(
  caseFile: CaseFile,
  department: string,
  on: string,
  at: string,
  by: string,
): DeskStep {
  if (!inboxDepartments(caseFile).includes(department)) {
    throw refuse({ zh: '此案件不在貴單位的待辦中。', en: 'The case is not in your department inbox.' });
  }
  if (caseFile.acknowledgements?.[department]) {
    throw refuse({ zh: '貴單位已簽收此案件。', en: 'Your department already acknowledged this case.' });
  }
  const deadlines = met(caseFile, `ack-${department}`);
  const next = {
    ...caseFile,
    acknowledgements: { ...caseFile.acknowledgements, [department]: { on, at, by } },
  };
  return {
    next: withDeadlines(next, deadlines),
    event: { type: 'acknowledged', data: { department, on } },
    deadlines,
    notices: [],
  };
}

export function requestExtension(
  caseFile: CaseFile,
  request: { department: string; days: number; reason: string },
  on: string,
  by: string,
): DeskStep {
  const handle = caseFile.deadlines.handle;
  if (caseFile.status !== 'assigned' || caseFile.handlingDepartment !== request.department || !handle) {
    throw refuse({
      zh: '只有承辦單位可在辦理中申請延期。',
      en: 'Only the handling department may ask, while it handles the case.',
    });
  }
  if (caseFile.extension || (caseFile.extensionRequest && !caseFile.extensionRequest.decision)) {
    throw refuse({
      zh: '辦理期限只能延長一次，且已有待批的申請。',
      en: 'The period can be extended once, and a request is already waiting or was decided.',
    });
  }
  if (on > handle.dueDate) {
    throw refuse({
      zh: `延期須在期限（${handle.dueDate}）屆滿前申請。`,
      en: `An extension must be asked for before the due date (${handle.dueDate}).`,
    });
  }
  return {
    next: { ...caseFile, extensionRequest: { ...request, requestedOn: on, by } },
    event: {
      type: 'extension_requested',
      data: { department: request.department, days: request.days, reason: request.reason },
    },
    deadlines: [],
    notices: [],
  };
}

/** The head of the organ decides before the due date; an approval extends the period (art. 34). */
export function decideExtension(
  caseFile: CaseFile,
  decision: { approve: boolean; note: string },
  on: string,
  by: string,
  region: RegionConfig,
): DeskStep {
  const request = caseFile.extensionRequest;
  if (!request || request.decision) {
    throw refuse({ zh: '沒有待批的延期申請。', en: 'There is no extension request waiting for a decision.' });
  }
  const due = caseFile.deadlines.handle?.dueDate;
  if (!due || on > due) {
    throw refuse({
      zh: `延期須在期限（${due}）屆滿前批准。`,
      en: `An extension must be decided before the due date (${due}).`,
    });
  }
  const decided = { ...request, decision: { approved: decision.approve, note: decision.note, on, by } };
  if (!decision.approve) {
    return {
      next: { ...caseFile, extensionRequest: decided },
      event: { type: 'extension_refused', data: { note: decision.note } },
      deadlines: [],
      notices: [],
    };
  }
  const step = applyTransition(
    caseFile,
    { action: 'extend', days: request.days, reason: request.reason },
    on,
    region,
  );
  return {
    next: { ...step.next, extensionRequest: decided },
    event: { type: 'extension_approved', data: { ...step.event.data, note: decision.note } },
    deadlines: step.deadlines,
    notices: ['extended'],
  };
}

export interface FollowUpInput {
  reached: boolean;
  satisfied?: boolean | undefined;
  causedByHandling?: boolean | undefined;
  sendBack?: boolean | undefined;
  notes: string;
}

const AFTER_OPINION: ReadonlySet<CaseFile['status']> = new Set(['opinion_issued', 'closed']);

/**
 * A follow-up call after the opinion. It clears the quality-review flag (the matter was
 * looked at); sending back needs a reached, dissatisfied petitioner and a cause in the
 * handling, and reopens handling with a new period.
 */
export function followUp(
  caseFile: CaseFile,
  input: FollowUpInput,
  on: string,
  by: string,
  region: RegionConfig,
): DeskStep {
  const opinion = caseFile.opinion;
  if (!opinion) {
    throw refuse({ zh: '出具處理意見後才能回訪。', en: 'A follow-up comes after the handling opinion.' });
  }
  const record = {
    on,
    by,
    reached: input.reached,
    satisfied: input.reached ? (input.satisfied ?? null) : null,
    causedByHandling: input.causedByHandling ?? false,
    sentBack: input.sendBack ?? false,
    notes: input.notes,
  };
  const recorded = {
    ...caseFile,
    followUps: [...(caseFile.followUps ?? []), record],
    qualityFollowedUp: true,
  };
  // Who called is the event's actor; the event data is what was found.
  const { by: _, ...found } = record;
  if (!record.sentBack) {
    return { next: recorded, event: { type: 'follow_up', data: found }, deadlines: [], notices: [] };
  }
  if (
    !(record.reached && record.satisfied === false && record.causedByHandling) ||
    !AFTER_OPINION.has(caseFile.status)
  ) {
    throw refuse({
      zh: '只有回訪不滿意且問題出在辦理上、尚未申請復查的案件，才能退回重辦。',
      en: 'Only a reached, dissatisfied petitioner whose dissatisfaction comes from the handling, before any review, can send the case back.',
    });
  }
  const handle = deadlineFrom('handle', 'sent_back', on, region);
  const { opinion: _opinion, opinionReceivedOn: _received, ...rest } = recorded;
  const deadlines = [...met(caseFile, 'requestReview'), setting(handle)];
  const next: CaseFile = {
    ...rest,
    status: 'assigned',
    previousOpinions: [...(caseFile.previousOpinions ?? []), opinion],
    milestones: [...caseFile.milestones, { step: 'sent_back', on }],
  };
  return {
    next: withDeadlines(next, deadlines),
    event: {
      type: 'sent_back',
      data: { ...found, department: caseFile.handlingDepartment ?? null, dueDate: handle.dueDate },
    },
    deadlines,
    notices: [],
  };
}
