// Reports function: the summary of a period and the annual report, as JSON or CSV.
import { reportRows, toCsv } from '../shared/domain/report.ts';
import { annualReport, summary } from '../shared/usecases/reports.ts';
import { type HttpRequest, type HttpResult, httpFunction } from './http/http-function.ts';

const wantsCsv = (request: HttpRequest) => (request.headers.accept ?? '').includes('text/csv');

function answer(request: HttpRequest, body: unknown, rows: string[][], filename: string): HttpResult {
  if (!wantsCsv(request)) return { statusCode: 200, body };
  return {
    statusCode: 200,
    body: undefined,
    text: { contentType: 'text/csv; charset=utf-8', body: toCsv(rows) },
    headers: { 'content-disposition': `attachment; filename="${filename}"` },
  };
}

export const handler = httpFunction('reports', {
  'GET /reports/summary': async (request, ctx) => {
    const { from, to } = request.query as { from: string; to: string };
    const { report, itemsRead } = await summary(ctx, from, to);
    return answer(request, { ...report, itemsRead }, reportRows(report), `petition-report-${from}-${to}.csv`);
  },
  'GET /reports/annual/{year}': async (request, ctx) => {
    const year = Number((request.params as { year: string }).year);
    const annual = await annualReport(ctx, year);
    return answer(request, annual, reportRows(annual.report), `petition-annual-report-${year}.csv`);
  },
});
