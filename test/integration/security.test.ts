// What an attacker tried (issue: security hardening), each refused through the HTTP API:
// art. 30 for every token, tokens that must not pass, receipt guessing in bursts, hostile text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, httpEvent } from '../fixtures/lambda.ts';
import { uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { assignedPetition, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'] });
  auth.supervisor = await api.as({ roles: ['supervisor'] });
});
afterAll(async () => {
  await api.close();
});

const assigned = (petition: ReturnType<typeof webPetition>, department: string) =>
  assignedPetition(api, department, petition);

describe('art. 30 for every token', () => {
  it.each(['official', 'auditor', 'admin', 'clerk'] as const)(
    'hides a case about hrss from a token with department hrss and role %s',
    async (role) => {
      const { caseId } = await assigned(webPetition({ complainsAbout: ['hrss'] }), 'natres');
      const headers = await api.as({ roles: ['department', role], department: 'hrss' });

      expect((await api.call('GET', `/cases/${caseId}`, { headers })).status).toBe(404);
      expect((await api.call('GET', `/cases/${caseId}/timeline`, { headers })).status).toBe(404);
    },
  );

  it('recuses an official the complaint names: unseen, unclaimable, not assignable as owner', async () => {
    const { body } = await api.call('POST', '/cases', {
      body: {
        ...webPetition(),
        channel: 'letter',
        receivedAt: new Date().toISOString(),
        complainsAboutOfficials: ['off-04'],
      },
      headers: auth.clerk,
    });
    const accused = await api.as({ roles: ['official'], officialId: 'off-04' });

    const read = await api.call('GET', `/cases/${body.caseId}`, { headers: accused });
    const claim = await api.call('POST', `/cases/${body.caseId}/owner/claim`, { headers: accused });
    const named = await api.call('PUT', `/cases/${body.caseId}/owner`, {
      body: { officialId: 'off-04' },
      headers: auth.supervisor,
    });
    const timeline = (await api.call('GET', `/cases/${body.caseId}/timeline`, { headers: auth.clerk })).body
      .timeline;

    expect(read.status).toBe(404);
    expect(claim.status).toBe(404);
    expect(named.status).toBe(409);
    expect(timeline[0].data.recused).toEqual(['off-04']);
  });

  it("shows a department neither the receipt code nor any of the phone's last four digits", async () => {
    const phone = uniquePhone();
    const { caseId, receiptCode } = await assigned(
      webPetition({ petitioner: { name: '張某', phone } }),
      'natres',
    );
    const natres = await api.as({ roles: ['department'], department: 'natres' });

    const answer = await api.call('GET', `/cases/${caseId}`, { headers: natres });

    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain(receiptCode);
    expect(answer.body.petitioner.petitioner.phone).toBe(
      `${phone.slice(0, 3)}${'*'.repeat(phone.length - 3)}`,
    );
  });
});

describe('personal data around the mask', () => {
  it("gives an auditor the notices and their documents masked as the case view, and logs only clerks' reads", async () => {
    const phone = uniquePhone();
    const { body } = await api.call('POST', '/cases', {
      body: {
        ...webPetition({ petitioner: { name: '張三豐', phone, address: '柳樹鄉柳樹村三組12號' } }),
        channel: 'letter',
        receivedAt: new Date().toISOString(),
      },
      headers: auth.clerk,
    });
    const { caseId, receiptCode } = body as { caseId: string; receiptCode: string };
    const auditor = await api.as({ roles: ['auditor'] });
    const readsBefore = (await api.call('GET', `/cases/${caseId}/reads`, { headers: auth.supervisor })).body
      .reads.length;
    const itemsBefore = (await api.allItems()).length;

    const notices = await api.call('GET', `/cases/${caseId}/notices`, { headers: auditor });
    const [notice] = notices.body.notices;
    const document = await api.call('GET', `/cases/${caseId}/notices/${notice.noticeId}/document`, {
      headers: auditor,
    });
    const pdf = await fetch(`${api.url}/cases/${caseId}/notices/${notice.noticeId}/document`, {
      headers: { ...auditor, accept: 'application/pdf' },
    });
    const itemsAfterAuditor = (await api.allItems()).length;
    await api.call('GET', `/cases/${caseId}/notices`, { headers: auth.clerk });
    await api.call('GET', `/cases/${caseId}/notices/${notice.noticeId}/document`, { headers: auth.clerk });
    const reads = (await api.call('GET', `/cases/${caseId}/reads`, { headers: auth.supervisor })).body.reads;
    const status = await api.call('GET', `/petitions/${receiptCode}?verifier=${phone.slice(-4)}`);

    expect(notices.status).toBe(200);
    for (const answer of [notices.text, document.text]) {
      expect(answer).not.toContain('張三豐');
      expect(answer).not.toContain(phone.slice(3));
      expect(answer).not.toContain('三組12號');
      expect(answer).not.toContain(receiptCode);
    }
    expect(notice.recipient).toMatchObject({ name: '張**', phone: `${phone.slice(0, 3)}********` });
    expect(document.body).toMatchObject({ addressee: '張**', documentNumber: null });
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).not.toContain(receiptCode);
    // The auditor's reads wrote nothing (no read log entry, no document number); the clerk's two are logged.
    expect(itemsAfterAuditor).toBe(itemsBefore);
    expect(reads.length).toBe(readsBefore + 2);
    expect(status.status).toBe(200);
  });
});

