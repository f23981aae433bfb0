/// <reference lib="dom" />
// The citizen pages in a real browser (Debian's Chromium, driven by playwright-core) against
// the local server: the same origin serves the pages and the API, as `npm start` does.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheduledHandlers, SAMPLE_REGION_FILE, scheduledEvent } from '../../infra/local/stack.ts';
import { buildWeb } from '../../infra/web-build.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { context } from '../fixtures/lambda.ts';
import { uniquePhone, webPetition } from '../fixtures/petitions.ts';
import { sidewaysPhotoWithGps, smallPng } from '../fixtures/sample-files.ts';
import { assignedPetition, signedOpinion, startTestApi, type TestApi } from '../integration/harness.ts';
import { axeViolations, launchChromium, screenshot } from './browser.ts';

/** The form page's whole transfer (HTML, CSS, script, configuration) may not exceed this. */
const FORM_PAGE_BUDGET_BYTES = 100 * 1024;

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  buildWeb({ language: loadRegionConfig(SAMPLE_REGION_FILE).region.language });
  api = await startTestApi();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(path: string, language: 'zh' | 'en' = 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 414, height: 900 } });
  // The first visit's language; a switch made on a page then sticks, as for a resident.
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('petition-desk-language')) localStorage.setItem('petition-desk-language', lang);
  }, language);
  const page = await context.newPage();
  await page.goto(`${api.url}${path}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

interface Resident {
  name: string;
  phone: string;
  subject: string;
}

const resident = (): Resident => ({ name: '孙某', phone: uniquePhone(), subject: '拖欠工资半年未发' });

async function fillForm(page: Page, who: Resident) {
  await page.fill('#name', who.name);
  await page.fill('#phone', who.phone);
  await page.selectOption('#township', 'hedong');
  await page.selectOption('#category', 'labour');
  await page.fill('#subject', who.subject);
  await page.fill('#description', '河东镇某建筑工地拖欠工资六个月，多次讨要无果。');
  await page.check('#consent');
}

describe('the petition form', () => {
  it('files a petition and shows the receipt code, what happens next and by when', async () => {
    const page = await open('/');
    const who = resident();
    await screenshot(page, 'form');

    await fillForm(page, who);
    await page.click('button[type="submit"]');
    await page.waitForURL('**/receipt.html');

    const code = await page.textContent('#receipt-code');
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect(await page.textContent('#receipt')).toContain('办理期限');
    await screenshot(page, 'receipt');
  });

  it('tries again with the same Idempotency-Key when the service is busy, and files one case', async () => {
    const page = await open('/');
    const who = resident();
    const countCases = async () => (await api.allItems()).filter((i) => i.entity === 'case').length;
    const before = await countCases();
    const keys: string[] = [];
    let busy = true;
    await page.route('**/petitions', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (busy) {
        busy = false;
        // The first try reaches the store, but its answer is lost: a 503 comes back instead.
        await route.fetch();
        return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{}}' });
      }
      return route.continue();
    });

    await fillForm(page, who);
    await page.click('button[type="submit"]');
    await page.waitForURL('**/receipt.html');

    const receipt = await page.textContent('#receipt');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect((await countCases()) - before).toBe(1);
    // The replayed first answer (a new file), not "already on file".
    expect(receipt).not.toContain('此事项已有记录');
  });

  it('tells a second submission of the same matter that it is already on file, with the same code', async () => {
    const who = resident();
    const first = await open('/');
    await fillForm(first, who);
    await first.click('button[type="submit"]');
    await first.waitForURL('**/receipt.html');
    const code = await first.textContent('#receipt-code');

    const again = await open('/');
    await fillForm(again, who);
    await again.click('button[type="submit"]');
    await again.waitForURL('**/receipt.html');

    expect(await again.textContent('#receipt-code')).toBe(code);
    expect(await again.textContent('#receipt')).toContain('此事项已有记录');
  });

  it('shows every problem beside its field and in a summary, and stores nothing', async () => {
    const before = (await api.allItems()).length;
    const page = await open('/');
    await page.fill('#phone', '12');

    await page.click('button[type="submit"]');

    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('summary');
    expect(await page.textContent('[id="err-petitioner.name"]')).toBe('此栏位必填。');
    expect(await page.textContent('[id="err-petitioner.phone"]')).toContain('电话号码格式不正确');
    expect(await page.textContent('#err-township')).toBe('请选择一项。');
    expect(await page.textContent('#err-consent')).toBe('必须勾选同意。');
    expect(await page.getAttribute('#name', 'aria-invalid')).toBe('true');
    expect(await page.locator('#summary-list li').count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'form-errors');
    expect((await api.allItems()).length).toBe(before);
  });

  it('keeps the server the authority: a bypassed browser check still gets the 400', async () => {
    const page = await open('/');

    const status = await page.evaluate(async () => {
      const answer = await fetch('/petitions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ petitioner: { name: 'x', phone: '1' }, consent: true }),
      });
      return answer.status;
    });

    expect(status).toBe(400);
  });

  it('can be filled and sent with the keyboard alone', async () => {
    const page = await open('/');
    const who = resident();
    const keyboard = page.keyboard;
    await page.focus('#name');
    await keyboard.type(who.name);
    await keyboard.press('Tab');
    await keyboard.type(who.phone);
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    await keyboard.press('Tab');
    await keyboard.press('ArrowDown'); // township: the first one
    await keyboard.press('Tab');
    await keyboard.press('ArrowDown'); // category: the first one
    await keyboard.press('Tab');
    await keyboard.type(who.subject);
    await keyboard.press('Tab');
    await keyboard.type('键盘操作填写的信访事项具体情况说明。');
    // outcome, raised-with, add-rep, co-signers, files, consent
    for (let i = 0; i < 6; i++) await keyboard.press('Tab');
    await keyboard.press('Space');
    await keyboard.press('Tab');
    await keyboard.press('Enter');

    await page.waitForURL('**/receipt.html');
    expect(await page.textContent('#receipt-code')).toMatch(/^[A-Z0-9-]{12}$/);
  });

  it('switches to English and keeps the choice on the next page', async () => {
    const page = await open('/');

    await page.click('#language');

    expect(await page.textContent('h1')).toBe('Submit a petition');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#township option').nth(1).textContent()).toBe('Chengguan Town');
    await page.goto(`${api.url}/status.html`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('h1')).toBe('Check progress');
    await screenshot(page, 'status-en');
  });

  it("names a representative's fields in English in the error summary after the switch", async () => {
    const page = await open('/');
    await page.click('#add-rep');
    await page.fill('#rep-0-phone', '12');
    await page.click('button[type="submit"]');
    await page.click('#language');

    const summary = await page.locator('#summary-list li').allTextContents();
    const representative = summary.filter((line) => line.startsWith('Representative 1'));
    expect(representative.length).toBeGreaterThan(0);
    expect(summary.join('\n')).not.toMatch(/[代表姓名电话]/);
  });

  it('sends photos with the petition straight to storage, shows each on the receipt, and the status page lists them checked', async () => {
    const page = await open('/');
    const who = resident();
    await fillForm(page, who);
    const photo = await sidewaysPhotoWithGps();
    await page.setInputFiles('#files', [
      { name: '工地照片.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') },
    ]);
    await page.click('button[type="submit"]');
    await page.waitForURL('**/receipt.html');
    expect(await page.textContent('#receipt-files')).toMatch(
      /工地照片\.jpg：已上传，正在检查[\s\S]*notes\.pdf：已上传/,
    );
    await api.uploadsChecked();

    const code = (await page.textContent('#receipt-code')) as string;
    const status = await open(`/status.html?code=${encodeURIComponent(code)}`);
    await status.fill('#verifier', who.phone.slice(-4));
    await status.click('#lookup button[type="submit"]');
    await status.waitForSelector('#status-files');
    const listed = (await status.textContent('#status-files')) as string;
    expect(listed).toContain('工地照片.jpg：已存入案卷');
    expect(listed).toMatch(/notes\.pdf：未被接收（.*PDF/);
    // More files from the status page, with the same checks first.
    await status.setInputFiles('#files', [
      { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    ]);
    await status.click('#more-files button[type="submit"]');
    expect(await status.textContent('#err-files')).toContain('空');
    await status.setInputFiles('#files', [
      { name: '收据.png', mimeType: 'image/png', buffer: await smallPng() },
    ]);
    await status.click('#more-files button[type="submit"]');
    await status.waitForFunction(() =>
      document.querySelector('#status-files')?.textContent?.includes('收据.png'),
    );
    await api.uploadsChecked();
    await status.click('#lookup button[type="submit"]');
    await status.waitForFunction(() =>
      document.querySelector('#status-files')?.textContent?.includes('收据.png：已存入案卷'),
    );
    expect(await axeViolations(status)).toEqual([]);
    await screenshot(status, 'status-files');
  });

  it(`weighs under ${FORM_PAGE_BUDGET_BYTES / 1024} KB in all`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    const external: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().startsWith(api.url)) external.push(response.url());
      bytes += (await response.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(`${api.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForLoadState('networkidle');

    expect(external).toEqual([]);
    expect(bytes).toBeLessThan(FORM_PAGE_BUDGET_BYTES);
    console.info(`form page transfer: ${(bytes / 1024).toFixed(1)} KB (uncompressed), no external request`);
  });
});

