// Published reception days (領導接訪日): the public calendar, and its upkeep by the office.
import * as z from 'zod/mini';
import {
  coverageReport,
  publicReceptionDays,
  publishYear,
  recordAbsence,
  setReceivingOfficials,
  swapReceptionDay,
} from '../../shared/usecases/reception.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute } from '../http/define-route.ts';
import { isoDate, officialId, responses, text, yearPath } from '../http/schemas.ts';

const ok = (body: unknown) => ({ statusCode: 200, body });

export const receptionDays = defineRoute({
  route: 'GET /reception-days',
  operationId: 'receptionDays',
  summary: 'Published reception days (領導接訪日): dates, names and titles',
  access: 'public',
  request: () => ({
    query: z.strictObject({ from: isoDate, to: isoDate }).check(
      z.refine((q) => q.from <= q.to && Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
        ...rule(
          '日期範圍須為一年以內且起始不晚於結束。',
          'The range must run forward and span at most a year.',
        ),
        path: ['to'],
      }),
    ),
  }),
  responses: {
    200: {
      description: 'The days in the range',
      schema: () =>
        z.object({
          days: z.array(
            z.object({
              date: z.string(),
              officials: z.array(z.object({ name: z.string(), title: responses().bilingual })),
            }),
          ),
        }),
    },
  },
  action: async ({ query }, ctx) => ({
    ...ok({ days: await publicReceptionDays(ctx, query.from, query.to) }),
    headers: { 'cache-control': 'public, max-age=300' },
  }),
});

export const setReceivers = defineRoute({
  route: 'PUT /reception/officials',
  operationId: 'setReceivingOfficials',
  summary: 'The officials who receive the public',
  access: ['admin'],
  request: (region) => ({
    body: z.strictObject({
      officialIds: z.array(officialId(region)).check(z.minLength(1), z.maxLength(100)),
    }),
  }),
  responses: {
    200: { description: 'Saved', schema: () => z.object({ officialIds: z.array(z.string()) }) },
  },
  action: async ({ body }, ctx) => ok(await setReceivingOfficials(ctx, body.officialIds)),
});

export const noteAbsence = defineRoute({
  route: 'POST /reception/absences',
  operationId: 'recordAbsence',
  summary: "A receiving official's absence; published days get a free official instead",
  access: ['admin', 'supervisor'],
  request: (region) => ({
    body: z.strictObject({
      officialId: officialId(region),
      from: isoDate,
      to: isoDate,
      reason: text(2, 500),
    }),
  }),
  responses: {
    200: {
      description: 'The days that changed, and any left with fewer than two',
      schema: () =>
        z.object({
          changed: z.array(z.object({ date: z.string(), officials: z.array(z.string()) })),
          fewerThanTwo: z.array(z.string()),
        }),
    },
  },
  errors: { 409: 'Ends before it starts, or a day changed meanwhile' },
  action: async ({ body }, ctx) => ok(await recordAbsence(ctx, body)),
});

export const publishCalendar = defineRoute({
  route: 'POST /reception/calendar/{year}',
  operationId: 'publishYear',
  summary: 'Generate and publish a year of reception days (two officials every working day)',
  access: ['admin'],
  request: () => ({ params: yearPath, body: z.strictObject({ replace: z.optional(z.boolean()) }) }),
  responses: {
    200: {
      description: 'Published, with the coverage report',
      schema: () =>
        z.object({
          year: z.int(),
          days: z.int(),
          coverage: z.object({
            workingDays: z.int(),
            fewerThanTwo: z.array(z.string()),
            none: z.array(z.string()),
          }),
        }),
    },
  },
  errors: { 409: 'Already published (send replace: true)' },
  action: async ({ params, body }, ctx) => ok(await publishYear(ctx, params.year, body.replace ?? false)),
});

export const swapDay = defineRoute({
  route: 'POST /reception/swaps',
  operationId: 'swapReceptionDay',
  summary: 'One official hands a reception day to another',
  access: ['admin', 'supervisor'],
  request: (region) => ({
    body: z.strictObject({ date: isoDate, out: officialId(region), in: officialId(region) }),
  }),
  responses: {
    200: {
      description: 'The day after the swap',
      schema: () => z.object({ date: z.string(), officials: z.array(z.string()) }),
    },
  },
  errors: {
    404: 'Not a published reception day',
    409: 'Not on that day, already there, absent, or the day changed meanwhile',
  },
  action: async ({ body }, ctx) => ok(await swapReceptionDay(ctx, body.date, body.out, body.in)),
});

export const coverage = defineRoute({
  route: 'GET /reception/coverage/{year}',
  operationId: 'receptionCoverage',
  summary: 'Working days with fewer than two receiving officials, and with none',
  access: ['admin', 'supervisor'],
  request: () => ({ params: yearPath }),
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
  },
  action: async ({ params }, ctx) => ok(await coverageReport(ctx, params.year)),
});
