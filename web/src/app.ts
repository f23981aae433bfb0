// The citizen pages: the petition form, the receipt, the status lookup and the rating.
// Validation runs the very zod schemas the API uses; the server stays the authority.

import { uploadProblems } from '../../shared/domain/attachments.ts';
import { petitionSchemas } from '../../shared/domain/petition.ts';
import type { PublicStatus } from '../../shared/domain/public-view.ts';
import { parseReceiptCode } from '../../shared/domain/receipt-code.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import type { IntakeResult } from '../../shared/usecases/submit-petition.ts';
import { checkInput } from '../../shared/validation.ts';
import { currentLanguage, type Language, languageTag, setLanguage, TEXT, type TextKey, t } from './i18n.ts';
import { postFile, type SignedUpload } from './uploads.ts';

type Bilingual = { zh: string; en: string };
interface ErrorBody {
  error?: { code: string; message: Bilingual; fields?: FieldProblem[] };
}
interface Named {
  code: string;
  name: Bilingual;
}
interface PublicConfig {
  region: { name: Bilingual };
  townships: Named[];
  categories: Named[];
  departments: Named[];
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const lang = () => currentLanguage();
const say = (text: Bilingual) => text[lang()];

let apiUrl = '';
/** The API's answers, as these pages read them. */
interface Answer<T> {
  status: number;
  body: T;
}

async function api<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
  const response = await fetch(`${apiUrl}${path}`, init);
  const body = (await response.json().catch(() => undefined)) as T;
  return { status: response.status, body };
}

/** Tries again when the service is busy (503) or the network failed: three tries, backing off. */
async function withRetries<T>(attempt: () => Promise<Answer<T>>, tries = 3): Promise<Answer<T>> {
  for (let i = 1; ; i++) {
    try {
      const answer = await attempt();
      if (answer.status !== 503 || i >= tries) return answer;
    } catch (error) {
      if (i >= tries) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** i));
  }
}

// --- language -----------------------------------------------------------------------
const rerenders: Array<() => void> = [];

function applyLanguage(): void {
  const language = lang();
  document.documentElement.lang = languageTag(language);
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = TEXT[element.dataset.i18n as TextKey][language];
  }
  const other: Language = language === 'zh' ? 'en' : 'zh';
  const toggle = $<HTMLButtonElement>('#language');
  toggle.textContent = other === 'en' ? 'English' : '中文';
  toggle.lang = languageTag(other);
  for (const rerender of rerenders) rerender();
}

// --- errors beside the fields, and a summary ------------------------------------------
let shownProblems: FieldProblem[] = [];

function clearErrors(): void {
  for (const element of document.querySelectorAll<HTMLElement>('.error')) element.textContent = '';
  for (const element of document.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
  const summary = document.getElementById('summary');
  if (summary) summary.hidden = true;
  shownProblems = [];
}

function fieldOf(problem: FieldProblem): HTMLElement | null {
  // A file's problem ("files.2.bytes") belongs to the one file input.
  return (
    document.querySelector(`[name="${CSS.escape(problem.field)}"]`) ??
    document.querySelector(`[name="${CSS.escape(problem.field.split('.')[0] ?? '')}"]`)
  );
}

function showErrors(problems: FieldProblem[]): void {
  clearErrors();
  shownProblems = problems;
  renderErrors();
  const summary = document.getElementById('summary');
  if (summary) {
    summary.hidden = false;
    summary.focus();
  } else {
    fieldOf(problems[0] as FieldProblem)?.focus();
  }
}

function renderErrors(): void {
  const list = document.getElementById('summary-list');
  if (list) list.replaceChildren();
  for (const problem of shownProblems) {
    const message = say(problem.message);
    const field = fieldOf(problem);
    const slot =
      document.getElementById(`err-${problem.field}`) ??
      document.getElementById(`err-${problem.field.split('.')[0]}`);
    if (slot) slot.textContent = message;
    field?.setAttribute('aria-invalid', 'true');
    if (list) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      // A representative's field is named with its fieldset: "Representative 2 Phone".
      const legend = field?.closest('#rep-list fieldset')?.querySelector('legend')?.textContent;
      const own = field?.id ? document.querySelector(`label[for="${field.id}"]`)?.textContent : undefined;
      const label = own && legend ? `${legend} ${own}` : own;
      link.href = `#${field?.id ?? 'petition'}`;
      link.textContent = label ? `${label}：${message}` : message;
      item.append(link);
      list.append(item);
    }
  }
}
rerenders.push(renderErrors);