describe('status and rating pages', () => {
  async function filed() {
    const page = await open('/');
    const who = resident();
    await fillForm(page, who);
    await page.click('button[type="submit"]');
    await page.waitForURL('**/receipt.html');
    return { code: (await page.textContent('#receipt-code')) as string, verifier: who.phone.slice(-4) };
  }

  it('tells nothing for a wrong verifier, and the status and notices sent for the right one', async () => {
    const { code, verifier } = await filed();
    const clerk = await api.as({ roles: ['clerk'] });
    await api.call('POST', `/cases/${await findCase(code)}/transitions`, {
      body: { action: 'accept', plan: '交县人社局' },
      headers: clerk,
    });
    const page = await open('/status.html');
    const wrong = verifier === '0000' ? '1111' : '0000';

    await page.fill('#receiptCode', code);
    await page.fill('#verifier', wrong);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#result .notice');
    const refused = await page.textContent('#result');
    await page.fill('#verifier', verifier);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#result dl');

    expect(refused).toContain('没有找到相符的案件');
    expect(refused).not.toContain(code);
    expect(await page.textContent('#result')).toContain('已受理');
    expect(await page.textContent('#result .notices')).toContain('信访事项受理告知书');
    await screenshot(page, 'status');
  });

  it('lets the petitioner rate the handling once an opinion was issued', async () => {
    const { code, verifier } = await filed();
    const clerk = await api.as({ roles: ['clerk'] });
    const supervisor = await api.as({ roles: ['supervisor'] });
    const hrss = await api.as({ roles: ['department'], department: 'hrss' });
    const caseId = await findCase(code);
    const step = (headers: Record<string, string>, body: Record<string, unknown>) =>
      api.call('POST', `/cases/${caseId}/transitions`, { body, headers });
    await step(clerk, { action: 'accept', plan: '交县人社局' });
    await step(supervisor, { action: 'assign', leadDepartment: 'hrss' });
    await signedOpinion(api, caseId, hrss, {
      action: 'issue_opinion',
      outcome: 'supported',
      request: '支付工资',
      facts: '经查属实',
      reasons: '拖欠工资违法',
      legalBasis: '《劳动合同法》第30条',
      opinion: '责令限期支付',
    });
    const page = await open(`/rate.html?code=${encodeURIComponent(code)}`);

    await page.fill('#verifier', verifier);
    await page.check('input[value="dissatisfied"]');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#result .notice');

    expect(await page.textContent('#result')).toContain('复查');
    await screenshot(page, 'rate');
  });

  it('asks for a correction and downloads a copy of the file from the status page, and shows the answer', async () => {
    const { code, verifier } = await filed();
    const page = await open(`/status.html?code=${encodeURIComponent(code)}`);
    await page.fill('#verifier', verifier);
    await page.click('#lookup button[type="submit"]');
    await page.waitForSelector('#my-data:not([hidden])');
    // Nothing said: the field says what is missing.
    await page.click('#data-request button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#err-text')?.textContent !== '');
    expect(await page.textContent('#err-text')).toBe('此栏位必填。');
    await page.fill('#requestPhone', '13911112222');
    await page.fill('#requestText', '我換了電話號碼');
    await page.click('#data-request button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('#request-result')?.textContent?.includes('R001'),
    );
    await page.waitForSelector('#status-requests');
    expect(await page.textContent('#status-requests')).toContain('待答复');

    await api.call('POST', `/cases/${await findCase(code)}/data-requests/R001/decision`, {
      headers: await api.as({ roles: ['clerk'] }),
      body: { granted: true, reason: '已更正联系电话' },
    });
    const download = page.waitForEvent('download');
    await page.click('#copy');
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`copy-${code}.pdf`);
    await page.waitForFunction(() =>
      document.querySelector('#status-requests')?.textContent?.includes('已更正联系电话'),
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'status-data-rights');
  });

  async function findCase(code: string): Promise<string> {
    const receipt = (await api.allItems()).find((item) => item.PK === `RECEIPT#${code}`);
    return String(receipt?.caseId);
  }
});

