// Work queues through the HTTP API: each role's views hold the right cases in due-date order
// and nothing they may not see; pages follow a signed cursor; at 10,000 cases a page reads
// about the page size.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { type CaseFile, openCaseFile } from '../../shared/domain/case.ts';
import { RECEIPT_ALPHABET } from '../../shared/domain/receipt-code.ts';
import { VIEWS } from '../../shared/domain/views.ts';
import { queuesOf } from '../../shared/domain/work-queues.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { caseItem, queueItem } from '../../shared/store/items.ts';
import { staffCase, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};

async function step(caseId: string, who: string, body: unknown) {
  const answer = await api.call('POST', `/cases/${caseId}/transitions`, { body, headers: auth[who] });
  expect(answer.status).toBe(200);
}

/** A case accepted and assigned to a department, optionally complaining about another. */
async function assignedCase(department: string, complainsAbout?: string[]) {
  const { body } = await api.call('POST', '/petitions', {
    body: webPetition({ ...(complainsAbout && { complainsAbout }) }),
  });
  await step(body.caseId, 'clerk', { action: 'accept', plan: '交辦' });
  await step(body.caseId, 'supervisor', { action: 'assign', leadDepartment: department });
  return body.caseId as string;
}

const ids = (answer: { body: { cases: Array<{ caseId: string }> } }) =>
  answer.body.cases.map((c) => c.caseId);

let natresCase: string;
let accusedNatres: string;
let ownedCase: string;
let unownedCase: string;

beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'] });
  auth.supervisor = await api.as({ roles: ['supervisor'] });
  auth.official = await api.as({ roles: ['official'], officialId: 'off-04' });
  auth.otherOfficial = await api.as({ roles: ['official'], officialId: 'off-05' });
  auth.natres = await api.as({ roles: ['department'], department: 'natres' });
  auth.hrss = await api.as({ roles: ['department'], department: 'hrss' });
  auth.auditor = await api.as({ roles: ['auditor'] });
  natresCase = await assignedCase('natres');
  accusedNatres = await assignedCase('hrss', ['natres']);
  ownedCase = (await api.call('POST', '/petitions', { body: webPetition() })).body.caseId;
  await api.call('POST', `/cases/${ownedCase}/owner/claim`, { headers: auth.official });
  unownedCase = (await api.call('POST', '/petitions', { body: webPetition() })).body.caseId;
});
afterAll(async () => {
  await api.close();
});

describe('views by role', () => {
  it("gives an official the cases they own, and not another official's", async () => {
    const mine = await api.call('GET', '/cases?view=mine', { headers: auth.official });
    const theirs = await api.call('GET', '/cases?view=mine', { headers: auth.otherOfficial });

    expect(ids(mine)).toEqual([ownedCase]);
    expect(ids(theirs)).not.toContain(ownedCase);
  });

  it('lists open cases without an owner for the clerk, and drops a case once claimed', async () => {
    const unowned = ids(await api.call('GET', '/cases?view=unowned', { headers: auth.clerk }));

    expect(unowned).toContain(unownedCase);
    expect(unowned).not.toContain(ownedCase);
  });

  it('gives a department its inbox, never a case that complains about it (art. 30)', async () => {
    const natres = ids(await api.call('GET', '/cases?view=department', { headers: auth.natres }));
    const hrss = ids(await api.call('GET', '/cases?view=department', { headers: auth.hrss }));

    expect(natres).toEqual([natresCase]);
    expect(hrss).toEqual([accusedNatres]);
  });

  it('keeps a department to its own inbox in the overdue and due-soon slices', async () => {
    const soon = ids(await api.call('GET', '/cases?view=due-soon', { headers: auth.natres }));
    const overdue = ids(await api.call('GET', '/cases?view=overdue', { headers: auth.natres }));

    expect([...soon, ...overdue].every((id) => id === natresCase)).toBe(true);
  });

  it.each([
    ['unowned', 'natres'],
    ['approvals', 'clerk'],
    ['quality-review', 'official'],
    ['mine', 'supervisor'],
  ])('refuses view %s to %s with 403', async (view, who) => {
    expect((await api.call('GET', `/cases?view=${view}`, { headers: auth[who] })).status).toBe(403);
  });

  it('finds a case by receipt code or id for whoever may see it, and nothing for a hidden one', async () => {
    const receipt = (await api.call('GET', `/cases/${natresCase}`, { headers: auth.clerk })).body.case
      .receiptCode;

    const byCode = await api.call('GET', `/cases?find=${encodeURIComponent(receipt)}`, {
      headers: auth.clerk,
    });
    const byId = await api.call('GET', `/cases?find=${natresCase}`, { headers: auth.natres });
    const hidden = await api.call('GET', `/cases?find=${accusedNatres}`, { headers: auth.natres });

    expect(ids(byCode)).toEqual([natresCase]);
    expect(ids(byId)).toEqual([natresCase]);
    expect(ids(hidden)).toEqual([]);
    expect(JSON.stringify(byId.body)).not.toContain(receipt);
  });

  it('counts each view the caller may open, without listing them', async () => {
    const clerk = await api.call('GET', '/cases/counts', { headers: auth.clerk });
    const natres = await api.call('GET', '/cases/counts', { headers: auth.natres });

    expect(clerk.body.counts.unowned).toBeGreaterThanOrEqual(1);
    expect(clerk.body.counts).not.toHaveProperty('approvals');
    expect(natres.body.counts).toEqual({ department: 1, overdue: 0, 'due-soon': expect.any(Number) });
  });
});