// --- the petition form ----------------------------------------------------------------
async function formPage(): Promise<void> {
  const { body: config } = await api<PublicConfig>('/config/public');
  const schemas = petitionSchemas(config);
  const idempotencyKey = crypto.randomUUID();
  const options = (select: HTMLSelectElement, items: Named[], keepFirst: boolean) => {
    const chosen = new Set([...select.selectedOptions].map((o) => o.value));
    const first = keepFirst ? select.options[0] : undefined;
    select.replaceChildren(...(first ? [first] : []));
    for (const item of items) {
      const option = new Option(say(item.name), item.code, false, chosen.has(item.code));
      select.add(option);
    }
  };
  const fill = () => {
    options($('#township'), config.townships, true);
    options($('#category'), config.categories, true);
    options($('#previouslyRaisedWith'), [...config.departments, ...config.townships], false);
    renumberRepresentatives();
  };
  // Labels first: the error summary that follows names fields by their labels.
  rerenders.unshift(fill);
  fill();
  $('#add-rep').addEventListener('click', () => addRepresentative());

  $<HTMLFormElement>('#petition').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = collectPetition();
    const files = chosenFiles($('#files'));
    const problems = [...checkInput(schemas.webPetition, body), ...fileProblems(files)];
    if (problems.length) return showErrors(problems);
    clearErrors();
    const button = $<HTMLButtonElement>('#petition button[type="submit"]');
    button.disabled = true;
    button.textContent = t('sending');
    try {
      // The same key on every try: an answer lost on the way never becomes a second petition.
      const answer = await withRetries(() =>
        api<IntakeResult & ErrorBody>('/petitions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(body),
        }),
      );
      if (answer.status === 400) return showErrors(answer.body.error?.fields ?? []);
      if (answer.status !== 200 && answer.status !== 201) throw new Error(String(answer.status));
      sessionStorage.setItem('petition-desk-receipt', JSON.stringify(answer.body));
      // The petition is filed: the files follow, each straight to storage, and the receipt says how it went.
      const verifier = (value('petitioner.phone') ?? '').replace(/\D/g, '').slice(-4);
      const sent = files.length
        ? await sendFiles(answer.body.receiptCode, verifier, files, $('#upload-list'))
        : [];
      sessionStorage.setItem('petition-desk-files', JSON.stringify(sent));
      location.assign('/receipt.html');
    } catch {
      showErrors([{ field: '', code: 'failed', message: TEXT.failed }]);
    } finally {
      button.disabled = false;
      button.textContent = t('submit');
    }
  });
}

// --- files: checked here first, then one signed form each, sent straight to storage -----------
const chosenFiles = (input: HTMLInputElement): File[] => [...(input.files ?? [])];

/** What the server would refuse the chosen files for (count, size, empty), said before sending. */
function fileProblems(files: File[]): FieldProblem[] {
  if (!files.length) return [];
  return uploadProblems(
    files.map((file) => ({ name: file.name, bytes: file.size })),
    [],
    'petitioner',
    new Date(),
  );
}

interface SentFile {
  name: string;
  sent: boolean;
}

/** Asks for a form per file and sends each, its progress shown in `list`; what arrived. */
async function sendFiles(
  code: string,
  verifier: string,
  files: File[],
  list: HTMLElement,
): Promise<SentFile[]> {
  const answer = await api<{ uploads: SignedUpload[] } & ErrorBody>(
    `/petitions/${encodeURIComponent(code)}/attachments`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        verifier,
        files: files.map((file) => ({ name: file.name.slice(-200), bytes: file.size })),
      }),
    },
  );
  if (answer.status !== 201) return files.map((file) => ({ name: file.name, sent: false }));
  list.replaceChildren();
  return Promise.all(
    answer.body.uploads.map(async (upload, i) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = upload.name;
      const bar = document.createElement('progress');
      bar.max = 1;
      bar.value = 0;
      bar.setAttribute('aria-label', `${t('uploading')} ${upload.name}`);
      item.append(name, bar);
      list.append(item);
      const file = files[i];
      const sent = file ? await postFile(upload, file, (fraction) => (bar.value = fraction)) : false;
      const outcome = document.createElement('span');
      outcome.textContent = sent ? t('uploaded') : t('uploadFailed');
      item.append(outcome);
      return { name: upload.name, sent };
    }),
  );
}

function value(name: string): string | undefined {
  const element = document.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
  const text = element?.value.trim();
  return text ? text : undefined;
}

