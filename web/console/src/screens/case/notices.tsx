// The case's notices on the case page, each printable as its document.
import { useState } from 'preact/hooks';
import type { CaseNotices } from '../../answers.ts';
import { api } from '../../api.ts';
import { useDesk } from '../../context.ts';
import { inLanguage, t, tOr } from '../../text.ts';
import { Loading, useLoad } from '../../ui.tsx';
import { NoticeDocument, PdfButton, printOne } from '../documents.tsx';
import { path } from './view.ts';

export function Notices({ caseId }: { caseId: string }) {
  const desk = useDesk();
  const [open, setOpen] = useState<string>();
  const notices = useLoad(() => api<CaseNotices>('GET', path(caseId, '/notices')), caseId);
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">{t('notices')}</h2>
      {!notices.data ? (
        <Loading error={notices.error} />
      ) : (
        <ul>
          {notices.data.notices.map((n) => (
            <li key={n.noticeId} data-notice={n.noticeId}>
              {desk.localDate(n.createdAt)} · {tOr(`notice.${n.type}`, n.type)} ·{' '}
              <span class={n.state === 'delivered' ? 'badge ok' : 'badge'}>
                {tOr(`notice.${n.state}`, n.state)}
              </span>
              {n.document && <> · {n.document.number}</>}
              {n.delivery && (
                <>
                  {' '}
                  · {tOr(`delivery.${n.delivery.method}`, n.delivery.method)} {n.delivery.on}
                </>
              )}
              {open === n.noticeId ? (
                <NoticeDocument notice={n} />
              ) : (
                <p class="prose">{inLanguage(n.text)}</p>
              )}
              <p class="buttons no-print">
                {n.recipient.kind === 'petitioner' && (
                  <>
                    <button
                      type="button"
                      class="secondary"
                      aria-pressed={open === n.noticeId}
                      onClick={() => setOpen(open === n.noticeId ? undefined : n.noticeId)}
                    >
                      {t('document')}
                    </button>
                    <PdfButton notice={n} />
                  </>
                )}
                <button type="button" class="secondary" onClick={printOne}>
                  {t('print')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An event by its type (a step of the procedure is recorded under the step's name). */
