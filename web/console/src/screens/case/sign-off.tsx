// Leaders' sign-off (领导签发): the opinion in draft, its latest version beside the one before,
// what the leaders decided so far; the leader signs it off or returns it with comments. The
// API refuses a decision on a draft that changed after it was opened here.
import { OUTCOME_LABELS, OUTCOMES } from '../../../../../shared/domain/procedure-terms.ts';
import type { CaseView } from '../../answers.ts';
import { api } from '../../api.ts';
import { useDesk } from '../../context.ts';
import { inLanguage, type TextKey, t } from '../../text.ts';
import { ActionForm, Choice, formValues, TextInput } from '../../ui.tsx';
import { path } from './view.ts';

type Draft = NonNullable<CaseView['case']['opinionDrafts']>[number];
type Version = Draft['versions'][number];

const FIELDS = ['outcome', 'request', 'facts', 'reasons', 'legalBasis', 'opinion', 'decidedBy'] as const;

function shown(version: Version | undefined, field: (typeof FIELDS)[number]): string {
  const value = version?.text[field];
  if (typeof value !== 'string') return '';
  const outcome = OUTCOMES.find((o) => o === value);
  return field === 'outcome' && outcome ? inLanguage(OUTCOME_LABELS[outcome]) : value;
}

/** The case's opinion in draft (or the last one signed): the versions side by side, the decisions. */
export function Drafts({ view }: { view: CaseView }) {
  const desk = useDesk();
  const draft = view.case.opinionDrafts?.at(-1);
  if (!draft) return null;
  const latest = draft.versions.at(-1);
  const previous = draft.versions.at(-2);
  const fields = FIELDS.filter((field) => shown(latest, field) || shown(previous, field));
  return (
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title">{t('draftsTitle')}</h2>
      <p id="draft-state">
        {t('draftState')}: {t(`draftState.${draft.state}` as TextKey)} ·{' '}
        {t(`gravity.${view.gravity.level}` as TextKey)}
      </p>
      {!previous && <p>{t('draftFirst')}</p>}
      <div class="table-wrap">
        <table id="draft-versions">
          <thead>
            <tr>
              <th scope="col">{t('draftField')}</th>
              {previous && <th scope="col">{t('draftPrevious', { n: previous.version })}</th>}
              <th scope="col">{t('draftLatest', { n: latest?.version ?? 0 })}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const changed = previous && shown(previous, field) !== shown(latest, field);
              return (
                <tr key={field} class={changed ? 'changed' : undefined}>
                  <th scope="row">{t(field as TextKey)}</th>
                  {previous && <td class="prose">{shown(previous, field)}</td>}
                  <td class="prose">{shown(latest, field)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {draft.decisions.length > 0 && (
        <ol id="draft-decisions">
          {draft.decisions.map((d) => {
            const values = {
              who: desk.officialName(d.officialId),
              at: desk.localDate(d.at),
              n: d.version,
              comments: d.comments ?? '',
            };
            return (
              <li key={`${d.version}-${d.at}`}>
                {d.decision === 'signed' ? t('signedOffBy', values) : t('returnedWith', values)}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The leader's decision on the latest version: sign it off (it goes out) or return it with comments. */
export function SignOffForm({ view, done }: { view: CaseView; done: () => void }) {
  const latest = view.case.opinionDrafts?.at(-1)?.versions.at(-1);
  if (!latest) return null;
  return (
    <ActionForm
      label={t('act.sign_off')}
      submit={t('act.sign_off')}
      confirm={t('confirmLegal')}
      onSubmit={async (form) => {
        const { decision, comments } = formValues(form);
        await api('POST', path(view.case.caseId, '/sign-off'), {
          decision,
          version: latest.version,
          digest: latest.digest,
          ...(comments && { comments }),
        });
        done();
      }}
    >
      {(problems) => (
        <>
          <Choice
            name="decision"
            label={t('act.sign_off')}
            problems={problems}
            options={[
              ['sign', t('signOffSign')],
              ['return', t('signOffReturn')],
            ]}
          />
          <TextInput name="comments" label={t('signOffComments')} multiline problems={problems} />
        </>
      )}
    </ActionForm>
  );
}