describe('tokens', () => {
  const claims = { sub: 'x', roles: ['clerk'] };

  it.each([
    ['without exp', { ...claims, iat: now() }],
    ['issued a year ahead', { ...claims, iat: now() + 365 * 86_400, exp: now() + 366 * 86_400 }],
    ['living longer than 12 hours', { ...claims, iat: now() - 13 * 3600, exp: now() + 3600 }],
    ['not yet valid', { ...claims, iat: now(), nbf: now() + 3600, exp: now() + 7200 }],
    [
      'with an officialId the region does not know',
      { ...claims, roles: ['official'], officialId: 'off-99', iat: now(), exp: now() + 3600 },
    ],
    [
      'with a department the region does not know',
      { ...claims, roles: ['department'], department: 'nowhere', iat: now(), exp: now() + 3600 },
    ],
  ])('refuses a token %s with 401', async (_what, payload) => {
    const answer = await api.call('GET', '/cases?view=unowned', {
      headers: bearer(await api.rawToken(payload)),
    });

    expect(answer.status).toBe(401);
  });

  it('says a token from another issuer (npm start on another port) is why it is refused', async () => {
    const token = await api.rawToken({
      ...claims,
      iss: 'http://127.0.0.1:3001',
      iat: now(),
      exp: now() + 3600,
    });
    const answer = await api.call('GET', '/cases?view=unowned', { headers: bearer(token) });

    expect(answer.status).toBe(401);
    expect(answer.body.error.message.en).toBe(
      'The token was issued by another identity provider: this API trusts petition-desk-local.',
    );
    expect(answer.body.error.message.zh).toBe(
      '凭证不是本系统信任的身份提供者签发的：应由 petition-desk-local 签发。',
    );
  });

  it('accepts a token within the rules, its clock a little ahead', async () => {
    const token = await api.rawToken({ ...claims, iat: now() + 30, exp: now() + 3600 });

    expect((await api.call('GET', '/cases?view=unowned', { headers: bearer(token) })).status).toBe(200);
  });
});

describe('receipt codes cannot be guessed in bursts', () => {
  it('gives a burst of 1,000 wrong verifiers five tries at most, and the right one is not found', async () => {
    const petition = webPetition();
    const { body } = await api.call('POST', '/petitions', { body: petition });
    const right = petition.petitioner.phone.slice(-4);
    const guesses = Array.from({ length: 1000 }, (_, i) => String(i).padStart(4, '0')).filter(
      (g) => g !== right,
    );

    const answers = await Promise.all(
      [...guesses.slice(0, 999), right].map((g) =>
        api.call('GET', `/petitions/${body.receiptCode}?verifier=${g}`),
      ),
    );
    const record = (await api.allItems()).find((i) => i.PK === `RECEIPT#${body.receiptCode}`);

    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);
    expect(answers.every((a) => a.status === 404 || a.status === 200)).toBe(true);
    expect(Number(record?.failedAttempts)).toBeLessThanOrEqual(5);
    console.info(
      `receipt burst: 1,000 parallel tries, ${record?.failedAttempts} counted, ${answers.filter((a) => a.status === 200).length} found`,
    );
  }, 60_000);

  it('backs off longer after each lock instead of starting afresh', async () => {
    const petition = webPetition();
    const { body } = await api.call('POST', '/petitions', { body: petition });
    const wrong = petition.petitioner.phone.slice(-4) === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++) await api.call('GET', `/petitions/${body.receiptCode}?verifier=${wrong}`);
    const first = (await api.allItems()).find((i) => i.PK === `RECEIPT#${body.receiptCode}`);

    const minutes = (Date.parse(String(first?.lockedUntil)) - Date.now()) / 60_000;

    expect(first?.lockouts).toBe(1);
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });
});

describe('hostile text', () => {
  it.each([
    ['a right-to-left override', 'subject', '征地補償\u202e款未發放'],
    ['a zero-width space', 'subject', '征地\u200b補償款未發放'],
    ['a NUL', 'description', '村裡征地補償款\u0000至今未發放到戶。'],
    ['a lone surrogate', 'description', '村裡征地補償款\ud800至今未發放到戶。'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, field, value) => {
    const before = (await api.allItems()).length;

    const answer = await api.call('POST', '/petitions', { body: { ...webPetition(), [field]: value } });

    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await api.allItems()).length).toBe(before);
  });

  it('keeps tabs and line breaks, and stores text in NFC', async () => {
    const decomposed = '村裡征地補償款未發放到戶。\n第二段：Jose\u0301 的補償。';

    const answer = await api.call('POST', '/petitions', {
      body: { ...webPetition(), description: decomposed },
    });
    const stored = (await api.call('GET', `/cases/${answer.body.caseId}`, { headers: auth.clerk })).body.case
      .description;

    expect(answer.status).toBe(201);
    expect(stored).toBe(decomposed.normalize('NFC'));
    expect(stored).toContain('\n');
  });
});

describe('the edge cannot be gone round', () => {
  it('refuses a request straight to the API (no origin header from the edge) and stores nothing', async () => {
    const petition = webPetition({ petitioner: { name: '繞行測試', phone: uniquePhone() } });
    const event = (throughEdge: boolean, headers: Record<string, string> = {}) =>
      httpEvent('POST /petitions', {
        body: JSON.stringify(petition),
        headers: { 'content-type': 'application/json', ...headers },
        throughEdge,
      });

    const { handler: intake } = await import('../../functions/intake/handler.ts');

    const direct = await intake(event(false), context());
    const forged = await intake(event(false, { 'x-origin-verify': 'a'.repeat(43) }), context());
    const viaEdge = await intake(event(true), context());

    expect([direct.statusCode, forged.statusCode]).toEqual([403, 403]);
    expect(JSON.parse(String(direct.body)).error.code).toBe('forbidden');
    // Nothing was stored by the refused ones: through the edge it is a new file, not a repeat.
    expect(viaEdge.statusCode).toBe(201);
    expect(JSON.parse(String(viaEdge.body))).toMatchObject({ alreadyOnFile: false });
  });
});
