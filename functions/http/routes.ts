// Every HTTP route, once: the CDK stack wires API Gateway from it, the local server routes
// by it, and the OpenAPI document is generated from its schemas.
import * as z from 'zod/mini';
import { STAFF_ROLES, type StaffRole } from '../../shared/auth.ts';
import { CASE_STATUSES, RATINGS } from '../../shared/domain/case.ts';
import { CHANNELS, type PetitionSchemas, petitionSchemas } from '../../shared/domain/petition.ts';
import { OUTCOMES, REFERRAL_PROCEDURES } from '../../shared/domain/procedure.ts';
import type { RegionConfig } from '../../shared/region.ts';
import { rule } from '../../shared/validation.ts';

/** The Lambda functions, grouped by job; each serves the routes that name it. */
export const FUNCTION_NAMES = ['intake', 'cases', 'reception', 'reports', 'meta'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSchemas extends PetitionSchemas {
  caseIdPath: z.ZodMiniType;
  receiptPath: z.ZodMiniType;
  verifierQuery: z.ZodMiniType;
  linkDuplicate: z.ZodMiniType;
  unlinkDuplicate: z.ZodMiniType;
  transition: z.ZodMiniType;
  assignOwner: z.ZodMiniType;
  instruction: z.ZodMiniType;
  recusal: z.ZodMiniType;
  rating: z.ZodMiniType;
  jointReviewPath: z.ZodMiniType;
  taskPath: z.ZodMiniType;
  yearPath: z.ZodMiniType;
  jointReview: z.ZodMiniType;
  minutes: z.ZodMiniType;
  taskDone: z.ZodMiniType;
  backlog: z.ZodMiniType;
  dateRangeQuery: z.ZodMiniType;
  dateQuery: z.ZodMiniType;
  receivingOfficials: z.ZodMiniType;
  absence: z.ZodMiniType;
  publishYear: z.ZodMiniType;
  swap: z.ZodMiniType;
  triage: z.ZodMiniType;
  monthRangeQuery: z.ZodMiniType;
}

export interface Route {
  method: Method;
  path: string;
  function: FunctionName;
  operationId: string;
  summary: string;
  /** Staff roles allowed; absent means public (no token). */
  roles?: readonly StaffRole[];
  body?: (s: RouteSchemas) => z.ZodMiniType;
  params?: (s: RouteSchemas) => z.ZodMiniType;
  query?: (s: RouteSchemas) => z.ZodMiniType;
  responses: Record<number, { description: string; schema?: (r: ResponseSchemas) => z.ZodMiniType }>;
}

export const CASE_ID_PATTERN = /^\d{8}-[ACDEFGHJKMNPQRTWXY34679]{8}$/;

const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const month = z.string().check(z.regex(/^20\d{2}-(0[1-9]|1[0-2])$/));
const verifier = z.string().check(z.regex(/^\d{4}$/));

/** The steps of the procedure as request bodies; `expectedVersion` guards against editing a stale view. */
function transitionSchema(region: RegionConfig) {
  const department = z.enum(region.departments.map((d) => d.code) as [string, ...string[]]);
  const step = <S extends Record<string, z.ZodMiniType>>(action: string, shape: S) =>
    z.strictObject({
      action: z.literal(action),
      expectedVersion: z.optional(z.int().check(z.positive())),
      ...shape,
    });
  const opinion = {
    outcome: z.enum(OUTCOMES),
    request: text(2, 2000),
    facts: text(2, 5000),
    reasons: text(2, 5000),
    legalBasis: text(2, 2000),
    opinion: text(2, 5000),
  };
  return z.discriminatedUnion('action', [
    step('accept', { plan: text(2, 2000) }),
    step('refer', { procedure: z.enum(REFERRAL_PROCEDURES), where: text(2, 200), reason: text(2, 2000) }),
    step('not_accept', { reason: text(2, 2000) }),
    step('assign', {
      leadDepartment: department,
      assistingDepartments: z.optional(z.array(department).check(z.maxLength(10))),
    }),
    step('return_misrouted', { reason: text(2, 2000) }),
    step('extend', { days: z.int().check(z.minimum(1), z.maximum(30)), reason: text(2, 2000) }),
    step('issue_opinion', opinion),
    step('record_receipt', { receivedOn: isoDate }),
    step('request_review', { requestedOn: isoDate, grounds: text(2, 5000) }),
    step('issue_review_opinion', opinion),
    step('request_re_review', { requestedOn: isoDate, grounds: text(2, 5000) }),
    step('record_hearing', { from: isoDate, to: isoDate }),
    step('issue_re_review_opinion', opinion),
  ]);
}

/**
 * The request schemas of every route, each built on first use: a function builds only the
 * schemas of its own routes, and none of them before its first request needs it.
 */
export function routeSchemas(region: RegionConfig): RouteSchemas {
  const caseId = z.string().check(z.regex(CASE_ID_PATTERN));
  const department = z.enum(region.departments.map((d) => d.code) as [string, ...string[]]);
  const official = z.enum(region.officials.map((o) => o.id) as [string, ...string[]]);
  const petition = once(() => petitionSchemas(region));
  return lazily<RouteSchemas>({
    webPetition: () => petition().webPetition,
    staffCase: () => petition().staffCase,
    caseIdPath: () => z.strictObject({ id: caseId }),
    receiptPath: () => z.strictObject({ receiptCode: z.string().check(z.maxLength(20)) }),
    verifierQuery: () => z.strictObject({ verifier }),
    linkDuplicate: () => z.strictObject({ caseId, reason: text(2, 500) }),
    unlinkDuplicate: () => z.strictObject({ reason: text(2, 500) }),
    transition: () => transitionSchema(region),
    assignOwner: () =>
      z.strictObject({
        officialId: z.enum(region.officials.map((o) => o.id) as [string, ...string[]]),
        reason: z.optional(text(2, 1000)),
      }),
    instruction: () => z.strictObject({ text: text(2, 5000) }),
    recusal: () => z.strictObject({ who: text(1, 100), reason: text(2, 1000) }),
    rating: () =>
      z.strictObject({
        verifier,
        rating: z.enum(RATINGS),
        comment: z.optional(text(1, 1000)),
      }),
    jointReviewPath: () => z.strictObject({ id: caseId, reviewId: z.string().check(z.regex(/^\d{1,3}$/)) }),
    taskPath: () => z.strictObject({ id: caseId, taskId: z.string().check(z.regex(/^\d{1,3}-\d{1,3}$/)) }),
    yearPath: () => z.strictObject({ year: z.string().check(z.regex(/^20\d{2}$/)) }),
    jointReview: () =>
      z.strictObject({
        meetingType: text(2, 100),
        date: isoDate,
        departments: z.array(department).check(z.minLength(1), z.maxLength(20)),
        officials: z.array(official).check(z.maxLength(20)),
      }),
    minutes: () =>
      z.strictObject({
        rootCause: text(2, 5000),
        direction: text(2, 5000),
        decisions: z
          .array(
            z.strictObject({
              text: text(2, 2000),
              department: z.optional(department),
              dueDate: z.optional(isoDate),
            }),
          )
          .check(z.minLength(1), z.maxLength(30)),
      }),
    taskDone: () => z.strictObject({ report: text(2, 5000) }),
    backlog: () => z.strictObject({ year: z.int().check(z.minimum(2000), z.maximum(2100)) }),
    dateRangeQuery: () =>
      z.strictObject({ from: isoDate, to: isoDate }).check(
        z.refine((q) => q.from <= q.to && Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
          ...rule(
            '日期範圍須為一年以內且起始不晚於結束。',
            'The range must run forward and span at most a year.',
          ),
          path: ['to'],
        }),
      ),
    dateQuery: () => z.strictObject({ date: isoDate }),
    monthRangeQuery: () =>
      z.strictObject({ from: month, to: month }).check(
        z.refine((q) => q.from <= q.to, {
          ...rule('起始月份不能晚於結束月份。', 'from must not be after to.'),
          path: ['to'],
        }),
      ),
    receivingOfficials: () =>
      z.strictObject({
        officialIds: z.array(official).check(z.minLength(1), z.maxLength(100)),
      }),
    absence: () => z.strictObject({ officialId: official, from: isoDate, to: isoDate, reason: text(2, 500) }),
    publishYear: () => z.strictObject({ replace: z.optional(z.boolean()) }),
    swap: () => z.strictObject({ date: isoDate, out: official, in: official }),
    triage: () =>
      z
        .strictObject({
          receiptCode: z.optional(z.string().check(z.maxLength(20))),
          petition: z.optional(petition().webPetition),
        })
        .check(
          z.refine((t) => Boolean(t.receiptCode || t.petition), {
            ...rule('請提供回執碼或信訪事項。', 'Give a receipt code or the petition.'),
            path: ['petition'],
          }),
        ),
  });
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** An object whose properties are built by their factories on first read. */
function lazily<T extends object>(factories: { [K in keyof T]: () => T[K] }): T {
  const object = {} as T;
  for (const key of Object.keys(factories) as Array<keyof T>) {
    const get = once(factories[key]);
    Object.defineProperty(object, key, { enumerable: true, get });
  }
  return object;
}

/** The response schemas, built only when the OpenAPI document is. */
export const responseSchemas = once(() => {
  const bilingual = z.object({ zh: z.string(), en: z.string() });
  const errorBody = z.object({
    error: z.object({
      code: z.string(),
      message: bilingual,
      fields: z.optional(z.array(z.object({ field: z.string(), code: z.string(), message: bilingual }))),
    }),
  });
  const deadline = z.nullable(
    z.object({
      stage: z.string(),
      owedBy: z.enum(['office', 'petitioner']),
      dueDate: z.string(),
      article: z.string(),
    }),
  );
  const intakeResult = z.object({
    caseId: z.string(),
    receiptCode: z.string(),
    status: z.enum(CASE_STATUSES),
    repeatCount: z.int(),
    alreadyOnFile: z.boolean(),
    nextDeadline: deadline,
  });
  const publicStatus = z.object({
    receiptCode: z.string(),
    status: z.enum(CASE_STATUSES),
    statusLabel: bilingual,
    receivedOn: z.string(),
    steps: z.array(z.object({ step: z.string(), on: z.string() })),
    nextDeadline: deadline,
    handlingDepartment: z.nullable(z.object({ code: z.string(), name: bilingual })),
    repeatCount: z.int(),
  });
  const named = z.object({ code: z.string(), name: bilingual });
  const publicConfig = z.object({
    region: z.object({ code: z.string(), name: bilingual }),
    townships: z.array(named),
    categories: z.array(named),
    departments: z.array(named),
    channels: z.array(z.enum(CHANNELS)),
  });
  const timelineEvent = z.object({
    seq: z.int(),
    type: z.string(),
    at: z.string(),
    actor: z.object({ kind: z.string(), id: z.optional(z.string()) }),
    data: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  });
  const caseView = z.object({
    case: z.record(z.string(), z.unknown()),
    openTasks: z.array(z.record(z.string(), z.unknown())),
    petitioner: z.nullable(z.record(z.string(), z.unknown())),
    deadlines: z.array(z.record(z.string(), z.unknown())),
    timeline: z.array(timelineEvent),
  });
  const similarList = z.object({
    similar: z.array(
      z.object({
        caseId: z.string(),
        subject: z.string(),
        status: z.enum(CASE_STATUSES),
        channel: z.string(),
        receivedAt: z.string(),
        duplicateOf: z.nullable(z.string()),
        score: z.number(),
      }),
    ),
  });

  const caseResult = z.object({ case: z.record(z.string(), z.unknown()) });
  return {
    bilingual,
    errorBody,
    deadline,
    intakeResult,
    publicStatus,
    named,
    publicConfig,
    timelineEvent,
    caseView,
    similarList,
    caseResult,
  };
});
export type ResponseSchemas = ReturnType<typeof responseSchemas>;

type Response = Route['responses'][number];
const errorBody = (r: ResponseSchemas) => r.errorBody;
const invalid: Response = {
  description: 'Invalid input, every failing field listed (Chinese and English)',
  schema: errorBody,
};
const unauthorized: Response = { description: 'Missing or invalid staff token', schema: errorBody };
const forbidden: Response = { description: 'The token lacks a role for this route', schema: errorBody };
const caseNotFound: Response = { description: 'No such case', schema: errorBody };
const bodyErrors: Record<number, Response> = {
  413: { description: 'Body over the size limit', schema: errorBody },
  415: { description: 'Body is not JSON', schema: errorBody },
};
const STAFF = STAFF_ROLES;
const INTAKE_STAFF = ['clerk', 'supervisor', 'admin'] as const satisfies readonly StaffRole[];

export const routes: Route[] = [
  {
    method: 'POST',
    path: '/petitions',
    function: 'intake',
    operationId: 'submitPetition',
    summary: 'Submit a petition on the public web form (網上信訪)',
    body: (s) => s.webPetition,
    responses: {
      201: { description: 'A new case file was opened', schema: (r) => r.intakeResult },
      200: {
        description: 'The matter is already on file; this submission joined it',
        schema: (r) => r.intakeResult,
      },
      400: invalid,
      ...bodyErrors,
      422: { description: 'Idempotency-Key reused with a different body', schema: (r) => r.errorBody },
    },
  },
  {
    method: 'POST',
    path: '/cases',
    function: 'intake',
    operationId: 'registerCase',
    summary: 'Register a letter, visit, phone call or referral (staff)',
    roles: INTAKE_STAFF,
    body: (s) => s.staffCase,
    responses: {
      201: { description: 'A new case file was opened', schema: (r) => r.intakeResult },
      200: {
        description: 'The matter is already on file; this submission joined it',
        schema: (r) => r.intakeResult,
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      ...bodyErrors,
      422: { description: 'Idempotency-Key reused with a different body', schema: (r) => r.errorBody },
    },
  },
  {
    method: 'GET',
    path: '/petitions/{receiptCode}',
    function: 'intake',
    operationId: 'checkStatus',
    summary: 'Check progress with the receipt code and the last 4 digits of the phone',
    params: (s) => s.receiptPath,
    query: (s) => s.verifierQuery,
    responses: {
      200: { description: 'Public status: no personal data', schema: (r) => r.publicStatus },
      400: invalid,
      404: {
        description: 'Unknown code, wrong verifier or temporarily locked (one answer)',
        schema: (r) => r.errorBody,
      },
    },
  },
  {
    method: 'GET',
    path: '/cases/{id}',
    function: 'cases',
    operationId: 'readCase',
    summary: 'Read a case file with its timeline (staff)',
    roles: STAFF,
    params: (s) => s.caseIdPath,
    responses: {
      200: { description: 'The case file', schema: (r) => r.caseView },
      400: invalid,
      401: unauthorized,
      404: caseNotFound,
    },
  },
  {
    method: 'GET',
    path: '/cases/{id}/timeline',
    function: 'cases',
    operationId: 'readTimeline',
    summary: "A case's hash-chained timeline and whether the chain is intact (staff)",
    roles: STAFF,
    params: (s) => s.caseIdPath,
    responses: {
      200: {
        description: 'The timeline',
        schema: (r) =>
          z.object({
            timeline: z.array(r.timelineEvent),
            intact: z.boolean(),
            firstTampered: z.nullable(z.object({ seq: z.int(), reason: z.string() })),
          }),
      },
      400: invalid,
      401: unauthorized,
      404: caseNotFound,
    },
  },
  {
    method: 'GET',
    path: '/cases/{id}/similar',
    function: 'cases',
    operationId: 'findSimilar',
    summary: 'Similar matters in the same township and category (bureau staff; not departments)',
    roles: ['clerk', 'supervisor', 'official', 'admin', 'auditor'],
    params: (s) => s.caseIdPath,
    responses: {
      200: { description: 'Similar cases, most similar first', schema: (r) => r.similarList },
      400: invalid,
      401: unauthorized,
      404: caseNotFound,
    },
  },
  {
    method: 'PUT',
    path: '/cases/{id}/duplicate-of',
    function: 'cases',
    operationId: 'linkDuplicate',
    summary: 'Link this case into another as a duplicate (staff)',
    roles: INTAKE_STAFF,
    params: (s) => s.caseIdPath,
    body: (s) => s.linkDuplicate,
    responses: {
      200: { description: 'Linked', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: {
        description: 'Self-link, already linked, or the target is itself a duplicate',
        schema: (r) => r.errorBody,
      },
      ...bodyErrors,
    },
  },
  {
    method: 'DELETE',
    path: '/cases/{id}/duplicate-of',
    function: 'cases',
    operationId: 'unlinkDuplicate',
    summary: 'Undo a duplicate link, with a reason (staff)',
    roles: INTAKE_STAFF,
    params: (s) => s.caseIdPath,
    body: (s) => s.unlinkDuplicate,
    responses: {
      200: { description: 'Unlinked', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: { description: 'The case is not linked', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/cases/{id}/transitions',
    function: 'cases',
    operationId: 'takeStep',
    summary: 'Take the next step of the procedure (accept, refer, assign, opinion, review...)',
    roles: ['clerk', 'supervisor', 'department'],
    params: (s) => s.caseIdPath,
    body: (s) => s.transition,
    responses: {
      200: { description: 'The case after the step', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: {
        description: 'Not allowed in the current state (the allowed next steps are named)',
        schema: (r) => r.errorBody,
      },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/cases/{id}/owner/claim',
    function: 'cases',
    operationId: 'claimCase',
    summary: 'An official takes the case on as its owner (自選包案)',
    roles: ['official'],
    params: (s) => s.caseIdPath,
    responses: {
      200: { description: 'Claimed', schema: (r) => r.caseResult },
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: { description: 'The case already has an owner', schema: (r) => r.errorBody },
    },
  },
  {
    method: 'PUT',
    path: '/cases/{id}/owner',
    function: 'cases',
    operationId: 'assignOwner',
    summary: 'A supervisor names the owner; replacing one before resolution needs a reason',
    roles: ['supervisor'],
    params: (s) => s.caseIdPath,
    body: (s) => s.assignOwner,
    responses: {
      200: { description: 'Owner set', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: {
        description: 'Owner locked (no reason given) or the official is recused',
        schema: (r) => r.errorBody,
      },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/cases/{id}/instructions',
    function: 'cases',
    operationId: 'instruct',
    summary: "The owner's instruction (批示) on the case",
    roles: ['official'],
    params: (s) => s.caseIdPath,
    body: (s) => s.instruction,
    responses: {
      200: { description: 'Recorded on the timeline', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/cases/{id}/recusals',
    function: 'cases',
    operationId: 'recuse',
    summary: 'Declare an interest (迴避): the person may neither own nor handle the case',
    roles: ['supervisor', 'official', 'department'],
    params: (s) => s.caseIdPath,
    body: (s) => s.recusal,
    responses: {
      200: { description: 'Recorded', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: {
        description: 'Only your own interest, and not the owner before a change',
        schema: (r) => r.errorBody,
      },
      ...bodyErrors,
    },
  },
  {
    method: 'GET',
    path: '/cases/{id}/notices',
    function: 'cases',
    operationId: 'listNotices',
    summary: 'Notices sent or pending for the case, with their delivery state',
    roles: ['clerk', 'supervisor', 'auditor'],
    params: (s) => s.caseIdPath,
    responses: {
      200: {
        description: 'The notices',
        schema: () => z.object({ notices: z.array(z.record(z.string(), z.unknown())) }),
      },
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
    },
  },
  {
    method: 'POST',
    path: '/petitions/{receiptCode}/rating',
    function: 'intake',
    operationId: 'rateHandling',
    summary: 'The petitioner rates the handling once an opinion was issued',
    params: (s) => s.receiptPath,
    body: (s) => s.rating,
    responses: {
      200: {
        description: 'Recorded; the answer reminds of the next step open to the petitioner',
        schema: (r) =>
          z.object({
            rating: z.enum(RATINGS),
            opinion: z.string(),
            qualityReview: z.boolean(),
            reminder: r.bilingual,
          }),
      },
      400: invalid,
      404: {
        description: 'Unknown code, wrong verifier or temporarily locked (one answer)',
        schema: (r) => r.errorBody,
      },
      409: { description: 'No opinion yet, or this opinion was already rated', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/cases/{id}/joint-reviews',
    function: 'cases',
    operationId: 'conveneJointReview',
    summary: 'Convene a joint review (集體會診) of a hard case',
    roles: ['supervisor'],
    params: (s) => s.caseIdPath,
    body: (s) => s.jointReview,
    responses: {
      200: { description: 'Convened', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: { description: 'The case is over', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'PUT',
    path: '/cases/{id}/joint-reviews/{reviewId}/minutes',
    function: 'cases',
    operationId: 'recordJointReviewMinutes',
    summary: 'Minutes: root cause, direction, decisions; a decision with a department and date is a task',
    roles: ['supervisor'],
    params: (s) => s.jointReviewPath,
    body: (s) => s.minutes,
    responses: {
      200: { description: 'Recorded; tasks join the deadline check', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: {
        description: 'No such review, minutes already recorded, or a task to an accused department',
        schema: (r) => r.errorBody,
      },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/cases/{id}/tasks/{taskId}/done',
    function: 'cases',
    operationId: 'completeTask',
    summary: 'A department reports its joint-review task done',
    roles: ['department', 'supervisor'],
    params: (s) => s.taskPath,
    body: (s) => s.taskDone,
    responses: {
      200: { description: 'Done; its deadline leaves the check', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: { description: 'No such task, or already done', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'PUT',
    path: '/cases/{id}/backlog',
    function: 'cases',
    operationId: 'listInBacklog',
    summary: "List a case in a year's backlog drive (積案)",
    roles: ['supervisor'],
    params: (s) => s.caseIdPath,
    body: (s) => s.backlog,
    responses: {
      200: { description: 'Listed', schema: (r) => r.caseResult },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: caseNotFound,
      409: { description: 'Already listed', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'GET',
    path: '/backlog/{year}',
    function: 'cases',
    operationId: 'backlogProgress',
    summary: "A year's backlog drive: resolved of listed, against the target",
    roles: ['supervisor', 'admin', 'auditor'],
    params: (s) => s.yearPath,
    responses: {
      200: {
        description: 'Progress, as in "32 of 68, 47%"',
        schema: (r) =>
          z.object({
            year: z.int(),
            listed: z.int(),
            resolved: z.int(),
            ratePercent: z.int(),
            summary: r.bilingual,
            target: z.nullable(z.int()),
            cases: z.array(z.record(z.string(), z.unknown())),
          }),
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
    },
  },
  {
    method: 'POST',
    path: '/deadline-checks',
    function: 'cases',
    operationId: 'checkDeadlines',
    summary: 'Run the deadline check now (it also runs every 15 minutes)',
    roles: ['supervisor', 'admin'],
    responses: {
      200: {
        description: 'What the check read and recorded',
        schema: () =>
          z.object({
            today: z.string(),
            itemsRead: z.int(),
            deadlinesDue: z.int(),
            overdue: z.int(),
            escalations: z.int(),
            alreadyRecorded: z.int(),
          }),
      },
      401: unauthorized,
      403: forbidden,
    },
  },
  {
    method: 'GET',
    path: '/reception-days',
    function: 'reception',
    operationId: 'receptionDays',
    summary: 'Published reception days (領導接訪日): dates, names and titles',
    query: (s) => s.dateRangeQuery,
    responses: {
      200: {
        description: 'The days in the range',
        schema: (r) =>
          z.object({
            days: z.array(
              z.object({
                date: z.string(),
                officials: z.array(z.object({ name: z.string(), title: r.bilingual })),
              }),
            ),
          }),
      },
      400: invalid,
    },
  },
  {
    method: 'PUT',
    path: '/reception/officials',
    function: 'reception',
    operationId: 'setReceivingOfficials',
    summary: 'The officials who receive the public',
    roles: ['admin'],
    body: (s) => s.receivingOfficials,
    responses: {
      200: { description: 'Saved', schema: () => z.object({ officialIds: z.array(z.string()) }) },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/reception/absences',
    function: 'reception',
    operationId: 'recordAbsence',
    summary: "A receiving official's absence; published days get a free official instead",
    roles: ['admin', 'supervisor'],
    body: (s) => s.absence,
    responses: {
      200: {
        description: 'The days that changed, and any left with fewer than two',
        schema: () => z.record(z.string(), z.unknown()),
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      409: { description: 'Ends before it starts', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/reception/calendar/{year}',
    function: 'reception',
    operationId: 'publishYear',
    summary: 'Generate and publish a year of reception days (two officials every working day)',
    roles: ['admin'],
    params: (s) => s.yearPath,
    body: (s) => s.publishYear,
    responses: {
      200: {
        description: 'Published, with the coverage report',
        schema: () => z.record(z.string(), z.unknown()),
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      409: { description: 'Already published (send replace: true)', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'POST',
    path: '/reception/swaps',
    function: 'reception',
    operationId: 'swapReceptionDay',
    summary: 'One official hands a reception day to another',
    roles: ['admin', 'supervisor'],
    body: (s) => s.swap,
    responses: {
      200: { description: 'The day after the swap', schema: () => z.record(z.string(), z.unknown()) },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: { description: 'Not a published reception day', schema: (r) => r.errorBody },
      409: { description: 'Not on that day, already there, or absent', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'GET',
    path: '/reception/coverage/{year}',
    function: 'reception',
    operationId: 'receptionCoverage',
    summary: 'Working days with fewer than two receiving officials, and with none',
    roles: ['admin', 'supervisor'],
    params: (s) => s.yearPath,
    responses: {
      200: {
        description: 'Coverage',
        schema: () =>
          z.object({
            year: z.int(),
            workingDays: z.int(),
            fewerThanTwo: z.array(z.string()),
            none: z.array(z.string()),
          }),
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
    },
  },
  {
    method: 'POST',
    path: '/reception/triage',
    function: 'reception',
    operationId: 'triage',
    summary:
      'Triage a visitor at the desk: the owner, the due date, where to go first, or registration and the queue',
    roles: ['clerk', 'supervisor'],
    body: (s) => s.triage,
    responses: {
      200: { description: 'The decision', schema: () => z.record(z.string(), z.unknown()) },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      404: { description: 'Unknown receipt code and no petition', schema: (r) => r.errorBody },
      ...bodyErrors,
    },
  },
  {
    method: 'GET',
    path: '/reception/queue',
    function: 'reception',
    operationId: 'receptionQueue',
    summary: "The desk's queue for a day: first-time petitioners first",
    roles: ['clerk', 'supervisor'],
    query: (s) => s.dateQuery,
    responses: {
      200: {
        description: 'The queue in order',
        schema: () => z.object({ queue: z.array(z.record(z.string(), z.unknown())) }),
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
    },
  },
  {
    method: 'GET',
    path: '/reports/summary',
    function: 'reports',
    operationId: 'summaryReport',
    summary:
      'Figures of a period against the same period last year and the targets (Accept: text/csv for CSV)',
    roles: ['supervisor', 'admin', 'auditor'],
    query: (s) => s.monthRangeQuery,
    responses: {
      200: {
        description: 'The report (JSON, or CSV in UTF-8 with a byte-order mark)',
        schema: () => z.record(z.string(), z.unknown()),
      },
      400: invalid,
      401: unauthorized,
      403: forbidden,
      409: { description: 'More than 24 months', schema: (r) => r.errorBody },
    },
  },
  {
    method: 'GET',
    path: '/reports/annual/{year}',
    function: 'reports',
    operationId: 'annualReport',
    summary: 'The annual report (regulation art. 41) (Accept: text/csv for CSV)',
    roles: ['supervisor', 'admin', 'auditor'],
    params: (s) => s.yearPath,
    responses: {
      200: { description: 'The annual report', schema: () => z.record(z.string(), z.unknown()) },
      400: invalid,
      401: unauthorized,
      403: forbidden,
    },
  },
  {
    method: 'GET',
    path: '/config/public',
    function: 'meta',
    operationId: 'publicConfig',
    summary: "The region's townships, categories and departments for the web form",
    responses: {
      200: { description: 'Codes with Chinese and English names', schema: (r) => r.publicConfig },
    },
  },
  {
    method: 'GET',
    path: '/health',
    function: 'meta',
    operationId: 'health',
    summary: 'Answers 200 when the table is reachable',
    responses: {
      200: { description: 'Healthy', schema: () => z.object({ status: z.literal('ok') }) },
      503: { description: 'The table is unreachable', schema: (r) => r.errorBody },
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    function: 'meta',
    operationId: 'openapi',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  },
];

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;
