import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/http/http-function.ts';
import { staffCase, uniquePhone, VALID_ID_NUMBER, webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function itemsOfCase(caseId: string) {
  return (await api.allItems()).filter((item) => String(item.PK).startsWith(`CASE#${caseId}`));
}

describe('POST /petitions (the web form)', () => {
  it('opens a case file and answers 201 with a receipt code', async () => {
    const answer = await api.call('POST', '/petitions', { body: webPetition() });

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'received', repeatCount: 0, alreadyOnFile: false });
    expect(answer.body.receiptCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect(answer.body.nextDeadline).toMatchObject({
      stage: 'register',
      article: expect.stringContaining('第22条'),
    });
    const items = await itemsOfCase(answer.body.caseId);
    expect(items.map((i) => i.SK).sort()).toEqual([
      'CASE',
      'DEADLINE#register',
      'EVENT#000001',
      'PERSONAL',
      expect.stringMatching(/^PETITIONER#/),
      'QUEUE#OPEN',
      'QUEUE#UNOWNED',
    ]);
  });

  it('records the same matter again as a repeat on the same case, with the same receipt code', async () => {
    const petition = webPetition();
    const first = await api.call('POST', '/petitions', { body: petition });

    const again = await api.call('POST', '/petitions', { body: petition });

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      caseId: first.body.caseId,
      receiptCode: first.body.receiptCode,
      repeatCount: 1,
      alreadyOnFile: true,
    });
    const cases = (await api.allItems()).filter(
      (i) => i.SK === 'CASE' && i.receiptCode === first.body.receiptCode,
    );
    expect(cases).toHaveLength(1);
  });

  it('treats Traditional and Simplified, full- and half-width subjects as the same matter', async () => {
    const phone = uniquePhone();
    const first = await api.call('POST', '/petitions', {
      body: webPetition({ petitioner: { name: '李某', phone }, subject: '拖欠工資，討薪無果' }),
    });

    const again = await api.call('POST', '/petitions', {
      body: webPetition({
        petitioner: { name: '李某', phone: `+86 ${phone}` },
        subject: '拖欠工资 讨薪无果！',
      }),
    });

    expect(again.body.caseId).toBe(first.body.caseId);
    expect(again.body.repeatCount).toBe(1);
  });

  it('opens a separate case for a different matter of the same petitioner', async () => {
    const phone = uniquePhone();
    const first = await api.call('POST', '/petitions', {
      body: webPetition({ petitioner: { name: '王某', phone } }),
    });

    const other = await api.call('POST', '/petitions', {
      body: webPetition({
        petitioner: { name: '王某', phone },
        category: 'housing',
        subject: '房屋拆遷補償',
      }),
    });

    expect(other.status).toBe(201);
    expect(other.body.caseId).not.toBe(first.body.caseId);
  });

  it('recognises the petitioner by ID number even when the phone changed', async () => {
    const body = webPetition({
      petitioner: { name: '趙某', phone: uniquePhone(), idNumber: VALID_ID_NUMBER },
    });
    const first = await api.call('POST', '/petitions', { body });

    const again = await api.call('POST', '/petitions', {
      body: { ...body, petitioner: { ...body.petitioner, phone: uniquePhone() } },
    });

    expect(again.body.caseId).toBe(first.body.caseId);
  });

  it('gives 50 concurrent identical submissions exactly one case and 49 repeats', async () => {
    const petition = webPetition({ subject: '同時提交的同一事項' });

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => api.call('POST', '/petitions', { body: petition })),
    );

    expect(answers.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const caseId = answers[0]?.body.caseId as string;
    const items = await itemsOfCase(caseId);
    expect(items.find((i) => i.SK === 'CASE')?.repeatCount).toBe(49);
    expect(items.filter((i) => String(i.SK).startsWith('EVENT#'))).toHaveLength(50);
  });
});

async function expectNothingStored(before: number) {
  expect((await api.allItems()).length).toBe(before);
}

