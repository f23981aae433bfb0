// Similar matters on the case page: files like this one, and confirming or dismissing them.

import type { SimilarCases } from '../../answers.ts';
import { api } from '../../api.ts';
import { useDesk } from '../../context.ts';
import { href } from '../../route.ts';
import { type TextKey, t } from '../../text.ts';
import { ActionForm, Loading, TextInput, useLoad } from '../../ui.tsx';
import { type CaseView, path } from './view.ts';

export function SimilarMatters({ view, refresh }: { view: CaseView; refresh: () => void }) {
  const caseId = view.case.caseId;
  const similar = useLoad(
    () => api<SimilarCases>('GET', path(caseId, '/similar')),
    `${caseId}#${view.case.version}`,
  );
  const mayLink = view.mayNow.includes('link_duplicate') && !view.case.duplicateOf;
  const desk = useDesk();
  const mayReview = view.mayView.includes('review_similar');
  return (
    <section aria-labelledby="similar-title">
      <h2 id="similar-title">{t('similar')}</h2>
      {!similar.data ? (
        <Loading error={similar.error} />
      ) : similar.data.similar.length === 0 ? (
        <p>{t('noSimilar')}</p>
      ) : (
        <ol class="similar">
          {similar.data.similar.map((s) => (
            <li key={s.caseId} data-case={s.caseId}>
              <a href={href(['case', s.caseId])}>{s.subject}</a> · {desk.localDate(s.receivedAt)} ·{' '}
              {t(`channel.${s.channel}` as TextKey)}
              {s.samePetitioner && <strong class="badge">{t('samePerson')}</strong>}
              {s.reviewed && (
                <span class="badge">{t(s.reviewed === 'confirmed' ? 'confirm' : 'dismiss')}</span>
              )}
              <p class="why">
                {t('why')}：{[...s.why.entities, ...s.why.phrases].slice(0, 8).join('、')}
              </p>
              {mayReview && (
                <p class="buttons">
                  {(['confirmed', 'dismissed'] as const).map((decision) => (
                    <button
                      key={decision}
                      type="button"
                      class="secondary"
                      onClick={async () => {
                        await api('PUT', path(caseId, `/similar/${encodeURIComponent(s.caseId)}`), {
                          decision,
                        });
                        refresh();
                      }}
                    >
                      {t(decision === 'confirmed' ? 'confirm' : 'dismiss')}
                    </button>
                  ))}
                </p>
              )}
              {mayLink && !s.duplicateOf && (
                <ActionForm
                  label={`${t('linkDuplicate')} ${s.caseId}`}
                  submit={t('linkDuplicate')}
                  confirm={t('confirmLegal')}
                  onSubmit={async (form) => {
                    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value;
                    await api('PUT', path(caseId, '/duplicate-of'), { caseId: s.caseId, reason });
                    refresh();
                  }}
                >
                  {(problems) => <TextInput name="reason" label={t('reason')} problems={problems} />}
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
