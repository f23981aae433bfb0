// What the petitioner sees with the receipt code: no personal data, no internal notes.
import type { RegionConfig } from '../region.ts';
import { type CaseFile, type Deadline, nextDeadlineOf, STATUS_LABELS } from './case.ts';
import { localDate } from './clock.ts';

/** A deadline as the petitioner is shown it. */
export function publicDeadline(deadline: Deadline | undefined) {
  return deadline
    ? { stage: deadline.stage, owedBy: deadline.owedBy, dueDate: deadline.dueDate, article: deadline.article }
    : null;
}

/** What anyone holding the receipt code may see: no personal data, no internal notes. */
export function publicStatus(caseFile: CaseFile, region: RegionConfig) {
  const department = caseFile.handlingDepartment
    ? region.departments.find((d) => d.code === caseFile.handlingDepartment)
    : undefined;
  return {
    receiptCode: caseFile.receiptCode,
    status: caseFile.status,
    statusLabel: STATUS_LABELS[caseFile.status],
    receivedOn: localDate(caseFile.receivedAt, region.region.timeZone),
    steps: caseFile.milestones,
    nextDeadline: publicDeadline(nextDeadlineOf(caseFile)),
    handlingDepartment: department ? { code: department.code, name: department.name } : null,
    repeatCount: caseFile.repeatCount,
  };
}
export type PublicStatus = ReturnType<typeof publicStatus>;