describe('bad input stores nothing', () => {
  it('lists every failing field with Chinese and English messages (400)', async () => {
    const before = (await api.allItems()).length;

    const answer = await api.call('POST', '/petitions', {
      body: {
        petitioner: { name: '', phone: 'abc' },
        township: 'atlantis',
        subject: 'x',
        consent: false,
        extra: 1,
      },
    });

    expect(answer.status).toBe(400);
    const fields = answer.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'petitioner.name',
        'petitioner.phone',
        'township',
        'category',
        'subject',
        'description',
        'consent',
        '',
      ]),
    );
    for (const field of answer.body.error.fields) {
      expect(field.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(field.message.en).toMatch(/[a-z]/i);
    }
    await expectNothingStored(before);
  });

  it('rejects an unknown field (strict objects: no mass assignment)', async () => {
    const before = (await api.allItems()).length;

    const answer = await api.call('POST', '/petitions', { body: { ...webPetition(), status: 'final' } });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    await expectNothingStored(before);
  });

  it('rejects more than five representatives', async () => {
    const before = (await api.allItems()).length;
    const representative = { name: '代表', phone: uniquePhone() };

    const answer = await api.call('POST', '/petitions', {
      body: webPetition({ representatives: Array.from({ length: 6 }, () => representative) }),
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0].field).toBe('representatives');
    await expectNothingStored(before);
  });

  it('answers 413 for a body over the limit', async () => {
    const before = (await api.allItems()).length;

    const answer = await api.call('POST', '/petitions', {
      body: webPetition({ description: '很'.repeat(MAX_BODY_BYTES) }),
    });

    expect(answer.status).toBe(413);
    await expectNothingStored(before);
  });

  it('answers 415 for a body that is not JSON, or not declared as JSON', async () => {
    const before = (await api.allItems()).length;

    const notJson = await api.call('POST', '/petitions', {
      raw: '{"petitioner":',
      headers: { 'content-type': 'application/json' },
    });
    const wrongType = await api.call('POST', '/petitions', {
      raw: JSON.stringify(webPetition()),
      headers: { 'content-type': 'text/plain' },
    });

    expect(notJson.status).toBe(415);
    expect(wrongType.status).toBe(415);
    expect(notJson.body.error.message.zh).toBeTruthy();
    await expectNothingStored(before);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, without a second case or repeat', async () => {
    const petition = webPetition();
    const headers = { 'idempotency-key': `key-${uniquePhone()}` };
    const first = await api.call('POST', '/petitions', { body: petition, headers });

    const replay = await api.call('POST', '/petitions', { body: petition, headers });

    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const items = await itemsOfCase(first.body.caseId);
    expect(items.find((i) => i.SK === 'CASE')?.repeatCount).toBe(0);
  });

  it('refuses the same key with a different body (422) and stores nothing', async () => {
    const headers = { 'idempotency-key': `key-${uniquePhone()}` };
    await api.call('POST', '/petitions', { body: webPetition(), headers });
    const before = (await api.allItems()).length;

    const answer = await api.call('POST', '/petitions', { body: webPetition(), headers });

    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('idempotency_key_reused');
    await expectNothingStored(before);
  });

  it('gives concurrent requests with one key one case and one answer', async () => {
    const petition = webPetition();
    const headers = { 'idempotency-key': `key-${uniquePhone()}` };

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.call('POST', '/petitions', { body: petition, headers })),
    );

    expect(new Set(answers.map((a) => `${a.status} ${a.text}`))).toEqual(
      new Set([`201 ${answers[0]?.text}`]),
    );
    const caseId = answers[0]?.body.caseId as string;
    expect((await itemsOfCase(caseId)).find((i) => i.SK === 'CASE')?.repeatCount).toBe(0);
  });
});