function collectPetition(): Record<string, unknown> {
  const representatives = [...document.querySelectorAll('#rep-list fieldset')].map((_, i) => ({
    name: value(`representatives.${i}.name`) ?? '',
    phone: value(`representatives.${i}.phone`) ?? '',
  }));
  const raised = [...$<HTMLSelectElement>('#previouslyRaisedWith').selectedOptions].map((o) => o.value);
  const coSigners = value('coSigners');
  const petitioner: Record<string, string> = {
    name: value('petitioner.name') ?? '',
    phone: value('petitioner.phone') ?? '',
  };
  for (const optional of ['idNumber', 'address']) {
    const v = value(`petitioner.${optional}`);
    if (v) petitioner[optional] = v;
  }
  return {
    petitioner,
    township: value('township') ?? '',
    category: value('category') ?? '',
    subject: value('subject') ?? '',
    description: value('description') ?? '',
    ...(value('requestedOutcome') && { requestedOutcome: value('requestedOutcome') }),
    ...(raised.length && { previouslyRaisedWith: raised }),
    ...(representatives.length && { representatives }),
    ...(coSigners !== undefined && { coSigners: Number(coSigners) }),
    consent: $<HTMLInputElement>('#consent').checked,
  };
}

function addRepresentative(): void {
  const list = $('#rep-list');
  if (list.children.length >= 5) return;
  const fieldset = document.createElement('fieldset');
  fieldset.innerHTML = `<legend></legend>
<label data-part="name"></label><input data-part="name" autocomplete="off">
<p class="error" data-part="name"></p>
<label data-part="phone"></label><input data-part="phone" type="tel" autocomplete="off">
<p class="error" data-part="phone"></p>
<button type="button" class="secondary" data-part="remove"></button>`;
  fieldset.querySelector('button')?.addEventListener('click', () => {
    fieldset.remove();
    renumberRepresentatives();
    $<HTMLButtonElement>('#add-rep').focus();
  });
  list.append(fieldset);
  renumberRepresentatives();
  fieldset.querySelector<HTMLInputElement>('input')?.focus();
}

function renumberRepresentatives(): void {
  const sets = [...document.querySelectorAll<HTMLFieldSetElement>('#rep-list fieldset')];
  sets.forEach((fieldset, i) => {
    (fieldset.querySelector('legend') as HTMLElement).textContent = `${t('representative')} ${i + 1}`;
    for (const part of ['name', 'phone'] as const) {
      const id = `rep-${i}-${part}`;
      const input = fieldset.querySelector(`input[data-part="${part}"]`) as HTMLInputElement;
      const label = fieldset.querySelector(`label[data-part="${part}"]`) as HTMLLabelElement;
      const error = fieldset.querySelector(`p[data-part="${part}"]`) as HTMLElement;
      input.id = id;
      input.name = `representatives.${i}.${part}`;
      error.id = `err-representatives.${i}.${part}`;
      input.setAttribute('aria-describedby', error.id);
      label.htmlFor = id;
      label.textContent = t(part);
    }
    (fieldset.querySelector('button') as HTMLElement).textContent = `${t('removeRep')} ${i + 1}`;
  });
  $<HTMLButtonElement>('#add-rep').disabled = sets.length >= 5;
}

// --- the receipt ----------------------------------------------------------------------
function receiptPage(): void {
  const render = () => {
    const box = $('#receipt');
    const stored = sessionStorage.getItem('petition-desk-receipt');
    if (!stored) {
      box.innerHTML = `<p>${t('noReceipt')}</p>`;
      return;
    }
    const receipt = JSON.parse(stored) as {
      receiptCode: string;
      alreadyOnFile: boolean;
      nextDeadline: { dueDate: string; article: string } | null;
    };
    box.replaceChildren();
    const add = (tag: string, text: string, className?: string) => {
      const element = document.createElement(tag);
      element.textContent = text;
      if (className) element.className = className;
      box.append(element);
      return element;
    };
    if (receipt.alreadyOnFile) add('p', t('alreadyOnFile'), 'notice');
    add('p', t('yourCode'));
    add('p', receipt.receiptCode, 'code').id = 'receipt-code';
    add('p', t('keepCode'));
    add('h2', t('whatNext'));
    add('p', t('nextSteps'));
    if (receipt.nextDeadline)
      add('p', `${t('dueBy')}: ${receipt.nextDeadline.dueDate}（${receipt.nextDeadline.article}）`);
    const sent = JSON.parse(sessionStorage.getItem('petition-desk-files') ?? '[]') as SentFile[];
    if (sent.length) {
      add('h2', t('filesSent'));
      const list = add('ul', '', 'uploads');
      list.id = 'receipt-files';
      for (const file of sent) {
        const item = document.createElement('li');
        item.textContent = `${file.name}：${file.sent ? t('uploaded') : t('uploadFailed')}`;
        list.append(item);
      }
    }
    const link = add('a', t('howToCheck'), 'button') as HTMLAnchorElement;
    link.href = `/status.html?code=${encodeURIComponent(receipt.receiptCode)}`;
  };
  rerenders.push(render);
  render();
}