describe('views × roles × accused department', () => {
  const ROLES = ['clerk', 'official', 'natres', 'hrss', 'supervisor', 'auditor'] as const;
  const cells = ROLES.flatMap((who) => VIEWS.map((view) => [view, who] as const));

  it.each(cells)(
    'view %s for %s: refused, or in due-date order and never a case about the caller',
    async (view, who) => {
      const answer = await api.call('GET', `/cases?view=${view}`, { headers: auth[who] });

      expect([200, 403]).toContain(answer.status);
      if (answer.status !== 200) return;
      const dates = answer.body.cases.map((c: { dueDate: string }) => c.dueDate);
      expect(dates).toEqual([...dates].sort());
      if (who === 'natres') expect(ids(answer)).not.toContain(accusedNatres);
      if (who === 'natres' || who === 'hrss') {
        const own = who;
        expect(
          answer.body.cases.every((c: { handlingDepartment: string }) => c.handlingDepartment === own),
        ).toBe(true);
      }
    },
  );
});

describe('pages', () => {
  it('walks a queue by due date with a signed cursor, each case once', async () => {
    for (let i = 0; i < 4; i++) await api.call('POST', '/petitions', { body: webPetition() });
    const seen: string[] = [];
    const dates: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.call('GET', `/cases?view=unowned&limit=2${query}`, { headers: auth.clerk });
      expect(page.status).toBe(200);
      expect(page.body.cases.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      dates.push(...page.body.cases.map((c: { dueDate: string }) => c.dueDate));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(dates).toEqual([...dates].sort());
  });

  it('refuses a cursor it did not sign with 400', async () => {
    const forged = `${Buffer.from(JSON.stringify({ PK: 'RECEIPT#X' })).toString('base64url')}.bad`;

    const answer = await api.call('GET', `/cases?view=unowned&cursor=${forged}`, { headers: auth.clerk });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0].field).toBe('cursor');
  });

  it('narrows a view by channel and category', async () => {
    const letter = await api.call('POST', '/cases', {
      body: staffCase({ category: 'labour', receivedAt: new Date().toISOString() }),
      headers: auth.clerk,
    });

    const answer = await api.call('GET', '/cases?view=unowned&channel=letter&category=labour', {
      headers: auth.clerk,
    });

    expect(ids(answer)).toEqual([letter.body.caseId]);
  });
});

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const randomId = () =>
  Array.from({ length: 8 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');

describe('at 10,000 cases', () => {
  beforeAll(async () => {
    // Seeded straight into the table as intake writes them (case item and its queues).
    const items = Array.from({ length: 10_000 }, (_, i): Record<string, unknown>[] => {
      const receivedAt = new Date(Date.now() - (i % 20) * 86_400_000).toISOString();
      const { caseFile } = openCaseFile(
        staffCase({ receivedAt }),
        { caseId: `20260101-${randomId()}`, receiptCode: 'SEED', now: receivedAt },
        region,
      );
      const seeded: CaseFile = { ...caseFile, version: 1, ...(i % 2 === 0 && { ownerId: 'off-09' }) };
      return [caseItem(seeded), ...queuesOf(seeded).map((queue) => queueItem(seeded, queue, 1))];
    }).flat();
    await api.seedItems(items);
  }, 240_000);

  it.each([
    ['mine', 'off09'],
    ['unowned', 'clerk'],
    ['overdue', 'supervisor'],
    ['due-soon', 'supervisor'],
  ])('reads about one page for view %s', async (view, who) => {
    auth.off09 ??= await api.as({ roles: ['official'], officialId: 'off-09' });

    const answer = await api.call('GET', `/cases?view=${view}&limit=25`, { headers: auth[who] });

    expect(answer.status).toBe(200);
    expect(answer.body.itemsRead).toBeLessThanOrEqual(25);
    expect(answer.body.cases.length).toBe(answer.body.itemsRead);
    console.info(`work queue ${view} at 10,000 cases: ${answer.body.itemsRead} items read for a page of 25`);
  });
});
