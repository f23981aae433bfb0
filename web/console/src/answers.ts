// What the API answers, as the console reads it: each type inferred from its route's response
// schema (the definitions the OpenAPI document is generated from and every test response is
// checked against). Type-only imports: nothing of the server reaches the browser bundle.

import type { issueKey, listApiKeys } from '../../../functions/cases/api-keys.ts';
import type { driveProgress } from '../../../functions/cases/backlog.ts';
import type { personalDataReads } from '../../../functions/cases/handling-desk.ts';
import type { listOfficials, whoAmI } from '../../../functions/cases/me.ts';
import type {
  checkRepeat,
  findSimilarCases,
  findSimilarToDraft,
  listCaseNotices,
  readCase,
  readCaseTimeline,
} from '../../../functions/cases/read-case.ts';
import type { registerCase } from '../../../functions/cases/register-case.ts';
import type { listDisposalLists } from '../../../functions/cases/retention.ts';
import type { countWork, listWork } from '../../../functions/cases/work-queues.ts';
import type { listPrintQueue } from '../../../functions/cases/written-notices.ts';
import type { checkByNumber } from '../../../functions/documents/document-checks.ts';
import type { readNoticeDocument } from '../../../functions/documents/written-notice.ts';
import type { Answer } from '../../../functions/http/define-route.ts';
import type { publicConfig } from '../../../functions/meta/meta.ts';
import type { deskQueue, triageVisitor } from '../../../functions/reception/desk.ts';
import type { coverage, receptionDays } from '../../../functions/reception/reception-days.ts';
import type { summaryReport, yearReport } from '../../../functions/reports/reports.ts';

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
export type Summary = Answer<typeof summaryReport>;
export type Annual = Answer<typeof yearReport>;
export type Drive = Answer<typeof driveProgress>;
export type CaseNotices = Answer<typeof listCaseNotices>;
export type VerifiedTimeline = Answer<typeof readCaseTimeline>;
export type PersonalDataReads = Answer<typeof personalDataReads>;
export type PublicConfig = Answer<typeof publicConfig>;
export type Officials = Answer<typeof listOfficials>;
export type Me = Answer<typeof whoAmI>;
export type DisposalLists = Answer<typeof listDisposalLists>;
export type ApiKeys = Answer<typeof listApiKeys>;
export type IssuedApiKey = Answer<typeof issueKey, 201>;
export type DocumentFacts = Answer<typeof checkByNumber>;
