// The staff work queues' views and who may open each: apart from the queue rules, so the
// console can tell which views a person keeps without the calendars the rules need.
import type { StaffRole } from '../auth.ts';

export const VIEWS = [
  'mine',
  'unowned',
  'department',
  'overdue',
  'due-soon',
  'quality-review',
  'approvals',
  'backlog',
  'data-requests',
  'sign-off',
] as const;
export type View = (typeof VIEWS)[number];

/** Who may open each view (a department opens only its own inbox, and its slices by date). */
export const VIEW_ROLES: Record<View, readonly StaffRole[]> = {
  mine: ['official'],
  unowned: ['clerk', 'supervisor', 'official'],
  department: ['department'],
  overdue: ['clerk', 'supervisor', 'official', 'department', 'auditor'],
  'due-soon': ['clerk', 'supervisor', 'official', 'department'],
  'quality-review': ['supervisor', 'auditor'],
  approvals: ['supervisor'],
  backlog: ['supervisor', 'admin', 'auditor'],
  // A petitioner's requests about their data wait for the bureau's decision (PIPL art. 50).
  'data-requests': ['clerk', 'supervisor'],
  // Drafts waiting for the leader: the head's major matters, a deputy's ordinary ones.
  'sign-off': ['deputy_head', 'head'],
};
