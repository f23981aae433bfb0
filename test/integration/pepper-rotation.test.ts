// A new pepper comes in without losing a matter or a receipt (docs/matching.md, "Pepper
// rotation"): phase 1 every container knows v2, phase 2 v2 is current, and a file touched by a
// correction is re-keyed so v1 can be retired.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pepperSourceOf } from '../../functions/aws/peppers.ts';
import { functionContext } from '../../functions/context.ts';
import { getConfig } from '../../shared/config.ts';
import type { PepperRing } from '../../shared/domain/pepper-ring.ts';
import { caseByReceipt } from '../../shared/usecases/check-status.ts';
import type { Caller, UseCaseContext } from '../../shared/usecases/context.ts';
import { correctCase } from '../../shared/usecases/corrections.ts';
import { submitPetition } from '../../shared/usecases/submit-petition.ts';
import { uniquePhone, webIntake } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let v1: PepperRing;
const v2 = 'a-new-pepper-for-the-rotation-test-0123456789';
const public_: Caller = { actor: { kind: 'public' }, roles: [] };
const clerk = { sub: 'clerk-rotation', roles: ['clerk' as const] };
const withRing = (ring: PepperRing): UseCaseContext => ({ ...functionContext(), peppers: async () => ring });

beforeAll(async () => {
  api = await startTestApi();
  v1 = await pepperSourceOf(getConfig())();
});
afterAll(async () => {
  await api.close();
});

const known = () => ({ current: v1.current, versions: { ...v1.versions, v2 } });
const switched = () => ({ current: 'v2', versions: { ...v1.versions, v2 } });
const retired = () => ({ current: 'v2', versions: { v2 } });

it('joins a repeat to the file the old pepper keyed, and opens the receipt it made', async () => {
  const phone = uniquePhone();
  const intake = webIntake({ petitioner: { name: '林某', phone } });
  const first = await submitPetition(withRing(v1), intake, public_);

  const repeat = await submitPetition(withRing(switched()), intake, public_);
  const found = await caseByReceipt(withRing(switched()), first.receiptCode, phone.slice(-4));

  expect(repeat).toMatchObject({ caseId: first.caseId, alreadyOnFile: true });
  expect(found.caseId).toBe(first.caseId);
});

it('opens one file when containers in both phases take the same matter at once', async () => {
  const intake = webIntake({ petitioner: { name: '周某', phone: uniquePhone() } });
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      submitPetition(withRing(i % 2 ? known() : switched()), intake, public_),
    ),
  );
  expect(new Set(results.map((result) => result.caseId)).size).toBe(1);
  expect(results.filter((result) => !result.alreadyOnFile)).toHaveLength(1);
});

it('re-keys a corrected file under the new pepper, so it is still found once the old one is retired', async () => {
  const phone = uniquePhone();
  const intake = webIntake({ petitioner: { name: '吳某', phone } });
  const first = await submitPetition(withRing(v1), intake, public_);
  const otherPhone = uniquePhone();
  const untouched = await submitPetition(
    withRing(v1),
    webIntake({ petitioner: { name: '鄭某', phone: otherPhone } }),
    public_,
  );

  await correctCase(withRing(switched()), first.caseId, { reason: '地址補充', address: '東村3組' }, clerk);
  const repeat = await submitPetition(withRing(retired()), intake, public_);
  const found = await caseByReceipt(withRing(retired()), first.receiptCode, phone.slice(-4));

  expect(repeat).toMatchObject({ caseId: first.caseId, alreadyOnFile: true });
  expect(found.caseId).toBe(first.caseId);
  // A file nobody touched is still keyed by v1: the pepper is retired only after re-keying.
  const digits = otherPhone.slice(-4);
  expect((await caseByReceipt(withRing(switched()), untouched.receiptCode, digits)).caseId).toBe(
    untouched.caseId,
  );
  await expect(caseByReceipt(withRing(retired()), untouched.receiptCode, digits)).rejects.toThrow(
    'No case matches',
  );
});
