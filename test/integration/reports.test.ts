// Reports: every figure checked against cases created through the API, CSV with Chinese
// intact, and a read cost that does not grow with the number of cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pepperSourceOf } from '../../functions/aws/peppers.ts';
import { functionContext } from '../../functions/context.ts';
import { createStore } from '../../shared/store/store.ts';
import { summary } from '../../shared/usecases/reports.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import { opinionFields, staffCase, webPetition } from '../fixtures/petitions.ts';
import { signedOpinion, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
// The functions' clock starts mid-month and runs on: the month's figures are the same whatever
// day the suite runs (on the 1st to the 9th, letters of the 10th would be in the future).
const clockStartsAt = '2026-06-15T10:00:00+08:00';
const thisMonth = '2026-06';
const lastYearMonth = '2025-06';
const midMonth = (month: string) => `${month}-10T10:00:00+08:00`;

beforeAll(async () => {
  api = await startTestApi({ clockStartsAt });
  auth.clerk = await api.as({ roles: ['clerk'] });
  auth.supervisor = await api.as({ roles: ['supervisor'] });
  auth.hrss = await api.as({ roles: ['department'], department: 'hrss' });
  auth.auditor = await api.as({ roles: ['auditor'] });
  auth.official = await api.as({ roles: ['official'], officialId: 'off-04' });
});
afterAll(async () => {
  await api.close();
});

const register = (overrides: Record<string, unknown>) =>
  api.call('POST', '/cases', { body: staffCase(overrides), headers: auth.clerk });
const step = (caseId: string, who: string, body: Record<string, unknown>) =>
  api.call('POST', `/cases/${caseId}/transitions`, { body, headers: auth[who] as Record<string, string> });
const opinion = (outcome: string) => ({ action: 'issue_opinion', ...opinionFields(outcome) });

describe('the summary report', () => {
  it('matches, figure by figure, the cases behind it and the same period last year', async () => {
    // Last year: 5 letters about labour in Liushu, registered late (a year on: each with a reason).
    for (let i = 0; i < 5; i++)
      await register({ receivedAt: midMonth(lastYearMonth), category: 'labour', lateReason: '旧信件补登' });
    // This month: 3 web forms, 2 letters, 1 visit, 2 referrals (city, province).
    const web = [webPetition(), webPetition(), webPetition({ category: 'labour', township: 'hedong' })];
    const ids: string[] = [];
    for (const petition of web)
      ids.push((await api.call('POST', '/petitions', { body: petition })).body.caseId);
    for (const channel of ['letter', 'letter', 'visit'] as const) {
      ids.push(
        (await register({ channel, receivedAt: midMonth(thisMonth), category: 'labour' })).body.caseId,
      );
    }
    for (const level of ['city', 'province'] as const) {
      const referral = {
        channel: 'referral',
        referral: { level, reference: `交〔2026〕${level}` },
        receivedAt: midMonth(thisMonth),
      };
      ids.push((await register(referral)).body.caseId);
    }
    // One repeat of a web petition.
    await api.call('POST', '/petitions', { body: web[0] });
    // Handling: 4 accepted, 1 referred, 1 not accepted; 2 assigned to hrss, 1 opinion on time.
    const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
    for (const id of [a, b, c, d]) await step(id, 'clerk', { action: 'accept', plan: '交辦' });
    await step(e, 'clerk', {
      action: 'refer',
      procedure: 'arbitration',
      where: '仲裁委',
      reason: '勞動爭議',
    });
    await step(f, 'clerk', { action: 'not_accept', reason: '非信訪事項' });
    for (const id of [a, b]) await step(id, 'supervisor', { action: 'assign', leadDepartment: 'hrss' });
    await signedOpinion(api, a, auth.hrss ?? {}, opinion('partly_supported'));
    const rate = (code: string, verifier: string, rating: string) =>
      api.call('POST', `/petitions/${code}/rating`, { body: { verifier, rating } });
    const receipt = await api.call('GET', `/cases/${a}`, { headers: auth.clerk });
    await rate(
      receipt.body.case.receiptCode,
      receipt.body.petitioner.petitioner.phone.slice(-4),
      'basically_satisfied',
    );

    const answer = await api.call('GET', `/reports/summary?from=${thisMonth}&to=${thisMonth}`, {
      headers: auth.auditor,
    });

    expect(answer.status).toBe(200);
    const r = answer.body;
    expect(r.received.total).toMatchObject({
      value: 8,
      lastYear: 5,
      change: 60,
      text: { en: '8, up 60%', zh: '8件，同比上升60%' },
    });
    expect(r.received.firstTime.value).toBe(8);
    expect(r.received.repeat.value).toBe(1);
    // Counted apart: this month's registrations were timely; last year's five came a year late.
    expect(r.received.registeredLate).toMatchObject({ value: 0, lastYear: 5 });
    expect(r.received.byChannel).toMatchObject({
      web: { value: 3 },
      letter: { value: 2, lastYear: 5, change: -60, text: { en: '2, down 60%' } },
      visit: { value: 1 },
      referral: { value: 2 },
      phone: { value: 0 },
    });
    expect(r.received.byReferralLevel).toMatchObject({
      city: { value: 1 },
      province: { value: 1 },
      national: { value: 0 },
    });
    expect(r.received.byCategory).toMatchObject({ land: { value: 4 }, labour: { value: 4, lastYear: 5 } });
    expect(r.received.byTownship).toMatchObject({ liushu: { value: 7 }, hedong: { value: 1 } });
    expect(r.acceptance).toMatchObject({
      accepted: { value: 4 },
      referred: { value: 1 },
      notAccepted: { value: 1 },
    });
    expect(r.opinionsByOutcome).toMatchObject({ partly_supported: { value: 1 }, supported: { value: 0 } });
    expect(r.onTime.all).toMatchObject({ value: 100, target: 95 });
    expect(r.onTime.byDepartment.hrss).toMatchObject({ onTime: 1, late: 0 });
    expect(r.openNow.hrss).toEqual({ open: 1, overdue: 0 });
    expect(r.ratings.byRating.basically_satisfied.value).toBe(1);
    expect(r.ratings.satisfiedRate).toMatchObject({ value: 100, target: 80 });
    // No opinions from natres and no rate last year: no data, never a 0.
    expect(r.onTime.byDepartment.natres.onTimeRate).toMatchObject({
      value: null,
      lastYear: null,
      change: null,
    });
    expect(r.onTime.all.lastYear).toBeNull();
    expect(r.backlog).toMatchObject({ listed: 0, resolved: 0, target: 10 });
  });

  it('exports the same tables as CSV in UTF-8 with a byte-order mark, Chinese intact', async () => {
    const answer = await api.call('GET', `/reports/summary?from=${thisMonth}&to=${thisMonth}`, {
      headers: { ...auth.supervisor, accept: 'text/csv' },
    });
    const bytes = Buffer.from(answer.text, 'utf8');

    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = answer.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('部分,项目,数值,去年同期,变化,目标');
    expect(lines).toContain('收件,合计,8,5,60,');
    expect(lines).toContain('渠道,来信,2,5,-60,');
    // The same names the region uses, and blanks where the JSON says there is no data.
    expect(lines).toContain('按期办结率（%）,县自然资源局,,,,95');
    expect(lines).toContain('按期办结率（%）,全部,100,,,95');
    expect(answer.text).not.toMatch(/natres|labour|liushu|\bland\b/);

    const english = await api.call('GET', `/reports/summary?from=${thisMonth}&to=${thisMonth}&lang=en`, {
      headers: { ...auth.supervisor, accept: 'text/csv' },
    });
    const englishLines = english.text.slice(1).trim().split('\r\n');
    expect(englishLines[0]).toBe('Section,Item,Value,Same period last year,Change,Target');
    expect(englishLines).toContain('Channel,Letter,2,5,-60,');
    expect(englishLines).toContain('On time (%),County Natural Resources Bureau,,,,95');
  });

  it('gives the annual report of a year (art. 41), and refuses the public and a department', async () => {
    const year = thisMonth.slice(0, 4);
    const annual = await api.call('GET', `/reports/annual/${year}`, { headers: auth.supervisor });
    const anonymous = await api.call('GET', `/reports/annual/${year}`);
    const department = await api.call('GET', `/reports/annual/${year}`, { headers: auth.hrss });

    expect(annual.body).toMatchObject({ year: Number(year), basis: { zh: '《信访工作条例》第41条' } });
    expect(annual.body.title.zh).toContain('珠泉县');
    expect(annual.body.report.received.total.value).toBeGreaterThanOrEqual(8);
    expect(annual.body.sections.map((section: { key: string }) => section.key)).toEqual([
      'volume',
      'channels',
      'categories',
      'complainedAbout',
      'timeliness',
      'outcomesAndRatings',
      'reviews',
      'backlog',
    ]);
    const section = (key: string) => annual.body.sections.find((x: { key: string }) => x.key === key);
    expect(section('volume').months).toHaveLength(12);
    const monthly = section('volume').months.map((m: { received: number }) => m.received);
    expect(monthly.reduce((sum: number, n: number) => sum + n, 0)).toBe(
      annual.body.report.received.total.value,
    );
    expect(section('channels').text.zh).toMatch(/^按渠道：网上信访\d+件（[\d.]+%）/);
    expect(section('categories').items[0].name.zh).toBeTruthy();
    expect(section('timeliness').text.zh).toContain('按期办结率100%');
    expect(section('complainedAbout').text.en).toBe('No petition this year complained about a department.');
    const csv = await api.call('GET', `/reports/annual/${year}`, {
      headers: { ...auth.supervisor, accept: 'text/csv' },
    });
    expect(csv.text).toContain('信访总量及趋势,');
    expect(anonymous.status).toBe(401);
    expect(department.status).toBe(403);
  });
});

describe('read cost', () => {
  it('reads the same number of items at 1,000 and at 10,000 cases', async () => {
    const base = functionContext();
    const ctx = {
      ...base,
      store: createStore({ tableName: api.tableName, endpoint: process.env.DYNAMODB_ENDPOINT }),
      peppers: pepperSourceOf(base.config),
    };
    const file = async (count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < count) {
            next++;
            const petition = {
              ...webPetition(),
              channel: 'web' as const,
              receivedAt: ctx.now().toISOString(),
            };
            await submitPetition(ctx, petition, { actor: { kind: 'public' }, roles: [] });
          }
        }),
      );
    };

    // Whatever earlier tests filed this month, bring the month to 1,000 cases, then 10,000.
    const already = (await summary(ctx, thisMonth, thisMonth)).report.received.total.value;
    await file(1_000 - already);
    const atThousand = await summary(ctx, thisMonth, thisMonth);
    await file(9_000);
    const atTenThousand = await summary(ctx, thisMonth, thisMonth);

    expect(atThousand.report.received.total.value).toBe(1_000);
    expect(atTenThousand.report.received.total.value).toBe(10_000);
    expect(atTenThousand.itemsRead).toBe(atThousand.itemsRead);
    // At most 8 shards for each of the four buckets read (month, last year's month, year, now).
    expect(atTenThousand.itemsRead).toBeLessThanOrEqual(32);
    console.info(
      `report read cost: ${atThousand.itemsRead} items at 1,000 cases, ${atTenThousand.itemsRead} at 10,000`,
    );
  }, 240_000);
});
