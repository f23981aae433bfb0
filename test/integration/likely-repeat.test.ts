// A likely repeat in other words (issue 16): the same person's new file of the same township
// and category that reads like an earlier one is flagged after intake (the table's stream, or
// the clerk's receipt slip), for staff to confirm or dismiss; the petitioner's status page
// says it may be the same matter. Nothing is merged, and other people's files never flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIKELY_REPEAT_SCORE } from '../../shared/domain/similarity.ts';
import { uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let clerk: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi({ streams: true });
  clerk = await api.as({ roles: ['clerk'] });
});
afterAll(async () => {
  await api.close();
});

const firstWords = {
  subject: '征地補償款未發放',
  description: '村裡2024年征地，每畝補償款至今未發到戶，多次去鄉里問都說再等等。',
};
const sameMatterOtherWords = {
  subject: '要求发放征地补尝',
  description: '我家在柳树村三组，2024年被征了两亩地，补尝款一直拖着不给。',
};

async function file(phone: string, words: { subject: string; description: string }, category = 'land') {
  const answer = await api.call('POST', '/petitions', {
    body: webPetition({ ...words, category, petitioner: { name: '李某', phone, address: '柳樹村' } }),
  });
  expect(answer.status).toBe(201);
  return answer.body as { caseId: string; receiptCode: string };
}

const caseOf = async (caseId: string) => (await api.call('GET', `/cases/${caseId}`, { headers: clerk })).body;

describe('a likely repeat by the same person, in other words', () => {
  it('is flagged on the new file after intake, and the status page says so', async () => {
    const phone = uniquePhone();
    const earlier = await file(phone, firstWords);
    const later = await file(phone, sameMatterOtherWords);
    expect(later.caseId).not.toBe(earlier.caseId);

    expect(await api.drainStreams()).toBeGreaterThanOrEqual(2);

    const read = await caseOf(later.caseId);
    expect(read.case.likelyRepeatOf).toMatchObject({
      caseId: earlier.caseId,
      receiptCode: earlier.receiptCode,
    });
    expect(read.case.likelyRepeatOf.score).toBeGreaterThanOrEqual(LIKELY_REPEAT_SCORE);
    const flagged = read.timeline.find((e: { type: string }) => e.type === 'likely_repeat_flagged');
    expect(flagged.data).toMatchObject({ of: earlier.caseId });
    expect(flagged.data.why.entities).toContain('2024年');
    // The earlier file never points at the later one.
    expect((await caseOf(earlier.caseId)).case.likelyRepeatOf).toBeUndefined();
    const status = await api.call('GET', `/petitions/${later.receiptCode}?verifier=${phone.slice(-4)}`);
    expect(status.body.mayRepeat).toEqual({ receiptCode: earlier.receiptCode });
  });

  it('is answered on the receipt slip at once, and recorded once however often it is asked', async () => {
    const phone = uniquePhone();
    const earlier = await file(phone, firstWords);
    const later = await file(phone, sameMatterOtherWords);

    const [asked, askedAgain] = await Promise.all([
      api.call('POST', `/cases/${later.caseId}/repeat-check`, { headers: clerk }),
      api.call('POST', `/cases/${later.caseId}/repeat-check`, { headers: clerk }),
    ]);
    await api.drainStreams();

    expect(asked.status).toBe(200);
    expect(asked.body.likelyRepeatOf).toMatchObject({
      caseId: earlier.caseId,
      receiptCode: earlier.receiptCode,
    });
    expect(askedAgain.body).toEqual(asked.body);
    const events = (await caseOf(later.caseId)).timeline.filter(
      (e: { type: string }) => e.type === 'likely_repeat_flagged',
    );
    expect(events).toHaveLength(1);
  });

  it('is not flagged for another person, another category, or another matter of the same place', async () => {
    const phone = uniquePhone();
    await file(phone, firstWords);
    const otherPerson = await file(uniquePhone(), sameMatterOtherWords);
    const otherCategory = await file(phone, sameMatterOtherWords, 'housing');
    const otherMatter = await file(phone, {
      subject: '宅基地被鄰居佔用',
      description: '鄰居建房越界佔用我家宅基地約十平方米，村委會調解無果。',
    });

    await api.drainStreams();

    for (const { caseId } of [otherPerson, otherCategory, otherMatter]) {
      expect((await caseOf(caseId)).case.likelyRepeatOf).toBeUndefined();
      const asked = await api.call('POST', `/cases/${caseId}/repeat-check`, { headers: clerk });
      expect(asked.body).toEqual({ likelyRepeatOf: null });
    }
  });

  it('leaves the status page once staff dismiss it; departments and other roles are refused the check', async () => {
    const phone = uniquePhone();
    const earlier = await file(phone, firstWords);
    const later = await file(phone, sameMatterOtherWords);
    await api.drainStreams();

    const dismissed = await api.call('PUT', `/cases/${later.caseId}/similar/${earlier.caseId}`, {
      headers: clerk,
      body: { decision: 'dismissed' },
    });
    expect(dismissed.status).toBe(200);
    const status = await api.call('GET', `/petitions/${later.receiptCode}?verifier=${phone.slice(-4)}`);
    expect(status.body.mayRepeat).toBeNull();

    for (const roles of [['department'], ['auditor']] as const) {
      const asked = await api.call('POST', `/cases/${later.caseId}/repeat-check`, {
        headers: await api.as({
          roles: [...roles],
          ...(roles[0] === 'department' && { department: 'natres' }),
        }),
      });
      expect(asked.status).toBe(403);
    }
  });
});
