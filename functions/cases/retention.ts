// Retention (保管期限): legal holds, the archivist's look-up of restricted personal data, and
// the disposal lists the archive officer approves. The scheduled retention job does the rest.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { RETENTION_CLASSES } from '../../shared/domain/case.ts';
import {
  decideDisposalList,
  disposalList,
  disposalLists,
  drawUpDisposalList,
  liftHold,
  lookUpRestricted,
  placeHold,
  runRetention,
} from '../../shared/usecases/retention.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, isoDate, responses, text } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

const reason = z.strictObject({ reason: text(2, 2000) });

export const holdCase = defineRoute({
  route: 'POST /cases/{id}/hold',
  operationId: 'placeLegalHold',
  summary: 'Place a legal hold (保全): restriction and disposal stop until it is lifted',
  access: rolesFor('hold'),
  request: () => ({ params: caseIdPath, body: reason }),
  responses: caseChanged('Held'),
  errors: { 404: NO_SUCH_CASE, 409: 'Already held, or already disposed of' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await placeHold(ctx, params.id, body.reason, staff)),
});

export const liftCaseHold = defineRoute({
  route: 'POST /cases/{id}/hold/lifting',
  operationId: 'liftLegalHold',
  summary: 'Lift a legal hold, with the reason',
  access: rolesFor('lift_hold'),
  request: () => ({ params: caseIdPath, body: reason }),
  responses: caseChanged('Lifted: the retention schedule runs again'),
  errors: { 404: NO_SUCH_CASE, 409: 'Not on hold' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await liftHold(ctx, params.id, body.reason, staff)),
});

export const restrictedLookUp = defineRoute({
  route: 'POST /cases/{id}/restricted-lookup',
  operationId: 'lookUpRestricted',
  summary: "An archivist reads a restricted case's personal data, with a reason (in the read log)",
  access: rolesFor('look_up_restricted'),
  request: () => ({ params: caseIdPath, body: reason }),
  responses: {
    200: {
      description: 'The personal record',
      schema: () => z.object({ personal: responses().personalRecord }),
    },
  },
  errors: { 404: NO_SUCH_CASE, 409: 'Not restricted' },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 200,
    body: { personal: await lookUpRestricted(ctx, params.id, body.reason, staff) },
  }),
});

const listSchema = () =>
  z.object({
    listId: z.string(),
    year: z.int(),
    number: z.int(),
    asOf: z.string(),
    generatedAt: z.string(),
    generatedBy: z.string(),
    state: z.enum(['proposed', 'approved', 'withdrawn']),
    decision: z.optional(
      z.object({ state: z.enum(['approved', 'withdrawn']), by: z.string(), at: z.string() }),
    ),
    disposed: z.array(z.string()),
    cases: z.array(
      z.object({
        caseId: z.string(),
        class: z.enum(RETENTION_CLASSES),
        receivedOn: z.string(),
        closedOn: z.string(),
        disposeOn: z.string(),
        duplicates: z.array(z.string()),
      }),
    ),
  });
const listIdPath = z.strictObject({ listId: z.string().check(z.regex(/^\d{4}-\d{3,}$/)) });
const ARCHIVE = ['archivist'] as const;
const NO_SUCH_LIST = 'No such disposal list';

export const listDisposalLists = defineRoute({
  route: 'GET /disposal-lists',
  operationId: 'listDisposalLists',
  summary: 'The disposal lists (銷毀清冊), newest first',
  access: ARCHIVE,
  request: () => ({}),
  responses: { 200: { description: 'The lists', schema: () => z.object({ lists: z.array(listSchema()) }) } },
  action: async ({ staff }, ctx) => ({ statusCode: 200, body: { lists: await disposalLists(ctx, staff) } }),
});

export const drawUpList = defineRoute({
  route: 'POST /disposal-lists',
  operationId: 'drawUpDisposalList',
  summary: 'Draw up a disposal list of what is due now (the daily job does the same)',
  access: ARCHIVE,
  request: () => ({}),
  responses: { 201: { description: 'Drawn up; another person approves it', schema: listSchema } },
  errors: { 409: 'Nothing due, or another list waits for approval' },
  action: async ({ staff }, ctx) => ({ statusCode: 201, body: await drawUpDisposalList(ctx, staff) }),
});

export const readDisposalList = defineRoute({
  route: 'GET /disposal-lists/{listId}',
  operationId: 'readDisposalList',
  summary: 'One disposal list: its cases (no personal data), its state, what is done',
  access: ARCHIVE,
  request: () => ({ params: listIdPath }),
  responses: { 200: { description: 'The list', schema: listSchema } },
  errors: { 404: NO_SUCH_LIST },
  action: async ({ params, staff }, ctx) => ({
    statusCode: 200,
    body: await disposalList(ctx, params.listId, staff),
  }),
});

export const decideList = defineRoute({
  route: 'POST /disposal-lists/{listId}/decision',
  operationId: 'decideDisposalList',
  summary: 'Approve a proposed list (someone other than who drew it up), or withdraw it',
  access: ARCHIVE,
  request: () => ({
    params: listIdPath,
    body: z.strictObject({ decision: z.enum(['approved', 'withdrawn']) }),
  }),
  responses: {
    200: { description: 'Decided; an approved list is carried out by the next run', schema: listSchema },
  },
  errors: {
    404: NO_SUCH_LIST,
    409: 'Decided already, drawn up by the same person, or a case on it is held',
  },
  action: async ({ params, body, staff }, ctx) => ({
    statusCode: 200,
    body: await decideDisposalList(ctx, params.listId, body.decision, staff),
  }),
});

export const previewRetention = defineRoute({
  route: 'GET /retention/preview',
  operationId: 'previewRetention',
  summary: 'What the retention run would restrict and list for disposal as of a day; changes nothing',
  access: ['archivist', 'admin'],
  request: () => ({ query: z.strictObject({ asOf: z.optional(isoDate) }) }),
  responses: {
    200: {
      description: 'The dry run',
      schema: () =>
        z.object({
          asOf: z.string(),
          dryRun: z.boolean(),
          restricted: z.array(z.string()),
          dueForDisposal: z.array(
            z.object({ caseId: z.string(), class: z.enum(RETENTION_CLASSES), disposeOn: z.string() }),
          ),
          listed: z.nullable(z.string()),
          disposed: z.array(z.string()),
          itemsRead: z.int(),
        }),
    },
  },
  action: async ({ query }, ctx) => ({
    statusCode: 200,
    body: await runRetention(ctx, { ...(query.asOf && { asOf: query.asOf }), dryRun: true }),
  }),
});
