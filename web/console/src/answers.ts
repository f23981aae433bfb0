// What the API answers, as the console reads it: each type inferred from its route's response
// schema (the definitions the OpenAPI document is generated from and every test response is
// checked against). Type-only imports: nothing of the server reaches the browser bundle.
// Not here yet: the reports, whose schemas are still loose records (reports.tsx keeps its own
// types for them until the schemas are precise).
import type {
  checkRepeat,
  findSimilarCases,
  findSimilarToDraft,
  readCase,
} from '../../../functions/cases/read-case.ts';
import type { registerCase } from '../../../functions/cases/register-case.ts';
import type { countWork, listWork } from '../../../functions/cases/work-queues.ts';
import type { listPrintQueue } from '../../../functions/cases/written-notices.ts';
import type { readNoticeDocument } from '../../../functions/documents/written-notice.ts';
import type { Answer } from '../../../functions/http/define-route.ts';
import type { deskQueue, triageVisitor } from '../../../functions/reception/desk.ts';
import type { coverage, receptionDays } from '../../../functions/reception/reception-days.ts';

export type CaseView = Answer<typeof readCase>;
export type Deadline = CaseView['deadlines'][number];
export type TimelineEvent = CaseView['timeline'][number];
export type CasePage = Answer<typeof listWork>;
export type CaseSummary = CasePage['cases'][number];
export type ViewCounts = Answer<typeof countWork>;
export type SimilarCases = Answer<typeof findSimilarCases>;
export type SimilarToDraft = Answer<typeof findSimilarToDraft>;
export type LikelyRepeat = Answer<typeof checkRepeat>;
export type Registered = Answer<typeof registerCase, 201>;
export type WrittenNotice = Answer<typeof readNoticeDocument>;
export type PrintQueue = Answer<typeof listPrintQueue>;
export type DayQueue = Answer<typeof deskQueue>;
export type TriageDecision = Answer<typeof triageVisitor>;
export type ReceptionDays = Answer<typeof receptionDays>;
export type Coverage = Answer<typeof coverage>;
