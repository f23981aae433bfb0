// The walk of issue 27 through the HTTP API: a handler drafts, the deputy in charge returns it,
// the handler revises, the head signs the major matter's opinion, and only then does the notice
// go out: its PDF sealed and signed, checked valid, invalid after one byte changes, and its
// number confirmed by the public check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheduledHandlers, scheduledEvent } from '../../infra/local/stack.ts';
import { addDays } from '../../shared/domain/clock.ts';
import { context } from '../fixtures/lambda.ts';
import { opinionFields, webPetition } from '../fixtures/petitions.ts';
import { assignedPetition, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
const auth: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  api = await startTestApi();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk-1' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'sup-1' });
  auth.natres = await api.as({ roles: ['department'], sub: 'natres-1', department: 'natres' });
  auth.deputy = await api.as({ roles: ['deputy_head'], sub: 'jiang', officialId: 'off-11' });
  auth.head = await api.as({ roles: ['head'], sub: 'feng', officialId: 'off-09' });
});
afterAll(async () => {
  await api.close();
});

const headers = (who: string) => auth[who] ?? {};
const draft = (caseId: string, body: Record<string, unknown>) =>
  api.call('POST', `/cases/${caseId}/opinion-drafts`, { body, headers: headers('natres') });
const decide = (caseId: string, who: string, body: Record<string, unknown>) =>
  api.call('POST', `/cases/${caseId}/sign-off`, { body, headers: headers(who) });
const latest = (answer: {
  body: { case: { opinionDrafts: Array<{ versions: Array<{ version: number; digest: string }> }> } };
}) => {
  const version = answer.body.case.opinionDrafts.at(-1)?.versions.at(-1);
  return { version: version?.version, digest: version?.digest };
};
async function opinionNotices(caseId: string) {
  const { body } = await api.call('GET', `/cases/${caseId}/notices`, { headers: headers('clerk') });
  return body.notices.filter((n: { type: string }) => n.type === 'opinion');
}

/** The signature's covered bytes and its CMS, as any PDF reader finds them. */
function signatureParts(pdf: Buffer) {
  const ranges = [
    ...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ];
  const [a, b, c, d] = (ranges.at(-1)?.slice(1) ?? []).map(Number) as [number, number, number, number];
  return {
    covered: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    cms: Buffer.from(
      pdf
        .subarray(a + b + 1, c - 1)
        .toString('latin1')
        .replace(/(00)+$/, ''),
      'hex',
    ),
  };
}

let hasOpenssl = true;
try {
  execFileSync('openssl', ['version']);
} catch {
  hasOpenssl = false;
}

