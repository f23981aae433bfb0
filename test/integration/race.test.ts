// Races: many conflicting steps on one case at once. Optimistic locking must let exactly one
// win each round, lose no event, and count the winner once in the report counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

const RACE_ROUNDS = 20;
const PARALLEL = 50;

let api: TestApi;
let clerk: Record<string, string>;
beforeAll(async () => {
  api = await startTestApi();
  clerk = { authorization: `Bearer ${await api.token({ roles: ['clerk'] })}` };
});
afterAll(async () => {
  await api.close();
});

const CONFLICTING = [
  { action: 'accept', plan: '交辦' },
  { action: 'refer', procedure: 'arbitration', where: '縣勞動人事爭議仲裁委員會', reason: '勞動爭議' },
  { action: 'not_accept', reason: '不屬信訪事項' },
];

const STEP_OF_STATUS = { accepted: 'accept', referred: 'refer', not_accepted: 'not_accept' } as const;

describe(`${PARALLEL} parallel conflicting steps, ${RACE_ROUNDS} rounds`, () => {
  it('gives exactly one winner a round, loses no event and counts each winner once', async () => {
    const winners: string[] = [];
    for (let round = 0; round < RACE_ROUNDS; round++) {
      const { body } = await api.call('POST', '/petitions', { body: webPetition() });

      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          api.call('POST', `/cases/${body.caseId}/transitions`, { body: CONFLICTING[i % 3], headers: clerk }),
        ),
      );

      const won = answers.filter((a) => a.status === 200);
      expect(won).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(PARALLEL - 1);
      const timeline = await api.call('GET', `/cases/${body.caseId}/timeline`, { headers: clerk });
      expect(timeline.body.intact).toBe(true);
      const winner = won[0]?.body.case.status as keyof typeof STEP_OF_STATUS;
      expect(timeline.body.timeline.map((e: { type: string }) => e.type)).toEqual([
        'received',
        STEP_OF_STATUS[winner],
      ]);
      winners.push(winner);
    }

    const counters = (await api.allItems()).filter((i) => String(i.PK).startsWith('COUNTER#'));
    const total = (name: string) => counters.reduce((sum, item) => sum + Number(item[name] ?? 0), 0);
    expect(total('accepted')).toBe(winners.filter((w) => w === 'accepted').length);
    expect(total('referred')).toBe(winners.filter((w) => w === 'referred').length);
    expect(total('not_accepted')).toBe(winners.filter((w) => w === 'not_accepted').length);
    expect(total('received')).toBe(RACE_ROUNDS);
  }, 120_000);
});
