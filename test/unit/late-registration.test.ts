import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { lateRegistration } from '../../shared/domain/late-registration.ts';
import { loadRegionConfig } from '../../shared/region.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
// 00:30 on 2026-12-31 in Beijing (the 30th in UTC).
const now = new Date('2026-12-30T16:30:00Z');

describe('a late registration (the sample county: 30 days, live since 2024-01-01)', () => {
  it("counts the days in the region's dates: received on 12-01, registered on 12-31 is 30 days", () => {
    expect(lateRegistration({ receivedAt: '2026-12-01T23:50:00+08:00' }, now, region)).toEqual({});
  });

  it('asks a reason from the 31st day, and keeps it with the days', () => {
    const silent = lateRegistration({ receivedAt: '2026-11-30T10:00:00+08:00' }, now, region);
    const reasoned = lateRegistration(
      { receivedAt: '2026-11-30T10:00:00+08:00', lateReason: '误投他处' },
      now,
      region,
    );

    expect(silent).toMatchObject({ problem: { field: 'lateReason', code: 'late_registration' } });
    expect(reasoned).toEqual({ late: { days: 31, reason: '误投他处' } });
  });

  it('refuses anything received before the office went live, reason or not', () => {
    expect(
      lateRegistration({ receivedAt: '2023-12-31T23:59:00+08:00', lateReason: '旧档案' }, now, region),
    ).toMatchObject({ problem: { field: 'receivedAt', code: 'before_go_live' } });
    expect(
      lateRegistration({ receivedAt: '2024-01-01T00:00:00+08:00', lateReason: '旧档案' }, now, region),
    ).toMatchObject({ late: { reason: '旧档案' } });
  });
});
