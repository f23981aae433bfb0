// The SMS provider's delivery reports: each is recorded on its notice once; a report that the
// SMS was not received puts the notice in the print queue, so it goes by post instead.
import type { SmsReport } from '../domain/notices.ts';
import type { UseCaseContext } from './context.ts';

export interface ReportedSms {
  sent: { caseId: string; noticeId: string } | { providerMessageId: string };
  report: SmsReport;
}

export async function recordSmsReports(ctx: UseCaseContext, reports: ReportedSms[]) {
  const outcomes = await Promise.all(reports.map((r) => ctx.store.outbox.recordSmsReport(r.sent, r.report)));
  return {
    recorded: outcomes.filter((o) => o === 'recorded').length,
    unknown: outcomes.filter((o) => o === 'unknown').length,
  };
}