describe('GET /petitions/{receiptCode}', () => {
  it('shows status, dates, next deadline and no personal data', async () => {
    const petition = webPetition();
    const { body: receipt } = await api.call('POST', '/petitions', { body: petition });

    const answer = await api.call(
      'GET',
      `/petitions/${receipt.receiptCode}?verifier=${petition.petitioner.phone.slice(-4)}`,
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      receiptCode: receipt.receiptCode,
      status: 'received',
      statusLabel: { zh: expect.any(String), en: expect.any(String) },
      nextDeadline: { stage: 'register', dueDate: receipt.nextDeadline.dueDate },
      handlingDepartment: null,
    });
    expect(answer.text).not.toContain(petition.petitioner.phone);
    expect(answer.text).not.toContain(petition.petitioner.name);
    expect(answer.text).not.toContain(petition.petitioner.address);
  });

  it('accepts the code typed in lower case without dashes', async () => {
    const petition = webPetition();
    const { body: receipt } = await api.call('POST', '/petitions', { body: petition });
    const typed = receipt.receiptCode.replaceAll('-', '').toLowerCase();

    const answer = await api.call(
      'GET',
      `/petitions/${typed}?verifier=${petition.petitioner.phone.slice(-4)}`,
    );

    expect(answer.status).toBe(200);
  });

  it('answers a wrong verifier exactly like an unknown code', async () => {
    const petition = webPetition();
    const { body: receipt } = await api.call('POST', '/petitions', { body: petition });
    const wrong = petition.petitioner.phone.slice(-4) === '0000' ? '1111' : '0000';

    const wrongVerifier = await api.call('GET', `/petitions/${receipt.receiptCode}?verifier=${wrong}`);
    const unknownCode = await api.call('GET', `/petitions/AAAA-AAA-AAA?verifier=${wrong}`);

    expect(wrongVerifier.status).toBe(404);
    expect(unknownCode.status).toBe(404);
    expect(wrongVerifier.text).toBe(unknownCode.text);
  });

  it('locks a code after five wrong verifiers, even against the right one, and records it', async () => {
    const petition = webPetition();
    const { body: receipt } = await api.call('POST', '/petitions', { body: petition });
    const right = petition.petitioner.phone.slice(-4);
    const wrong = right === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++) await api.call('GET', `/petitions/${receipt.receiptCode}?verifier=${wrong}`);

    const answer = await api.call('GET', `/petitions/${receipt.receiptCode}?verifier=${right}`);

    expect(answer.status).toBe(404);
    const record = (await api.allItems()).find((i) => i.PK === `RECEIPT#${receipt.receiptCode}`);
    expect(record).toMatchObject({ lockouts: 1, failedAttempts: 5 });
    expect(Date.parse(String(record?.lockedUntil))).toBeGreaterThan(Date.now());
  });

  it('needs a four-digit verifier (400)', async () => {
    const answer = await api.call('GET', '/petitions/AAAA-AAA-AAA?verifier=12');

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0].field).toBe('verifier');
  });
});

