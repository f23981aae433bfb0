// Registering a petition received long ago (逾期登記): clocks would start overdue and closed
// figures would change without anyone saying why. Past the region's limit it takes a reason,
// which the case shows and the reports count apart; before the office's go-live it is refused.
import type { FieldProblem } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { daysInclusive } from './clock.ts';
import { localDate } from './local-time.ts';

export interface LateRegistration {
  /** Days from receipt to registration, in the region's dates. */
  days: number;
  reason: string;
}

/** The case's record of a late registration, or the field problem that refuses it. */
export function lateRegistration(
  intake: { receivedAt: string; lateReason?: string | undefined },
  now: Date,
  region: RegionConfig,
): { late?: LateRegistration } | { problem: FieldProblem } {
  const { goLive, lateAfterDays } = region.registration;
  const receivedOn = localDate(intake.receivedAt, region.region.timeZone);
  if (receivedOn < goLive) {
    return {
      problem: {
        field: 'receivedAt',
        code: 'before_go_live',
        message: {
          zh: `收件日期早於本系統啟用日（${goLive}），不能在此登記。`,
          en: `Received before this office began recording here (${goLive}): it cannot be registered.`,
        },
      },
    };
  }
  const days = daysInclusive(receivedOn, localDate(now, region.region.timeZone)) - 1;
  if (days <= lateAfterDays) return {};
  if (!intake.lateReason) {
    return {
      problem: {
        field: 'lateReason',
        code: 'late_registration',
        message: {
          zh: `收件已${days}日，超過${lateAfterDays}日，須說明逾期登記的理由。`,
          en: `Received ${days} days ago, more than ${lateAfterDays}: give the reason it is registered only now.`,
        },
      },
    };
  }
  return { late: { days, reason: intake.lateReason } };
}
