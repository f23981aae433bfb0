// Reading a case file: the whole file, its verified timeline, its notices, and similar
// matters filed by others. A case hidden from the caller (art. 30) is not found.
import * as z from 'zod/mini';
import { STAFF_ROLES } from '../../shared/auth.ts';
import { actsNow, CASE_VIEWS, caseAsSeenBy, rolesFor, viewsNow } from '../../shared/domain/access.ts';
import { attachmentView } from '../../shared/domain/attachments.ts';
import { addendaOf, CASE_STATUSES } from '../../shared/domain/case.ts';
import { DATA_REQUEST_KINDS } from '../../shared/domain/data-rights.ts';
import { openTasks } from '../../shared/domain/joint-review.ts';
import { DELIVERY_METHODS } from '../../shared/domain/notices.ts';
import { GRAVITY_GROUNDS, gravityOf } from '../../shared/domain/sign-off.ts';
import { text } from '../../shared/domain/text-field.ts';
import { readCaseAs, readNotices, readTimeline } from '../../shared/usecases/read-case-file.ts';
import { checkLikelyRepeatAs, findSimilar, similarToDraft } from '../../shared/usecases/similar-matters.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, categoryCode, responses, townshipCode } from '../http/schemas.ts';
import { NO_SUCH_CASE } from './answers.ts';

const ok = (body: unknown) => ({ statusCode: 200, body });

export const readCase = defineRoute({
  route: 'GET /cases/{id}',
  operationId: 'readCase',
  summary: 'Read a case file with its timeline (staff)',
  access: STAFF_ROLES,
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description: 'The case file; personal data masked unless the role needs it (and the read recorded)',
      schema: () => {
        const r = responses();
        return z.object({
          case: r.caseRecord,
          openTasks: z.array(r.taskRecord),
          petitioner: z.nullable(r.personalRecord),
          personalMasked: z.boolean(),
          otherFiles: z.nullable(z.array(z.object({ caseId: z.string(), receivedAt: z.string() }))),
          deadlines: z.array(z.extend(r.deadlineRecord, { open: z.boolean() })),
          /** The escalations the deadline check recorded, each level of each deadline once. */
          escalations: z.array(
            z.object({ stage: z.string(), level: z.string(), dueDate: z.string(), on: z.string() }),
          ),
          addenda: z.array(
            z.object({
              seq: z.int(),
              channel: z.string(),
              receivedAt: z.string(),
              subject: z.string(),
              description: z.string(),
              requestedOutcome: z.optional(z.string()),
            }),
          ),
          timeline: z.array(r.timelineEvent),
          /** The case's files and where each stands (opened one at a time, each opening logged). */
          attachments: z.array(r.attachment),
          /** The petitioner's requests about their data; what they asked only for unmasked readers. */
          dataRequests: z.array(
            z.object({
              requestId: z.string(),
              kind: z.enum(DATA_REQUEST_KINDS),
              askedOn: z.string(),
              decision: z.optional(
                z.object({
                  granted: z.boolean(),
                  reason: z.string(),
                  by: z.string(),
                  at: z.string(),
                  on: z.string(),
                }),
              ),
              asked: z.nullable(
                z.object({
                  text: z.string(),
                  phone: z.optional(z.string()),
                  address: z.optional(z.string()),
                }),
              ),
            }),
          ),
          /** Ordinary or major, and why: whose sign-off its opinions need. */
          gravity: z.object({
            level: z.enum(['ordinary', 'major']),
            grounds: z.array(z.enum(GRAVITY_GROUNDS)),
          }),
          /** What the caller may do on the case now (each act is checked again when taken). */
          mayNow: z.array(z.string()),
          /** Which of the case's other views (and their casework) the caller may open. */
          mayView: z.array(z.enum(CASE_VIEWS)),
        });
      },
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) => {
    const {
      caseFile,
      personal,
      personalMasked,
      otherFiles,
      events,
      deadlines,
      escalations,
      attachments,
      dataRequests,
    } = await readCaseAs(ctx, params.id, staff);
    const now = ctx.now();
    return ok({
      case: caseAsSeenBy(staff, caseFile),
      openTasks: openTasks(caseFile),
      petitioner: personal ?? null,
      personalMasked,
      otherFiles,
      deadlines,
      escalations: escalations.map(({ stage, level, dueDate, on }) => ({ stage, level, dueDate, on })),
      addenda: addendaOf(events),
      timeline: events,
      attachments: attachments.map((a) => attachmentView(a, now)),
      dataRequests,
      gravity: gravityOf(caseFile, ctx.config.region),
      mayNow: actsNow(staff, caseFile),
      mayView: viewsNow(staff, caseFile),
    });
  },
});

