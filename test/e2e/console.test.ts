/// <reference lib="dom" />
// The staff console in Chromium: each role signs in through the local OpenID provider
// (authorization code + PKCE, the same code path as on AWS) and does its main work. Every
// screen is checked with axe-core and photographed at 1280 and 390 px wide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/http-server.ts';
import { loadScheduledHandlers, SAMPLE_REGION_FILE, scheduledEvent } from '../../infra/local/stack.ts';
import { buildWeb, webDist } from '../../infra/web-build.ts';
import { localDate } from '../../shared/domain/local-time.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { opinionFields, staffCase, uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { pdfOfPages, sidewaysPhotoWithGps } from '../fixtures/sample-files.ts';
import { startTestApi, type TestApi } from '../integration/harness.ts';
import { axeViolations, launchChromium, screenshot } from './browser.ts';

/** The console's script, gzipped, may not exceed this (issue 13). */
const CONSOLE_SCRIPT_BUDGET_BYTES = 60 * 1024;

let api: TestApi;
let browser: Browser;
const auth: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  buildWeb({ language: loadRegionConfig(SAMPLE_REGION_FILE).region.language });
  api = await startTestApi({ signIn: true });
  browser = await launchChromium();
  auth.clerk = await api.as({ roles: ['clerk'], sub: 'clerk' });
  auth.supervisor = await api.as({ roles: ['supervisor'], sub: 'supervisor' });
  auth.hrss = await api.as({ roles: ['department'], sub: 'dept-hrss', department: 'hrss' });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function call(method: string, path: string, who: string, body?: unknown) {
  const answer = await api.call(method, path, {
    headers: auth[who] as Record<string, string>,
    ...(body !== undefined && { body }),
  });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return answer.body;
}

/** A case a clerk registered, optionally accepted and assigned to a department. */
async function seedCase(overrides: Parameters<typeof staffCase>[0] = {}, assignTo?: string) {
  const filed = await call(
    'POST',
    '/cases',
    'clerk',
    staffCase({ receivedAt: new Date().toISOString(), ...overrides }),
  );
  if (assignTo) {
    await call('POST', `/cases/${filed.caseId}/transitions`, 'clerk', {
      action: 'accept',
      plan: '交办承办单位',
    });
    await call('POST', `/cases/${filed.caseId}/transitions`, 'supervisor', {
      action: 'assign',
      leadDepartment: assignTo,
    });
  }
  return filed as { caseId: string; receiptCode: string };
}

/** Signs in through the provider's own login form; returns the console, ready. */
async function signIn(username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('petition-desk-language', 'zh'));
  const page = await context.newPage();
  await page.goto(`${api.url}/console.html`);
  await page.waitForURL(`${api.issuer}/interaction/**`);
  await page.fill('#username', username);
  await page.fill('#password', api.staffPassword);
  await page.click('button[type="submit"]');
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** axe-core finds nothing serious, and the screen is photographed at both widths. */
async function checkScreen(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await axeViolations(page), name).toEqual([]);
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `console-${name}-${width}`);
  }
  await page.setViewportSize(size);
}

const goTo = async (page: Page, hash: string) => {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
};

