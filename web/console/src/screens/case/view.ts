// What the API answers of a case, as the case page reads it, and the paths under it.
export type { CaseView, Deadline, TimelineEvent } from '../../answers.ts';

export const path = (caseId: string, rest = '') => `/cases/${encodeURIComponent(caseId)}${rest}`;
