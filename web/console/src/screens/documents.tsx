// Written notices as documents: the bureau's head, the document number, the title, the
// addressee and the text, laid out to print (console.css, @media print) or fetched as the
// PDF the API renders; the print queue of those that go by post, and their delivery record.
import { useState } from 'preact/hooks';
import type { DocumentFacts, PrintQueue, WrittenNotice } from '../answers.ts';
import { api, download } from '../api.ts';
import { useDesk } from '../context.ts';
import { href } from '../route.ts';
import { inLanguage, t } from '../text.ts';
import { ActionForm, Choice, formValues, Loading, TextInput, useLoad } from '../ui.tsx';

const documentPath = (n: Pick<WrittenNotice, 'caseId' | 'noticeId'>) =>
  `/cases/${encodeURIComponent(n.caseId)}/notices/${encodeURIComponent(n.noticeId)}/document`;

/** Prints only the element the button sits in (console.css: body.printing-one). */
export function printOne(event: Event) {
  const item = (event.currentTarget as HTMLElement).closest('li, article');
  item?.classList.add('printing');
  document.body.classList.add('printing-one');
  print();
  item?.classList.remove('printing');
  document.body.classList.remove('printing-one');
}

export function DocumentView({ document: d }: { document: WrittenNotice }) {
  return (
    <div class="document">
      <p class="document-issuer">{inLanguage(d.issuer)}</p>
      <p class="document-number">{d.documentNumber ?? t('draftDocument')}</p>
      <h3 class="document-title">{inLanguage(d.title)}</h3>
      <p>{d.addressee}：</p>
      <p class="document-body">{inLanguage(d.body)}</p>
      {d.enclosures.length > 0 && (
        <div class="document-enclosures">
          <p>{t('enclosures')}：</p>
          <ol>
            {d.enclosures.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ol>
        </div>
      )}
      {d.signedBy && (
        <p class="document-signer">
          {t('signer')}：{inLanguage(d.signedBy.title)} {d.signedBy.name}
        </p>
      )}
      <p class="document-foot">
        {inLanguage(d.issuer)}
        <br />
        {d.issuedOn ?? ''}
      </p>
      {d.documentNumber && d.checkCode && <DocumentCheck number={d.documentNumber} code={d.checkCode} />}
    </div>
  );
}

/** What anyone checking this document on the public page is told (查验): asked here, the same way. */
function DocumentCheck({ number, code }: { number: string; code: string }) {
  const [result, setResult] = useState<string>();
  return (
    <p class="document-check no-print">
      {t('checkCode')}：{code}{' '}
      <button
        type="button"
        class="secondary"
        onClick={async () => {
          try {
            const found = await api<DocumentFacts>('POST', `/documents/${encodeURIComponent(number)}/check`, {
              code,
            });
            setResult(
              t('documentChecked', {
                issuer: inLanguage(found.issuer),
                on: found.issuedOn,
                title: inLanguage(found.title),
              }),
            );
          } catch {
            setResult(t('documentNotFound'));
          }
        }}
      >
        {t('checkDocument')}
      </button>{' '}
      <span role="status" class="document-checked">
        {result}
      </span>
    </p>
  );
}

export function PdfButton({ notice }: { notice: Pick<WrittenNotice, 'caseId' | 'noticeId'> }) {
  return (
    <button
      type="button"
      class="secondary no-print"
      onClick={() =>
        download(documentPath(notice), `${notice.caseId}-${notice.noticeId}.pdf`, 'application/pdf')
      }
    >
      PDF
    </button>
  );
}

/** A notice's document, loaded when asked for (opening it gives it its number). */
export function NoticeDocument({ notice }: { notice: Pick<WrittenNotice, 'caseId' | 'noticeId'> }) {
  const loaded = useLoad(() => api<WrittenNotice>('GET', documentPath(notice)), notice.noticeId);
  return loaded.data ? <DocumentView document={loaded.data} /> : <Loading error={loaded.error} />;
}

const DELIVERY_METHODS = ['post', 'in_person'] as const;

export function PrintQueueScreen() {
  const desk = useDesk();
  const queue = useLoad(() => api<PrintQueue>('GET', '/notices/print-queue'), 'print-queue');
  return (
    <section aria-labelledby="print-queue-title">
      <h1 id="print-queue-title">{t('printQueue')}</h1>
      {!queue.data ? (
        <Loading error={queue.error} />
      ) : queue.data.notices.length === 0 ? (
        <p>{t('printQueueEmpty')}</p>
      ) : (
        <ol class="print-queue">
          {queue.data.notices.map((n) => (
            <li key={`${n.caseId}/${n.noticeId}`} data-notice={n.noticeId}>
              <p class="no-print">
                <a href={href(['case', n.caseId])}>{n.caseId}</a> · {t('address')}: {n.address ?? t('none')}
              </p>
              <DocumentView document={n} />
              <p class="buttons no-print">
                <button type="button" class="secondary" onClick={printOne}>
                  {t('print')}
                </button>
                <PdfButton notice={n} />
              </p>
              <ActionForm
                label={`${t('recordDelivery')} ${n.documentNumber ?? n.noticeId}`}
                submit={t('recordDelivery')}
                onSubmit={async (form) => {
                  const v = formValues(form) as Record<string, string>;
                  await api('PUT', `${documentPath(n).replace(/\/document$/, '')}/delivery`, {
                    method: v.method,
                    on: v.on,
                    ...(v.trackingNumber && { trackingNumber: v.trackingNumber }),
                    ...(v.signedBy && { signedBy: v.signedBy }),
                  });
                  queue.reload();
                }}
              >
                {(problems) => (
                  <>
                    <Choice
                      name="method"
                      label={t('deliveryMethod')}
                      options={DELIVERY_METHODS.map((m) => [m, t(`delivery.${m}`)])}
                      problems={problems}
                    />
                    <TextInput
                      name="on"
                      type="date"
                      label={t('deliveredOn')}
                      value={desk.today()}
                      problems={problems}
                    />
                    <TextInput name="trackingNumber" label={t('trackingNumber')} problems={problems} />
                    <TextInput name="signedBy" label={t('signedBy')} problems={problems} />
                  </>
                )}
              </ActionForm>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