// --- status and rating: receipt code + 4 digits ------------------------------------------
function codeAndVerifier(): { code: string; verifier: string } | undefined {
  const problems: FieldProblem[] = [];
  const code = parseReceiptCode(value('receiptCode') ?? '');
  const verifier = value('verifier') ?? '';
  if (!code)
    problems.push({
      field: 'receiptCode',
      code: 'invalid',
      message: value('receiptCode') ? TEXT.badCode : TEXT.required,
    });
  if (!/^\d{4}$/.test(verifier))
    problems.push({ field: 'verifier', code: 'invalid', message: TEXT.badVerifier });
  if (problems.length || !code) {
    showErrors(problems);
    return undefined;
  }
  return { code, verifier };
}

/** A section of the status page: its heading and its list. */
function listSection(heading: TextKey, tag: 'ol' | 'ul', className: string) {
  const section = document.createElement('section');
  const title = document.createElement('h2');
  title.textContent = t(heading);
  const list = document.createElement(tag);
  list.className = className;
  section.append(title, list);
  return { section, list };
}

/** The written notices sent about the case, each with its number, date and delivery. */
function sentNotices(notices: PublicStatus['notices']): HTMLElement {
  const { section, list } = listSection('noticesSent', 'ol', 'notices');
  for (const notice of notices) {
    const item = document.createElement('li');
    const title = document.createElement('h3');
    title.textContent = say(notice.title);
    const facts = document.createElement('p');
    facts.className = 'facts';
    const delivered = notice.delivered ? `${t('deliveredOn')} ${notice.delivered.on}` : t('notYetDelivered');
    facts.textContent = [notice.documentNumber, `${t('sentOn')} ${notice.sentOn}`, delivered]
      .filter(Boolean)
      .join(' · ');
    const body = document.createElement('p');
    body.textContent = say(notice.text);
    item.append(title, facts, body);
    list.append(item);
  }
  return section;
}

const FILE_STATES: Record<PublicStatus['files'][number]['state'], TextKey> = {
  uploading: 'fileUploading',
  processing: 'fileProcessing',
  available: 'fileAvailable',
  refused: 'fileRefused',
};

/** The files the petitioner sent, each with where it stands (and why one was refused). */
function filesOnStatus(files: PublicStatus['files']): HTMLElement {
  const { section, list } = listSection('filesSent', 'ul', 'uploads');
  list.id = 'status-files';
  for (const file of files) {
    const item = document.createElement('li');
    item.textContent = `${file.name}：${t(FILE_STATES[file.state])}${file.refusal ? `（${say(file.refusal)}）` : ''}`;
    list.append(item);
  }
  return section;
}

/** The petitioner's requests about their data, each with its answer and reason. */
function dataRequestsOnStatus(requests: PublicStatus['dataRequests']): HTMLElement {
  const { section, list } = listSection('yourRequests', 'ul', 'data-requests');
  list.id = 'status-requests';
  for (const request of requests) {
    const item = document.createElement('li');
    const answer = request.decision
      ? `${request.decision.on} ${t(request.decision.granted ? 'granted' : 'refused')}：${request.decision.reason}`
      : t('waitingDecision');
    item.textContent = `${request.askedOn} ${say(request.label)}（${request.requestId}）— ${answer}`;
    list.append(item);
  }
  return section;
}

