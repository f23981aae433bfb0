// Reports from counters: the summary of a period and the annual report (art. 41), as JSON,
// or as CSV when the caller asks for it (Accept: text/csv), headed in the language asked for.
import * as z from 'zod/mini';
import { annualReport, summary } from '../../shared/usecases/reports.ts';
import { rule } from '../../shared/validation.ts';
import { defineRoute, type HttpResult } from '../http/define-route.ts';
import { responses, yearPath } from '../http/schemas.ts';
import { reportRows, toCsv } from './csv.ts';

const READERS = ['supervisor', 'admin', 'auditor'] as const;
const month = z.string().check(z.regex(/^20\d{2}-(0[1-9]|1[0-2])$/));
/** The language of a CSV export's headers and names (the JSON carries both). */
const lang = z.optional(z.enum(['zh', 'en']));

/** A figure with the same period last year (a count, or a rate: null when there is nothing to rate). */
const figure = () =>
  z.object({
    value: z.nullable(z.number()),
    lastYear: z.nullable(z.number()),
    change: z.nullable(z.number()),
    text: responses().bilingual,
    target: z.optional(z.number()),
  });
const byCode = () => z.record(z.string(), figure());

/** The summary as readers rely on it; its other sections pass as they are (a loose object). */
const summarySchema = () =>
  z.looseObject({
    period: z.object({ from: month, to: month, sameLastYear: z.object({ from: month, to: month }) }),
    received: z.looseObject({
      total: figure(),
      firstTime: figure(),
      repeat: figure(),
      registeredLate: figure(),
      byChannel: byCode(),
      byReferralLevel: byCode(),
      byCategory: byCode(),
      byTownship: byCode(),
    }),
    opinionsByOutcome: byCode(),
    onTime: z.looseObject({
      all: figure(),
      byDepartment: z.record(z.string(), z.looseObject({ onTimeRate: figure() })),
    }),
    openNow: z.record(z.string(), z.object({ open: z.number(), overdue: z.number() })),
    overdueNow: z.looseObject({ total: z.number(), atBureau: z.number() }),
    backlog: z.looseObject({ text: responses().bilingual }),
    ratings: z.looseObject({ satisfiedRate: figure(), byRating: byCode() }),
    dataRights: z.object({
      copies: figure(),
      correction: z.object({ asked: figure(), granted: figure(), refused: figure() }),
      deletion: z.object({ asked: figure(), granted: figure(), refused: figure() }),
    }),
  });

function answer(accept: string | undefined, body: unknown, rows: string[][], filename: string): HttpResult {
  if (!(accept ?? '').includes('text/csv')) return { statusCode: 200, body };
  return {
    statusCode: 200,
    body: undefined,
    text: { contentType: 'text/csv; charset=utf-8', body: toCsv(rows) },
    headers: { 'content-disposition': `attachment; filename="${filename}"` },
  };
}

export const summaryReport = defineRoute({
  route: 'GET /reports/summary',
  operationId: 'summaryReport',
  summary: 'Figures of a period against the same period last year and the targets (Accept: text/csv for CSV)',
  access: READERS,
  request: () => ({
    query: z.strictObject({ from: month, to: month, lang }).check(
      z.refine((q) => q.from <= q.to, {
        ...rule('起始月份不能晚於結束月份。', 'from must not be after to.'),
        path: ['to'],
      }),
    ),
  }),
  responses: {
    200: {
      description: 'The report (JSON, or CSV in UTF-8 with a byte-order mark)',
      schema: () => z.extend(summarySchema(), { itemsRead: z.int() }),
      alsoAs: 'text/csv',
    },
  },
  errors: { 409: 'More than 24 months' },
  action: async ({ query, headers }, ctx) => {
    const { report, itemsRead } = await summary(ctx, query.from, query.to);
    return answer(
      headers.accept,
      { ...report, itemsRead },
      reportRows(report, ctx.config.region, query.lang ?? 'zh'),
      `petition-report-${query.from}-${query.to}.csv`,
    );
  },
});

export const yearReport = defineRoute({
  route: 'GET /reports/annual/{year}',
  operationId: 'annualReport',
  summary: 'The annual report (regulation art. 41) (Accept: text/csv for CSV)',
  access: READERS,
  request: () => ({ params: yearPath, query: z.strictObject({ lang }) }),
  responses: {
    200: {
      description: 'The annual report',
      schema: () =>
        z.looseObject({
          title: responses().bilingual,
          basis: responses().bilingual,
          year: z.int(),
          sections: z.array(
            z.looseObject({
              key: z.string(),
              title: responses().bilingual,
              text: responses().bilingual,
              months: z.optional(z.array(z.object({ month: z.string(), received: z.number() }))),
            }),
          ),
          report: summarySchema(),
        }),
      alsoAs: 'text/csv',
    },
  },
  action: async ({ params, query, headers }, ctx) => {
    const annual = await annualReport(ctx, params.year);
    const language = query.lang ?? 'zh';
    return answer(
      headers.accept,
      annual,
      [
        [annual.title[language]],
        ...annual.sections.map((section) => [section.title[language], section.text[language]]),
        [],
        ...reportRows(annual.report, ctx.config.region, language),
      ],
      `petition-annual-report-${params.year}.csv`,
    );
  },
});
