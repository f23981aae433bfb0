// What the API answers of a case, as the case page reads it, and the paths under it.
import type { STATUS_LABELS } from '../../../../../shared/domain/case-status.ts';

export interface Deadline {
  stage: string;
  /** Closed once met, or no longer owed (a duplicate's, say). */
  open: boolean;
  owedBy: 'office' | 'petitioner';
  dueDate: string;
  article: string;
  department?: string;
}

export interface TimelineEvent {
  seq: number;
  type: string;
  at: string;
  actor: { kind: string; id?: string; officialId?: string; department?: string; roles?: string[] };
  data?: Record<string, unknown>;
}

export interface CaseView {
  case: {
    caseId: string;
    receiptCode?: string;
    status: keyof typeof STATUS_LABELS;
    channel: string;
    township: string;
    category: string;
    subject: string;
    description: string;
    requestedOutcome?: string;
    receivedAt: string;
    lateRegistration?: { days: number; reason: string };
    ownerId?: string;
    handlingDepartment?: string;
    duplicateOf?: string;
    likelyRepeatOf?: { caseId: string; receiptCode: string };
    version: number;
    extensionRequest?: { days: number; reason: string; decision?: unknown };
    jointReviews?: Array<{
      reviewId: string;
      meetingType: string;
      date: string;
      minutes?: { rootCause: string; direction: string; decisions: string[] };
    }>;
  };
  openTasks: Array<{ taskId: string; text: string; department: string; dueDate: string }>;
  petitioner: { petitioner: { name: string; phone?: string; address?: string } } | null;
  personalMasked: boolean;
  deadlines: Deadline[];
  addenda: Array<{ seq: number; channel: string; receivedAt: string; subject: string; description: string }>;
  timeline: TimelineEvent[];
  mayNow: string[];
  mayView: string[];
}

export const path = (caseId: string, rest = '') => `/cases/${encodeURIComponent(caseId)}${rest}`;