/** A copy of the file (a PDF download) and a request for a correction or deletion. */
function myDataForms(lookUp: (input: { code: string; verifier: string }) => Promise<void>): void {
  $('#copy').addEventListener('click', async () => {
    const input = codeAndVerifier();
    if (!input) return;
    clearErrors();
    const response = await fetch(`${apiUrl}/petitions/${encodeURIComponent(input.code)}/copy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf' },
      body: JSON.stringify({ verifier: input.verifier }),
    });
    if (!response.ok) {
      $('#copy-result').textContent = t('notFound');
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `copy-${input.code}.pdf`;
    link.click();
    URL.revokeObjectURL(link.href);
    $('#copy-result').textContent = t('copyReady');
    await lookUp(input);
  });
  $<HTMLFormElement>('#data-request').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = codeAndVerifier();
    if (!input) return;
    const kind =
      document.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value ?? 'correction';
    const body = {
      verifier: input.verifier,
      kind,
      ...(value('phone') && kind === 'correction' && { phone: value('phone') }),
      ...(value('address') && kind === 'correction' && { address: value('address') }),
      text: value('text') ?? '',
    };
    // Said before sending, as on the other forms; the server checks again.
    if (!body.text.trim()) return showErrors([{ field: 'text', code: 'required', message: TEXT.required }]);
    clearErrors();
    const answer = await withRetries(() =>
      api<{ requestId: string } & ErrorBody>(`/petitions/${encodeURIComponent(input.code)}/data-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    if (answer.status !== 201) {
      const problems = answer.body.error?.fields;
      if (problems?.length) return showErrors(problems);
      $('#request-result').textContent = answer.body.error ? say(answer.body.error.message) : t('notFound');
      return;
    }
    $('#request-result').textContent = `${t('requestSent')} ${answer.body.requestId}`;
    $<HTMLFormElement>('#data-request').reset();
    await lookUp(input);
  });
}

function statusPage(): void {
  const preset = new URLSearchParams(location.search).get('code');
  if (preset) $<HTMLInputElement>('#receiptCode').value = preset;
  let last: PublicStatus | null | undefined;
  const render = () => {
    const box = $('#result');
    box.replaceChildren();
    if (last === undefined) return;
    if (last === null) {
      box.innerHTML = `<p class="notice"></p>`;
      (box.firstElementChild as HTMLElement).textContent = t('notFound');
      return;
    }
    const list = document.createElement('dl');
    const row = (term: string, detail: string) => {
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = term;
      dd.textContent = detail;
      list.append(dt, dd);
    };
    row(t('status'), say(last.statusLabel));
    row(t('receivedOn'), last.receivedOn);
    row(t('steps'), last.steps.map((s) => `${s.on} ${say(s.label)}`).join('；'));
    const next = last.nextDeadline;
    if (next) {
      const extended = next.extended ? `；${t('extendedFrom')} ${next.extended.previousDueDate}` : '';
      row(t('nextDeadline'), `${say(next.label)}: ${next.dueDate}（${next.article}${extended}）`);
    }
    row(t('department'), last.handlingDepartment ? say(last.handlingDepartment.name) : t('bureau'));
    if (last.repeatCount) row(t('repeats'), String(last.repeatCount));
    if (last.joined) row(t('joined'), last.joined.receiptCode);
    if (last.mayRepeat) row(t('mayRepeat'), last.mayRepeat.receiptCode);
    box.append(list);
    if (last.notices.length) box.append(sentNotices(last.notices));
    box.append(filesOnStatus(last.files));
    if (last.dataRequests.length) box.append(dataRequestsOnStatus(last.dataRequests));
    if (['opinion_issued', 'closed', 'review_opinion_issued', 'final'].includes(last.status)) {
      const link = document.createElement('a');
      link.className = 'button';
      link.href = `/rate.html?code=${encodeURIComponent(last.receiptCode)}`;
      link.textContent = t('rateLink');
      box.append(link);
    }
  };
  rerenders.push(render);
  const lookUp = async (input: { code: string; verifier: string }) => {
    const answer = await api<PublicStatus>(
      `/petitions/${encodeURIComponent(input.code)}?verifier=${input.verifier}`,
    );
    last = answer.status === 200 ? answer.body : null;
    render();
    $<HTMLFormElement>('#more-files').hidden = !last;
    $('#my-data').hidden = !last;
  };
  myDataForms(lookUp);
  $<HTMLFormElement>('#lookup').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = codeAndVerifier();
    if (!input) return;
    clearErrors();
    await lookUp(input);
  });
  // More files to a case found: the same checks and forms as on the petition form.
  $<HTMLFormElement>('#more-files').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = codeAndVerifier();
    const files = chosenFiles($('#files'));
    if (!input) return;
    const problems = fileProblems(files);
    if (!files.length) problems.push({ field: 'files', code: 'required', message: TEXT.required });
    if (problems.length) return showErrors(problems);
    clearErrors();
    await sendFiles(input.code, input.verifier, files, $('#upload-list'));
    $<HTMLInputElement>('#files').value = '';
    await lookUp(input);
  });
}