describe('verifying a document', () => {
  it('confirms a number with its check code, and a signed PDF as intact, naming nothing personal', async () => {
    const { caseId } = await assignedPetition(api, 'hrss', webPetition());
    const { notices: deliver } = await loadScheduledHandlers();
    await deliver(scheduledEvent('notices'), context('notices'));
    const clerk = await api.as({ roles: ['clerk'] });
    const { notices } = (await api.call('GET', `/cases/${caseId}/notices`, { headers: clerk })).body;
    const transferred = notices.find((n: { type: string }) => n.type === 'transferred');
    const path = `/cases/${caseId}/notices/${transferred.noticeId}/document`;
    const written = (await api.call('GET', path, { headers: clerk })).body;
    const pdf = Buffer.from(
      await (
        await fetch(`${api.url}${path}`, { headers: { ...clerk, accept: 'application/pdf' } })
      ).arrayBuffer(),
    );

    const page = await open('/verify.html');
    await page.fill('#number', written.documentNumber);
    await page.fill('#code', written.checkCode.toLowerCase());
    await page.click('#by-number button[type="submit"]');
    await page.waitForSelector('#result dl');
    expect(await page.textContent('#result')).toContain('查验通过');
    expect(await page.textContent('#result')).toContain('信访事项转送交办告知书');
    expect(await page.textContent('#result')).not.toContain(caseId);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'verify-number');

    await page.setInputFiles('#pdf', { name: 'notice.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.click('#by-file button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('#result')?.textContent?.includes('签名后未被改动'),
    );
    const changed = Buffer.from(pdf);
    changed[120] = (changed[120] ?? 0) ^ 1;
    await page.setInputFiles('#pdf', { name: 'changed.pdf', mimeType: 'application/pdf', buffer: changed });
    await page.click('#by-file button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#result')?.textContent?.includes('已被改动'));
    await screenshot(page, 'verify-file-changed');

    await page.fill('#code', 'ZZZZ-ZZZZ');
    await page.click('#by-number button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#result')?.textContent?.includes('查无此文书'));
  });
});

describe('accessibility (axe-core)', () => {
  it.each(['/', '/receipt.html', '/status.html', '/rate.html', '/verify.html'])(
    'finds no serious or critical violation on %s',
    async (path) => {
      const page = await open(path);

      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it('finds none on the form showing its errors, nor in English', async () => {
    const page = await open('/', 'en');
    await page.click('button[type="submit"]');

    expect(await axeViolations(page)).toEqual([]);
  });
});