describe('POST /cases (staff registration)', () => {
  it('refuses a request without a token (401) and a role without the right (403), storing nothing', async () => {
    const before = (await api.allItems()).length;
    const auditor = await api.token({ roles: ['auditor'] });

    const anonymous = await api.call('POST', '/cases', { body: staffCase() });
    const forged = await api.call('POST', '/cases', {
      body: staffCase(),
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    const forbidden = await api.call('POST', '/cases', {
      body: staffCase(),
      headers: { authorization: `Bearer ${auditor}` },
    });

    expect(anonymous.status).toBe(401);
    expect(forged.status).toBe(401);
    expect(forbidden.status).toBe(403);
    expect((await api.allItems()).length).toBe(before);
  });

  it('registers a letter with its received date for a clerk', async () => {
    const clerk = await api.token({ roles: ['clerk'], sub: 'clerk-1' });

    // A day whose deadline is worked by hand; a reason in case it is past the 30 days by now.
    const answer = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt: '2026-11-20T09:30:00+08:00', lateReason: '核对旧信件时补登' }),
      headers: { authorization: `Bearer ${clerk}` },
    });

    expect(answer.status).toBe(201);
    const read = await api.call('GET', `/cases/${answer.body.caseId}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(read.body.case).toMatchObject({ channel: 'letter', receivedAt: '2026-11-20T09:30:00+08:00' });
    expect(read.body.case.deadlines.register).toMatchObject({
      startedOn: '2026-11-20',
      dueDate: '2026-12-07',
    });
    expect(read.body.timeline[0]).toMatchObject({
      seq: 1,
      type: 'received',
      actor: { kind: 'staff', id: 'clerk-1' },
    });
  });

  it('needs the referring level and reference for a referral, and only for one', async () => {
    const clerk = await api.token({ roles: ['clerk'] });
    const headers = { authorization: `Bearer ${clerk}` };

    const missing = await api.call('POST', '/cases', { body: staffCase({ channel: 'referral' }), headers });
    const stray = await api.call('POST', '/cases', {
      body: staffCase({ referral: { level: 'city', reference: '市信交〔2026〕12號' } }),
      headers,
    });
    const good = await api.call('POST', '/cases', {
      body: staffCase({
        channel: 'referral',
        referral: { level: 'province', reference: '省信轉〔2026〕7號' },
      }),
      headers,
    });

    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].field).toBe('referral');
    expect(stray.status).toBe(400);
    expect(good.status).toBe(201);
  });

  it('refuses a received date in the future', async () => {
    const clerk = await api.token({ roles: ['clerk'] });

    const answer = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt: '2099-01-01T00:00:00Z' }),
      headers: { authorization: `Bearer ${clerk}` },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0].field).toBe('receivedAt');
  });

  it('refuses a letter received before the office went live, and stores nothing', async () => {
    const clerk = await api.as({ roles: ['clerk'] });
    const before = (await api.allItems()).length;

    const answer = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt: '2020-01-01T10:00:00+08:00', lateReason: '旧档案中发现' }),
      headers: clerk,
    });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      expect.objectContaining({ field: 'receivedAt', code: 'before_go_live' }),
    ]);
    expect(answer.body.error.fields[0].message.zh).toContain('2024-01-01');
    expect((await api.allItems()).length).toBe(before);
  });

  it('asks the reason of a registration more than 30 days after receipt, then shows it on the case', async () => {
    const clerk = await api.as({ roles: ['clerk'] });
    const receivedAt = new Date(Date.now() - 45 * 86_400_000).toISOString();

    const silent = await api.call('POST', '/cases', { body: staffCase({ receivedAt }), headers: clerk });
    const reasoned = await api.call('POST', '/cases', {
      body: staffCase({ receivedAt, lateReason: '信件误投至县政府办，今日转来' }),
      headers: clerk,
    });
    const read = await api.call('GET', `/cases/${reasoned.body.caseId}`, { headers: clerk });

    expect(silent.status).toBe(400);
    expect(silent.body.error.fields).toEqual([
      expect.objectContaining({ field: 'lateReason', code: 'late_registration' }),
    ]);
    expect(silent.body.error.fields[0].message.en).toMatch(/Received 4[45] days ago, more than 30/);
    expect(reasoned.status).toBe(201);
    expect(read.body.case.lateRegistration).toEqual({
      days: expect.any(Number),
      reason: '信件误投至县政府办，今日转来',
    });
    expect(read.body.case.lateRegistration.days).toBeGreaterThan(30);
  });

  it('takes a letter received 30 days ago without a reason', async () => {
    const clerk = await api.as({ roles: ['clerk'] });
    const receivedAt = new Date(Date.now() - 29 * 86_400_000).toISOString();

    const answer = await api.call('POST', '/cases', { body: staffCase({ receivedAt }), headers: clerk });
    const read = await api.call('GET', `/cases/${answer.body.caseId}`, { headers: clerk });

    expect(answer.status).toBe(201);
    expect(read.body.case.lateRegistration).toBeUndefined();
  });
});