function ratePage(): void {
  const preset = new URLSearchParams(location.search).get('code');
  if (preset) $<HTMLInputElement>('#receiptCode').value = preset;
  $<HTMLFormElement>('#rating').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = codeAndVerifier();
    if (!input) return;
    const rating = document.querySelector<HTMLInputElement>('input[name="rating"]:checked')?.value;
    if (!rating) return showErrors([{ field: 'rating', code: 'required', message: TEXT.chooseRating }]);
    clearErrors();
    const comment = value('comment');
    const answer = await api<{ reminder: Bilingual } & ErrorBody>(
      `/petitions/${encodeURIComponent(input.code)}/rating`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifier: input.verifier, rating, ...(comment && { comment }) }),
      },
    );
    const box = $('#result');
    box.replaceChildren();
    const message = document.createElement('p');
    message.className = 'notice';
    message.textContent =
      answer.status === 200
        ? `${t('thanks')} ${say(answer.body.reminder)}`
        : answer.body.error && answer.status !== 404
          ? say(answer.body.error.message)
          : t('notFound');
    box.append(message);
  });
}

// --- verify a document ------------------------------------------------------------------
interface DocumentFacts {
  number: string;
  issuer: Bilingual;
  issuedOn: string;
  title: Bilingual;
}

/** What the check found: the organ, date and kind of document, never anything personal. */
function showDocument(lines: string[], facts: DocumentFacts | null): void {
  const box = $('#result');
  box.replaceChildren();
  for (const line of lines) {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = line;
    box.append(p);
  }
  if (!facts) return;
  const list = document.createElement('dl');
  for (const [term, detail] of [
    [t('documentNumber'), facts.number],
    [t('issuedBy'), say(facts.issuer)],
    [t('issuedOn'), facts.issuedOn],
    [t('documentType'), say(facts.title)],
  ]) {
    const dt = document.createElement('dt');
    dt.textContent = term ?? '';
    const dd = document.createElement('dd');
    dd.textContent = detail ?? '';
    list.append(dt, dd);
  }
  box.append(list);
}

function verifyPage(): void {
  $<HTMLFormElement>('#by-number').addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = value('number');
    const code = value('code');
    const missing = [
      ...(number ? [] : [{ field: 'number', code: 'required', message: TEXT.required }]),
      ...(code ? [] : [{ field: 'code', code: 'required', message: TEXT.required }]),
    ];
    if (missing.length) return showErrors(missing);
    clearErrors();
    const answer = await withRetries(() =>
      api<DocumentFacts & ErrorBody>(`/documents/${encodeURIComponent(number ?? '')}/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      }),
    );
    if (answer.status === 200) return showDocument([t('verified')], answer.body);
    showDocument(
      [answer.status === 404 || !answer.body.error ? t('noDocument') : say(answer.body.error.message)],
      null,
    );
  });
  $<HTMLFormElement>('#by-file').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $<HTMLInputElement>('#pdf').files?.[0];
    if (!file) return showErrors([{ field: 'pdf', code: 'required', message: TEXT.chooseFile }]);
    clearErrors();
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const answer = await withRetries(() =>
      api<
        { signed: boolean; intact: boolean; byThisOrgan: boolean; document: DocumentFacts | null } & ErrorBody
      >('/documents/file-check', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pdf: btoa(binary) }),
      }),
    );
    if (answer.status !== 200)
      return showDocument([answer.body.error ? say(answer.body.error.message) : t('failed')], null);
    const { signed, intact, byThisOrgan, document: facts } = answer.body;
    const verdict = !signed ? t('fileUnsigned') : intact && byThisOrgan ? t('fileIntact') : t('fileChanged');
    showDocument(facts ? [t('verified'), verdict] : [verdict], facts);
  });
}

// --- start --------------------------------------------------------------------------------
async function start(): Promise<void> {
  apiUrl = ((await (await fetch('/config.json')).json()) as { apiUrl: string }).apiUrl;
  $('#language').addEventListener('click', () => {
    setLanguage(lang() === 'zh' ? 'en' : 'zh');
    applyLanguage();
  });
  const page = document.body.dataset.page;
  if (page === 'form') await formPage();
  if (page === 'receipt') receiptPage();
  if (page === 'status') statusPage();
  if (page === 'rate') ratePage();
  if (page === 'verify') verifyPage();
  applyLanguage();
  document.body.dataset.ready = 'true';
}

void start();