describe('signing in', () => {
  it('signs in with code + PKCE, keeps the tokens out of storage, and signs out', async () => {
    const page = await signIn('clerk');
    // The name from the provider's ID token, in the region's script like the rest.
    expect(await page.textContent('#signed-in')).toBe('接访员 周某（接访员）');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ/);
    await checkScreen(page, 'queues');

    await page.click('#sign-out');
    await page.click('#confirm-sign-out');
    await page.waitForSelector('#sign-in');
    expect(await page.textContent('main')).toContain('您已登出');
    // Signing in again asks for the password: the provider's session ended too.
    await page.click('#sign-in');
    await page.waitForURL(`${api.issuer}/interaction/**`);
    await checkScreen(page, 'sign-in');
  });

  it('refuses a wrong password at the provider', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/console.html`);
    await page.waitForURL(`${api.issuer}/interaction/**`);
    await page.fill('#username', 'clerk');
    await page.fill('#password', 'not-the-password');
    await page.click('button[type="submit"]');
    expect(await page.textContent('#problem')).toContain('Wrong username or password');
    await page.close();
  });
});

describe('the clerk', () => {
  it('registers a letter, sees the earlier file while typing and on the slip, and links the new one to it', async () => {
    const phone = uniquePhone();
    const earlier = await seedCase({
      petitioner: { name: '李某', phone },
      subject: '柳树村征地补偿款至今未发放',
      description: '2025年柳树村征地，每亩补偿款至今未发到户，村委会说等上面拨款。',
    });
    const page = await signIn('clerk');
    await goTo(page, '#/intake');
    await page.waitForSelector('#intake-title');
    await page.selectOption('#intake-channel', 'letter');
    // The same petitioner, the same matter in other words: a new file, flagged as a likely repeat.
    await page.fill('input[name="petitioner.name"]', '李某');
    await page.fill('input[name="petitioner.phone"]', phone);
    await page.selectOption('select[name="township"]', 'liushu');
    await page.selectOption('select[name="category"]', 'land');
    await page.fill('input[name="subject"]', '征地补偿款没有发放');
    await page.fill('textarea[name="description"]', '柳树村2025年征地，补偿款拖欠至今，村委会说等上面拨款。');
    await page.waitForSelector(`#lookalikes a[href="#/case/${earlier.caseId}"]`);
    await page.check('input[name="consent"]');
    await checkScreen(page, 'intake');

    await page.click('form[aria-label="代为登记"] button[type="submit"]');
    const code = await page.textContent('#slip-receipt-code');
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    const newId = (await page.textContent('#slip-case-id')) as string;
    expect(newId).not.toBe(earlier.caseId);
    await page.waitForSelector(`#slip-likely-repeat a[href="#/case/${earlier.caseId}"]`);
    await checkScreen(page, 'receipt-slip');

    await goTo(page, `#/case/${newId}`);
    await page.waitForSelector(`#likely-repeat a[href="#/case/${earlier.caseId}"]`);
    const suggestion = page.locator(`li[data-case="${earlier.caseId}"]`);
    await suggestion.locator('input[name="reason"]').fill('同一村同一征地补偿事项');
    await suggestion.locator('button[type="submit"]').click();
    await page.click('dialog button:has-text("确定")');
    await page.waitForSelector(`a[href="#/case/${earlier.caseId}"]:has-text("已并入")`);
    await checkScreen(page, 'case');

    const linked = await call('GET', `/cases/${newId}`, 'clerk');
    expect(linked.case.duplicateOf).toBe(earlier.caseId);
    await page.context().close();
  });

  it('scans the letter in at registration with progress, opens the photo on the case page (the opening in the read log) and redacts it', async () => {
    const page = await signIn('clerk');
    await goTo(page, '#/intake');
    await page.waitForSelector('#intake-title');
    await page.selectOption('#intake-channel', 'letter');
    await page.fill('input[name="petitioner.name"]', '周某');
    await page.fill('input[name="petitioner.phone"]', uniquePhone());
    await page.selectOption('select[name="township"]', 'hedong');
    await page.selectOption('select[name="category"]', 'labour');
    await page.fill('input[name="subject"]', '来信反映工地围墙倒塌');
    await page.fill(
      'textarea[name="description"]',
      '河东镇工地围墙倒塌，砸坏路边摊位，附现场照片和来信扫描件。',
    );
    await page.check('input[name="consent"]');
    await page.click('form[aria-label="代为登记"] button[type="submit"]');
    const caseId = (await page.textContent('#slip-case-id')) as string;

    // Nothing chosen: said beside the field, nothing sent.
    await page.click('form.file-upload button[type="submit"]');
    expect(await page.textContent('form.file-upload [role="alert"]')).toContain('请选择文件');
    await page.setInputFiles('form.file-upload input[type="file"]', [
      { name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: await sidewaysPhotoWithGps(600, 400) },
      { name: '来信.pdf', mimeType: 'application/pdf', buffer: await pdfOfPages(3) },
    ]);
    await page.click('form.file-upload button[type="submit"]');
    await page.waitForSelector('#slip-files-done');
    expect(await page.locator('form.file-upload progress').count()).toBe(2);
    await checkScreen(page, 'slip-files');

    await goTo(page, `#/case/${caseId}`);
    await page.waitForSelector('#case-files');
    expect(await page.textContent('#case-files')).toMatch(
      /现场照片\.jpg[\s\S]*JPEG[\s\S]*400×600[\s\S]*可查看/,
    );
    expect(await page.textContent('#case-files')).toMatch(/来信\.pdf[\s\S]*3 页/);
    await page.click('button[aria-label="查看 现场照片.jpg"]');
    await page.waitForSelector('#file-viewer img');
    await page.waitForFunction(
      () => (document.querySelector('#file-viewer img') as HTMLImageElement)?.naturalWidth === 400,
    );
    await checkScreen(page, 'case-files');
    // Redaction: one region typed (keyboard), one dragged over the photo, then saved.
    await page.fill('.region-form input[name="x"]', '0');
    await page.fill('.region-form input[name="y"]', '0');
    await page.fill('.region-form input[name="width"]', '50');
    await page.fill('.region-form input[name="height"]', '25');
    await page.press('.region-form input[name="height"]', 'Enter');
    const box = await page.locator('#redaction-canvas').boundingBox();
    if (!box) throw new Error('no picture');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.9, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector('#redaction-regions li:nth-child(2)');
    expect(await page.textContent('#redaction-regions')).toContain(
      '区域 2：第 1 页，距左 60%，距上 60%，30%×30%',
    );
    expect(await page.locator('#redaction-canvas .region').count()).toBe(2);
    await checkScreen(page, 'case-redaction');
    // Saved from the keyboard, as the regions were typed.
    await page.focus('#save-redaction');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#case-files .badge');
    const reads = await call('GET', `/cases/${caseId}/reads`, 'supervisor');
    expect(reads.reads.filter((r: { opened?: string }) => r.opened)).toEqual([
      expect.objectContaining({ by: 'clerk' }),
    ]);
    const [photo] = (await call('GET', `/cases/${caseId}/attachments`, 'clerk')).attachments.filter(
      (a: { name: string }) => a.name === '现场照片.jpg',
    );
    expect(photo.redacted).toMatchObject({ by: 'clerk', regions: 2 });
    await page.context().close();
  });

  it('prints a posted notice as its document and records its delivery from the print queue', async () => {
    const { caseId } = await seedCase({
      petitioner: { name: '赵某', phone: '0000000', address: '柳树乡柳树村二组' },
    });
    const { notices } = await loadScheduledHandlers();
    await notices(scheduledEvent('notices'), lambdaContext('notices'));
    const page = await signIn('clerk');
    await goTo(page, '#/print-queue');
    const item = page.locator('.print-queue li', { hasText: caseId });
    await item.locator('.document-number').waitFor();
    const number = (await item.locator('.document-number').textContent()) as string;
    expect(number).toMatch(/^珠信告〔\d{4}〕\d+号$/);
    expect(await item.locator('.document-title').textContent()).toBe('信访事项登记告知书');
    await checkScreen(page, 'print-queue');

    await item.locator('select[name="method"]').selectOption('post');
    await item.locator('input[name="trackingNumber"]').fill('XA123456789CN');
    await item.locator('button[type="submit"]').click();
    await page.waitForSelector(`.print-queue li:has-text("${caseId}")`, { state: 'detached' });

    await goTo(page, `#/case/${caseId}`);
    const notice = page.locator('li[data-notice]', { hasText: number });
    await notice.locator('button:has-text("文书")').click();
    await notice.locator('.document-issuer').waitFor();
    expect(await notice.textContent()).toContain('邮寄送达');
    const listed = await call('GET', `/cases/${caseId}/notices`, 'clerk');
    expect(listed.notices[0].delivery).toMatchObject({ method: 'post', trackingNumber: 'XA123456789CN' });
    await page.context().close();
  });

  it('shows the API’s field messages and stores nothing when the registration is incomplete', async () => {
    const page = await signIn('clerk');
    await goTo(page, '#/intake');
    await page.waitForSelector('#intake-title');
    const before = (await api.allItems()).filter((i) => i.entity === 'case').length;
    await page.fill('input[name="subject"]', '征');
    await page.click('form[aria-label="代为登记"] button[type="submit"]');
    await page.waitForSelector('.summary li');
    expect(await page.textContent('.summary')).toContain('subject');
    expect(await page.getAttribute('input[name="subject"]', 'aria-invalid')).toBe('true');
    expect((await api.allItems()).filter((i) => i.entity === 'case').length).toBe(before);
    await page.context().close();
  });
});

describe('the owner official', () => {
  it('claims an unowned case, gives an instruction, and sees the clock with its article', async () => {
    // Received at 00:30 in Beijing two days ago: still the day before in UTC (and in this browser).
    const received = localDate(new Date(Date.now() - 2 * 86_400_000), 'Asia/Shanghai');
    const { caseId } = await seedCase({
      subject: '石桥乡拖欠工资',
      township: 'shiqiao',
      category: 'labour',
      receivedAt: `${received}T00:30:00+08:00`,
    });
    const page = await signIn('off-03');
    await goTo(page, '#/queue/unowned');
    const row = page.locator('tr', { has: page.locator(`a[href="#/case/${caseId}"]`) });
    expect(await row.locator('td').last().textContent()).toBe(received);
    await page.click(`a[href="#/case/${caseId}"]`);
    await page.waitForSelector('#case-title');
    expect(await page.textContent('#case-received')).toBe(received);
    expect(await page.textContent('#case-clock')).toMatch(/\d{4}-\d{2}-\d{2}.*第\d+条/);
    await page.click('button[data-act="claim"]');
    await page.click('form[aria-label="包案"] button[type="submit"]');
    await page.waitForSelector('#case-owner:has-text("off-03"), #case-owner:has-text("孙某")');
    await page.click('button[data-act="instruct"]');
    await page.fill('form[aria-label="批示"] textarea[name="text"]', '请人社局五日内核实并回报。');
    await page.click('form[aria-label="批示"] button[type="submit"]');
    await page.waitForSelector('button[data-act="instruct"][aria-expanded="false"]');
    // The timeline names who acted by name and title, not by account.
    await page.waitForSelector('.timeline li:has-text("孙某（常务副县长）")');
    expect(await page.textContent('.timeline')).not.toContain('off-03');
    await checkScreen(page, 'official-case');

    const file = await call('GET', `/cases/${caseId}`, 'supervisor');
    expect(file.case.ownerId).toBe('off-03');
    expect(file.timeline.map((e: { type: string }) => e.type)).toContain('instruction');
    await goTo(page, '#/queue/mine');
    await page.waitForSelector(`a[href="#/case/${caseId}"]`);
    // Filters go into the address, and the queue follows them.
    await page.click('details.filters summary');
    await page.selectOption('select[name="township"]', 'shiqiao');
    await page.click('details.filters button[type="submit"]');
    await page.waitForURL('**#/queue/mine?township=shiqiao');
    await page.waitForSelector(`a[href="#/case/${caseId}"]`);
    await page.selectOption('select[name="township"]', 'hedong');
    await page.click('details.filters button[type="submit"]');
    await page.waitForSelector(`a[href="#/case/${caseId}"]`, { state: 'detached' });
    await page.context().close();
  });
});

describe('the department', () => {
  it('acknowledges an assigned case and issues the handling opinion, enclosing its evidence', async () => {
    const { caseId } = await seedCase(
      { subject: '工地拖欠工资六个月', township: 'hedong', category: 'labour' },
      'hrss',
    );
    // The department's evidence, uploaded as the browser would and checked.
    const evidence = await pdfOfPages(1);
    const added = await call('POST', `/cases/${caseId}/attachments`, 'hrss', {
      files: [{ name: '工资台账.pdf', bytes: evidence.byteLength }],
    });
    const upload = new FormData();
    for (const [k, v] of Object.entries(added.uploads[0].form.fields as Record<string, string>))
      upload.append(k, v);
    upload.append('file', new Blob([new Uint8Array(evidence)]));
    expect((await fetch(added.uploads[0].form.url, { method: 'POST', body: upload })).ok).toBe(true);
    await api.uploadsChecked();
    const page = await signIn('dept-hrss', 390);
    await goTo(page, '#/queue/department');
    await page.click(`a[href="#/case/${caseId}"]`);
    await page.waitForSelector('button[data-act="acknowledge"]');
    await checkScreen(page, 'department-case');
    await page.click('button[data-act="acknowledge"]');
    await page.click('form[aria-label="签收"] button[type="submit"]');
    await page.waitForSelector('button[data-act="acknowledge"]', { state: 'detached' });

    await page.click('button[data-act="issue_opinion"]');
    const form = page.locator('form[aria-label="起草处理意见书（送领导签发）"]');
    const fields = opinionFields('supported');
    await form.locator('select[name="outcome"]').selectOption('supported');
    for (const name of ['request', 'facts', 'reasons', 'legalBasis', 'opinion'] as const) {
      await form.locator(`textarea[name="${name}"]`).fill(fields[name]);
    }
    await form.locator('select[name="enclosures"]').selectOption(added.uploads[0].attachmentId);
    await form.locator('button[type="submit"]').click();
    // A draft: it waits for the leader in charge; nothing goes out yet.
    await page.waitForSelector('#draft-state:has-text("待签发")');
    expect(await page.textContent('#case-status')).not.toContain('已出具处理意见');

    const leader = await signIn('off-11');
    await goTo(leader, '#/queue/sign-off');
    await leader.click(`a[href="#/case/${caseId}"]`);
    await leader.click('button[data-act="sign_off"]');
    const decision = leader.locator('form[aria-label="签发意见"]');
    await decision.locator('select[name="decision"]').selectOption('sign');
    await decision.locator('button[type="submit"]').click();
    await leader.click('dialog button:has-text("确定")');
    await leader.waitForSelector('#case-status:has-text("已出具处理意见")');
    await leader.context().close();

    const file = await call('GET', `/cases/${caseId}`, 'supervisor');
    expect(file.case.status).toBe('opinion_issued');
    expect(file.case.acknowledgements.hrss).toBeDefined();
    expect(file.case.opinion.enclosures).toEqual([added.uploads[0].attachmentId]);
    const { notices } = await call('GET', `/cases/${caseId}/notices`, 'supervisor');
    const opinion = notices.find((n: { type: string }) => n.type === 'opinion');
    const document = await call('GET', `/cases/${caseId}/notices/${opinion.noticeId}/document`, 'supervisor');
    expect(document.enclosures).toEqual(['工资台账.pdf']);
    await page.context().close();
  });
});

describe('the leaders who sign opinions off', () => {
  it('show the sign-off queue with its count, the draft beside the version before, and return it with comments', async () => {
    auth.natres ??= await api.as({ roles: ['department'], sub: 'dept-natres', department: 'natres' });
    auth.deputy ??= await api.as({ roles: ['deputy_head'], sub: 'off-12', officialId: 'off-12' });
    const { caseId } = await seedCase(
      { subject: '宅基地确权争议', township: 'liushu', category: 'land' },
      'natres',
    );
    const first = await call('POST', `/cases/${caseId}/opinion-drafts`, 'natres', {
      action: 'issue_opinion',
      ...opinionFields('not_supported'),
    });
    const v1 = first.case.opinionDrafts[0].versions[0];
    await call('POST', `/cases/${caseId}/sign-off`, 'deputy', {
      decision: 'return',
      version: 1,
      digest: v1.digest,
      comments: '请补充现场勘验情况',
    });
    await call('POST', `/cases/${caseId}/opinion-drafts`, 'natres', {
      action: 'issue_opinion',
      ...opinionFields('partly_supported'),
      revises: 1,
    });

    const page = await signIn('off-11', 390);
    await goTo(page, '#/queue/sign-off');
    const tab = page.locator('a[href^="#/queue/sign-off"] .count');
    await tab.waitFor();
    expect(Number(await tab.textContent())).toBeGreaterThanOrEqual(1);
    await page.click(`a[href="#/case/${caseId}"]`);
    await page.waitForSelector('#draft-versions');
    const headings = await page.locator('#draft-versions thead th').allTextContents();
    expect(headings.slice(1)).toEqual(['第1稿（上一稿）', '第2稿（待签发）']);
    expect(await page.locator('#draft-versions tr.changed').count()).toBeGreaterThan(0);
    expect(await page.textContent('#draft-decisions')).toContain('请补充现场勘验情况');
    expect(await page.textContent('#case-gravity')).toContain('一般事项');
    await page.click('button[data-act="sign_off"]');
    await checkScreen(page, 'sign-off');

    // Keyboard first: the decision, the comments and the submit are reached with the keys.
    const decision = page.locator('form[aria-label="签发意见"]');
    await decision.locator('select[name="decision"]').selectOption('return');
    await decision.locator('textarea[name="comments"]').focus();
    await page.keyboard.type('法律依据请引用条款原文');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.click('dialog button:has-text("确定")');
    await page.waitForSelector('#draft-state:has-text("已退回修改")');
    const file = await call('GET', `/cases/${caseId}`, 'supervisor');
    expect(file.case.status).toBe('assigned');
    expect(file.case.opinionDrafts[0].decisions.map((d: { comments: string }) => d.comments)).toEqual([
      '请补充现场勘验情况',
      '法律依据请引用条款原文',
    ]);
    await page.context().close();
  });
});

describe('the supervisor', () => {
  it('approves an extension from the approvals queue and reads what is overdue', async () => {
    const { caseId } = await seedCase(
      { subject: '社保断缴无人处理', township: 'beihuan', category: 'labour' },
      'hrss',
    );
    await call('POST', `/cases/${caseId}/extension-request`, 'hrss', {
      days: 15,
      reason: '需调取三年社保记录',
    });
    const late = await seedCase({
      subject: '医保报销被拒',
      category: 'health',
      receivedAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
      lateReason: '信件夹在其他材料中，今日清理时发现',
    });

    const page = await signIn('supervisor');
    await goTo(page, '#/queue/approvals');
    await page.click(`a[href="#/case/${caseId}"]`);
    await page.waitForSelector('#pending-extension');
    await page.click('button[data-act="decide_extension"]');
    const form = page.locator('form[aria-label="审批延期"]');
    await form.locator('input[name="approve"]').check();
    await form.locator('textarea[name="note"]').fill('同意延期十五日');
    await form.locator('button[type="submit"]').click();
    await page.click('dialog button:has-text("确定")');
    await page.waitForSelector('#pending-extension', { state: 'detached' });
    const file = await call('GET', `/cases/${caseId}`, 'supervisor');
    expect(file.case.extension.days).toBe(15);

    await goTo(page, '#/queue/overdue');
    await page.waitForSelector(`a[href="#/case/${late.caseId}"]`);
    expect(await page.textContent(`tr:has(a[href="#/case/${late.caseId}"]) .clock`)).toContain('逾期');
    await checkScreen(page, 'overdue');
    await page.context().close();
  });
});

describe('joint review', () => {
  it('a supervisor convenes a joint review of a hard case and records its minutes', async () => {
    const { caseId } = await seedCase({ subject: '征地补偿多年未决', township: 'zhuquan' });
    const page = await signIn('supervisor');
    await goTo(page, `#/case/${caseId}`);
    await page.click('button[data-act="joint_review"]');
    const convene = page.locator('form[aria-label="召开联合会诊"]');
    await convene.locator('input[name="meetingType"]').fill('联合会诊');
    await convene.locator('input[name="date"]').fill('2026-12-03');
    await convene.locator('select[name="departments"]').selectOption(['natres', 'hrss']);
    await convene.locator('select[name="officials"]').selectOption(['off-02']);
    await convene.locator('button[type="submit"]').click();
    const minutes = page.locator('form[aria-label="会议纪要 2026-12-03"]');
    await minutes.locator('textarea[name="rootCause"]').fill('补偿标准争议，测量数据不一致');
    await minutes.locator('textarea[name="direction"]').fill('重新测量，按新标准补足');
    await minutes.locator('textarea[name="decisions"]').fill('自然资源局重新测量\n乡政府公示补偿名单');
    await minutes.locator('button[type="submit"]').click();
    await page.waitForSelector('#reviews-title ~ ul .prose');
    await checkScreen(page, 'joint-review');

    const file = await call('GET', `/cases/${caseId}`, 'supervisor');
    expect(file.case.jointReviews[0].minutes.decisions).toEqual(['自然资源局重新测量', '乡政府公示补偿名单']);
    await page.context().close();
  });
});

describe('the administrator', () => {
  it('publishes the reception calendar and sees its coverage', async () => {
    const year = new Date().getFullYear() + 1;
    const page = await signIn('admin');
    await goTo(page, `#/calendar?year=${year}`);
    await page.waitForSelector('#coverage');
    await page.click(`form[aria-label="发布 ${year} 年接访日历"] button[type="submit"]`);
    await page.waitForSelector('#calendar-days details');
    const days = await call('GET', `/reception-days?from=${year}-01-01&to=${year}-12-31`, 'clerk');
    expect(days.days.length).toBeGreaterThan(200);
    expect(days.days.every((d: { officials: unknown[] }) => d.officials.length === 2)).toBe(true);
    expect(await page.textContent('#coverage')).toContain('无人接访 0 天');
    await checkScreen(page, 'calendar');
    await page.context().close();
  });
});

describe('API keys', () => {
  it('an administrator issues a key to a named system, sees it once, and revokes it with a reason', async () => {
    const page = await signIn('admin');
    await goTo(page, '#/api-keys');
    await page.waitForSelector('#api-keys-title');
    const form = 'form[aria-label="签发密钥"]';
    await page.fill(`${form} input[name="name"]`, '市12345热线平台');
    await page.fill(`${form} input[name="requests"]`, '60');
    await page.fill(`${form} input[name="seconds"]`, '60');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector('#issued-key');
    const key = (await page.textContent('#issued-key')) ?? '';
    expect(key).toMatch(/^pd_[A-Z0-9]{10}_/);
    // The key works for Open311 at once, and its window is the one given.
    const services = await api.call('GET', `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`);
    expect(services.status).toBe(200);
    await page.waitForSelector('#api-keys tbody tr');
    const row = page.locator('#api-keys tbody tr', { hasText: '市12345热线平台' });
    expect(await row.textContent()).toContain('每 60 秒 60 次');
    await checkScreen(page, 'api-keys');
    await row.locator('input[name="reason"]').fill('平台更换');
    await row.locator('button[type="submit"]').click();
    await page.click('dialog button:has-text("确定")');
    await page.waitForSelector('#api-keys tbody tr:has-text("平台更换")');
    const refused = await api.call('GET', `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`);
    expect(refused.status).toBe(403);
    // After a reload, the key is nowhere on the page.
    await page.reload();
    await page.waitForSelector('#api-keys tbody tr');
    expect(await page.content()).not.toContain(key);
    await page.context().close();
  });
});

describe('the auditor', () => {
  it('finds a case by receipt code, reads its verified timeline and who read the personal data', async () => {
    const { caseId, receiptCode } = await seedCase({ subject: '村道损毁无人修' });
    await call('GET', `/cases/${caseId}`, 'clerk');
    const page = await signIn('auditor');
    await page.fill('#find', receiptCode);
    await page.press('#find', 'Enter');
    await page.waitForSelector('#timeline-badge');
    expect(await page.textContent('#timeline-badge')).toBe('记录完整（已校验）');
    // Who registered it, by role; the account for the auditor in its tooltip.
    const registered = page.locator('.timeline li').first();
    expect(await registered.textContent()).toContain('接访员');
    expect(await registered.locator('.actor').getAttribute('title')).toBe('clerk');
    await page.waitForSelector('#read-log tbody tr');
    expect(await page.textContent('#read-log')).toContain('clerk');
    await checkScreen(page, 'auditor-case');
    await page.context().close();
  });
});

describe('the other screens', () => {
  it('reception desk: triages a visitor, calls and marks them seen', async () => {
    const page = await signIn('clerk', 390);
    await goTo(page, '#/reception');
    await page.waitForSelector('#reception-title');
    const form = page.locator('form[aria-label="分诊"]');
    const visit = webPetition({ subject: '低保申请被拒', category: 'rural' });
    await form.locator('input[name="petition.petitioner.name"]').fill(visit.petitioner.name);
    await form.locator('input[name="petition.petitioner.phone"]').fill(uniquePhone());
    await form.locator('select[name="petition.township"]').selectOption(visit.township);
    await form.locator('select[name="petition.category"]').selectOption(visit.category);
    await form.locator('input[name="petition.subject"]').fill(visit.subject);
    await form.locator('textarea[name="petition.description"]').fill(visit.description);
    // Raised with the competent department first (level by level): the desk takes it.
    await form.locator('select[name="petition.previouslyRaisedWith"]').selectOption(['agri']);
    await form.locator('input[name="petition.consent"]').check();
    await form.locator('button[type="submit"]').click();
    expect(await page.textContent('#triage-decision')).toContain('已排入接待队列');
    await page.click('#visitor-queue button:has-text("叫号")');
    await page.click('#visitor-queue button:has-text("已接待")');
    await page.waitForSelector('#visitor-queue .badge.ok');
    await checkScreen(page, 'reception');
    await page.context().close();
  });

  it('reports, backlog and the English switch', async () => {
    const page = await signIn('supervisor');
    await goTo(page, '#/reports');
    await page.waitForSelector('.charts figure svg');
    await checkScreen(page, 'reports');
    await goTo(page, '#/backlog');
    await page.waitForSelector('#backlog-rate');
    await checkScreen(page, 'backlog');
    await page.click('button:has-text("English")');
    await page.waitForSelector('h1:has-text("Backlog")');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.context().close();
  });

  it('works by keyboard: the skip button, the menu, and the focus on each new screen’s heading', async () => {
    const page = await signIn('clerk');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    for (let i = 0; i < 10; i++) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('href'))) === '#/intake') break;
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'intake-title');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
    await page.context().close();
  });

  it('keeps the console script within its budget', () => {
    const script = readFileSync(join(webDist, 'assets', 'console.js'));
    const gzipped = gzipSync(script, { level: 9 }).length;
    console.log(`console script: ${script.length} B, ${gzipped} B gzipped`);
    expect(gzipped).toBeLessThanOrEqual(CONSOLE_SCRIPT_BUDGET_BYTES);
  });
});

describe('the archive officer', () => {
  it('opens on the disposal lists (no work queue), and is told when nothing is due', async () => {
    const page = await signIn('archivist');
    await page.waitForSelector('#disposal-title');
    expect(await page.textContent('nav')).toContain('销毁清册');
    await page.click('form[aria-label="现在编制清册"] button[type="submit"]');
    await page.waitForFunction(() => document.body.textContent?.includes('目前没有到期应销毁的案件'));
    await checkScreen(page, 'disposal-lists');
  });
});

describe('data requests', () => {
  it("shows the petitioner's request on the case and answers it with a reason", async () => {
    const filed = await seedCase({ petitioner: { name: '趙某', phone: uniquePhone() } });
    const personal = (
      await api.call('GET', `/cases/${filed.caseId}`, { headers: auth.clerk as Record<string, string> })
    ).body.petitioner.petitioner;
    const asked = await api.call('POST', `/petitions/${filed.receiptCode}/data-requests`, {
      body: {
        verifier: String(personal.phone).slice(-4),
        kind: 'correction',
        address: '東城鎮新街8號',
        text: '地址已變更',
      },
    });
    expect(asked.status).toBe(201);
    const page = await signIn('clerk');
    await goTo(page, '#/queue/data-requests');
    await page.waitForSelector(`a[href="#/case/${filed.caseId}"]`);
    await goTo(page, `#/case/${filed.caseId}`);
    await page.waitForSelector('#data-requests');
    expect(await page.textContent('#data-requests')).toContain('東城鎮新街8號');
    await page.click('button[data-act="decide_data_request"]');
    await page.check('#decide_data_request-granted');
    await page.fill('textarea[name="reason"]', '已按新地址更正');
    await page.click('form[aria-label="答复个人信息请求"] button[type="submit"]');
    await page.click('dialog button:has-text("确定")');
    await page.waitForFunction(() =>
      document.querySelector('#data-requests')?.textContent?.includes('已按新地址更正'),
    );
    // The timeline and the notices name what happened in words, never by its code.
    await page.waitForFunction(() => document.body.textContent?.includes('个人信息请求答复书'));
    expect(await page.textContent('main')).not.toContain('data_request');
    await checkScreen(page, 'data-request');
  });
});

describe('retention on the case', () => {
  it('not-accepts a routine letter, and the case shows its retention schedule and offers a hold', async () => {
    const filed = await seedCase({ subject: '詢問信訪局辦公時間' });
    const page = await signIn('clerk');
    await goTo(page, `#/case/${filed.caseId}`);
    await page.click('button[data-act="not_accept"]');
    await page.fill('textarea[name="reason"]', '一般諮詢，已電話答覆');
    await page.check('#not_accept-routine');
    await page.click('form[aria-label="不予受理"] button[type="submit"]');
    await page.click('dialog button:has-text("确定")');
    await page.waitForSelector('#retention');
    expect(await page.textContent('#retention')).toContain('一般来信');
    const supervisor = await signIn('supervisor');
    await goTo(supervisor, `#/case/${filed.caseId}`);
    await supervisor.waitForSelector('button[data-act="hold"]');
    // Every notice named in words, not by its code.
    await supervisor.waitForFunction(() => document.body.textContent?.includes('不予受理告知'));
    expect(await supervisor.textContent('main')).not.toContain('not_accepted');
    await checkScreen(supervisor, 'case-retention');
  });
});