describe('an opinion signed off by the right leader goes out sealed and signed', () => {
  let caseId = '';
  let pdf: Buffer;
  let document: { documentNumber: string; checkCode: string; signedBy: { name: string } };

  it('walks draft, return, revision and the head’s signature; the notice waits for the signature', async () => {
    // A joint petition (co-signers): major, the head's to sign.
    ({ caseId } = await assignedPetition(api, 'natres', webPetition({ coSigners: 12 })));
    const first = await draft(caseId, { action: 'issue_opinion', ...opinionFields('partly_supported') });
    expect(first.status).toBe(200);
    expect(first.body.case.status).toBe('assigned');
    expect(await opinionNotices(caseId)).toEqual([]);
    const read = await api.call('GET', `/cases/${caseId}`, { headers: headers('deputy') });
    expect(read.body.gravity).toEqual({ level: 'major', grounds: ['joint_petition'] });
    expect(read.body.mayNow).toContain('sign_off');

    const returned = await decide(caseId, 'deputy', {
      decision: 'return',
      ...latest(first),
      comments: '请补充实地测量结果',
    });
    expect(returned.status).toBe(200);
    const noComments = await decide(caseId, 'deputy', { decision: 'return', ...latest(first) });
    expect(noComments.status).toBe(400);
    expect(noComments.body.error.fields[0].field).toBe('comments');

    const revised = await draft(caseId, {
      action: 'issue_opinion',
      ...opinionFields('supported'),
      revises: 1,
    });
    expect(revised.status).toBe(200);
    const byDeputy = await decide(caseId, 'deputy', { decision: 'sign', ...latest(revised) });
    expect(byDeputy.status).toBe(403);
    expect(byDeputy.body.error.message.zh).toBe('重大事项的意见须由主要领导签发。');
    const stale = await decide(caseId, 'head', { decision: 'sign', ...latest(first) });
    expect(stale.status).toBe(409);
    expect(await opinionNotices(caseId)).toEqual([]);

    const signed = await decide(caseId, 'head', { decision: 'sign', ...latest(revised) });
    expect(signed.status).toBe(200);
    expect(signed.body.case.status).toBe('opinion_issued');
    expect(signed.body.case.opinion.signedOff).toMatchObject({
      officialId: 'off-09',
      role: 'head',
      gravity: 'major',
      version: 2,
    });
    const timeline = await api.call('GET', `/cases/${caseId}/timeline`, { headers: headers('clerk') });
    const events = timeline.body.timeline.map((e: { type: string }) => e.type);
    expect(events.slice(-5)).toEqual([
      'opinion_drafted',
      'opinion_returned',
      'opinion_drafted',
      'opinion_signed',
      'issue_opinion',
    ]);
    expect(timeline.body.timeline.at(-2).data.digest).toBe(latest(revised).digest);
    expect(await opinionNotices(caseId)).toHaveLength(1);
  });

  it('issues the notice as a numbered document, sealed, naming the signer, signed over every byte', async () => {
    const { notices: deliver } = await loadScheduledHandlers();
    await deliver(scheduledEvent('notices'), context('notices'));
    const [notice] = await opinionNotices(caseId);
    const path = `/cases/${caseId}/notices/${notice.noticeId}/document`;
    document = (await api.call('GET', path, { headers: headers('clerk') })).body;
    expect(document.documentNumber).toMatch(/^珠信告〔\d{4}〕\d+号$/);
    expect(document.checkCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(document.signedBy.name).toBe('冯某');
    const answer = await fetch(`${api.url}${path}`, {
      headers: { ...headers('clerk'), accept: 'application/pdf' },
    });
    pdf = Buffer.from(await answer.arrayBuffer());
    const parsed = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const page = await parsed.getPage(1);
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
    expect(text).toContain('签发人');
    expect(text).toContain('冯某');
    expect(text).toContain(document.checkCode);
    const operators = await page.getOperatorList();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    expect(operators.fnArray).toContain(OPS.paintImageXObject);

    const intact = await api.call('POST', '/documents/file-check', { body: { pdf: pdf.toString('base64') } });
    expect(intact.body).toMatchObject({
      signed: true,
      intact: true,
      byThisOrgan: true,
      document: { number: document.documentNumber, type: 'opinion', issuer: { zh: '珠泉县信访局' } },
    });
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('/Title');
    changed[at + 8] = (changed[at + 8] ?? 0) ^ 1;
    const broken = await api.call('POST', '/documents/file-check', {
      body: { pdf: changed.toString('base64') },
    });
    expect(broken.body).toMatchObject({ signed: true, intact: false, document: null });
  });

  it.skipIf(!hasOpenssl)('is valid to OpenSSL’s CMS check, and invalid after one byte changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pades-'));
    const verify = (file: Buffer) => {
      const { covered, cms } = signatureParts(file);
      writeFileSync(join(dir, 'content'), covered);
      writeFileSync(join(dir, 'cms.der'), cms);
      try {
        execFileSync(
          'openssl',
          [
            'cms',
            '-verify',
            '-binary',
            '-inform',
            'DER',
            '-in',
            join(dir, 'cms.der'),
            '-content',
            join(dir, 'content'),
            '-noverify',
            '-out',
            '/dev/null',
          ],
          { stdio: 'pipe' },
        );
        return true;
      } catch {
        return false;
      }
    };
    expect(verify(pdf)).toBe(true);
    const changed = Buffer.from(pdf);
    changed[100] = (changed[100] ?? 0) ^ 1;
    expect(verify(changed)).toBe(false);
  });

  it('confirms the number with its check code to anyone, and answers a wrong code as an unknown number', async () => {
    const path = `/documents/${encodeURIComponent(document.documentNumber)}/check`;
    const typed = document.checkCode.toLowerCase().replace('-', ' ');
    const confirmed = await api.call('POST', path, { body: { code: typed } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({
      number: document.documentNumber,
      issuer: expect.objectContaining({ zh: '珠泉县信访局' }),
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      type: 'opinion',
      title: expect.objectContaining({ zh: '信访事项处理意见书' }),
    });
    const wrong = await api.call('POST', path, { body: { code: 'ZZZZ-ZZZZ' } });
    const unknown = await api.call('POST', `/documents/${encodeURIComponent('珠信告〔1999〕1号')}/check`, {
      body: { code: document.checkCode },
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
  });
});

describe('a matter that runs long: the petitioner hears where it stands', () => {
  it('sends one progress notice when a matter is left 31 days in handling, and the status page shows it', async () => {
    const petition = webPetition();
    const { caseId, receiptCode, verifier } = await assignedPetition(api, 'natres', petition);
    const handle = (await api.call('GET', `/cases/${caseId}`, { headers: headers('clerk') })).body.case
      .deadlines.handle;
    const check = (day: string) =>
      api.call('POST', `/deadline-checks?asOf=${day}&record=true`, { headers: headers('supervisor') });
    const progress = async () =>
      (await api.call('GET', `/cases/${caseId}/notices`, { headers: headers('clerk') })).body.notices.filter(
        (n: { type: string }) => n.type === 'progress',
      );
    await check(addDays(handle.startedOn, 30));
    expect(await progress()).toEqual([]);
    const day31 = await check(addDays(handle.startedOn, 31));
    expect(day31.body.levels).toContainEqual(expect.objectContaining({ caseId, marks: ['halfway'] }));
    await check(addDays(handle.startedOn, 31));
    await check(addDays(handle.startedOn, 32));
    const sent = await progress();
    expect(sent).toHaveLength(1);
    expect(sent[0].text.zh).toContain(`预计于${handle.dueDate}前出具意见`);
    expect(sent[0].text.zh).toContain('县自然资源局');
    const status = await api.call('GET', `/petitions/${receiptCode}?verifier=${verifier}`);
    expect(status.body.notices).toContainEqual(
      expect.objectContaining({
        type: 'progress',
        title: expect.objectContaining({ zh: '信访事项办理进展告知书' }),
      }),
    );
  });
});