export const readCaseTimeline = defineRoute({
  route: 'GET /cases/{id}/timeline',
  operationId: 'readTimeline',
  summary:
    "A case's hash-chained timeline and whether it holds: the chain, the case record, and the day's anchor (staff)",
  access: STAFF_ROLES,
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description: 'The timeline',
      schema: () =>
        z.object({
          timeline: z.array(responses().timelineEvent),
          intact: z.boolean(),
          firstTampered: z.nullable(z.object({ seq: z.int(), reason: z.string() })),
          /** The day's anchor the timeline was checked against, if one is kept for its last day. */
          anchor: z.nullable(z.object({ day: z.string(), digest: z.string() })),
        }),
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) => ok(await readTimeline(ctx, params.id, staff)),
});

const suggestion = () =>
  z.object({
    caseId: z.string(),
    subject: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.string(),
    receivedAt: z.string(),
    duplicateOf: z.nullable(z.string()),
    /** Ranks this case's suggestions (1 = the same text); not comparable across cases. */
    score: z.number(),
    why: z.object({ entities: z.array(z.string()), phrases: z.array(z.string()) }),
  });

export const findSimilarCases = defineRoute({
  route: 'GET /cases/{id}/similar',
  operationId: 'findSimilar',
  summary: 'Similar matters in the same township and category (bureau staff; not departments)',
  access: rolesFor('find_similar'),
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description: 'The cases most likely about the same matter, best first, each with why',
      schema: () =>
        z.object({
          similar: z.array(
            z.extend(suggestion(), {
              samePetitioner: z.nullable(z.boolean()),
              reviewed: z.nullable(z.enum(['confirmed', 'dismissed'])),
            }),
          ),
        }),
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) => ok({ similar: await findSimilar(ctx, params.id, staff) }),
});

export const checkRepeat = defineRoute({
  route: 'POST /cases/{id}/repeat-check',
  operationId: 'checkLikelyRepeat',
  summary:
    "Whether a new file may repeat the same person's earlier file of the same township and category, in other words (the receipt slip asks; every new file is checked after intake anyway)",
  access: ['clerk', 'supervisor'],
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description:
        'The earlier file it may repeat, recorded on the case for staff to confirm or dismiss; or null',
      schema: () =>
        z.object({
          likelyRepeatOf: z.nullable(
            z.object({ caseId: z.string(), receiptCode: z.string(), score: z.number(), on: z.string() }),
          ),
        }),
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) =>
    ok({ likelyRepeatOf: await checkLikelyRepeatAs(ctx, params.id, staff) }),
});

export const findSimilarToDraft = defineRoute({
  route: 'POST /similar-matters',
  operationId: 'findSimilarToDraft',
  summary: 'Files like a petition being registered, before it is filed (the clerk sees them while typing)',
  // Those who register petitions on someone's behalf (POST /cases).
  access: ['clerk', 'supervisor', 'admin'],
  request: (region) => ({
    body: z.strictObject({
      township: townshipCode(region),
      category: categoryCode(region),
      subject: text(1, 100),
      description: z._default(text(0, 5000), ''),
    }),
  }),
  responses: {
    200: {
      description: 'The filed cases most likely about the same matter, best first, each with why',
      schema: () => z.object({ similar: z.array(suggestion()) }),
    },
  },
  action: async ({ body, staff }, ctx) => ok({ similar: await similarToDraft(ctx, body, staff) }),
});

export const listCaseNotices = defineRoute({
  route: 'GET /cases/{id}/notices',
  operationId: 'listNotices',
  summary: 'Notices sent or pending for the case, with their delivery state',
  access: rolesFor('list_notices'),
  request: () => ({ params: caseIdPath }),
  responses: {
    200: {
      description: 'The notices',
      schema: () => {
        const r = responses();
        const notice = z.looseObject({
          noticeId: z.string(),
          caseId: z.string(),
          type: z.string(),
          state: z.enum(['pending', 'to_post', 'delivered']),
          createdAt: z.string(),
          recipient: z.looseObject({ kind: z.enum(['petitioner', 'staff']) }),
          text: r.bilingual,
          document: z.optional(
            z.object({ number: z.string(), issuedOn: z.string(), checkCode: z.optional(z.string()) }),
          ),
          signedBy: z.optional(z.object({ name: z.string(), title: r.bilingual })),
          delivery: z.optional(z.looseObject({ method: z.enum(DELIVERY_METHODS), on: z.string() })),
        });
        return z.object({ notices: z.array(notice) });
      },
    },
  },
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, staff }, ctx) => ok({ notices: await readNotices(ctx, params.id, staff) }),
});
