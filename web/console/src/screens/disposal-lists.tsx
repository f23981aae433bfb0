// The archive officer's disposal lists (銷毀清冊): drawn up by the daily job (or now), each
// approved by someone other than who drew it up, or withdrawn; then carried out by the job.
import type { DisposalLists } from '../answers.ts';
import { api } from '../api.ts';
import { href } from '../route.ts';
import { type TextKey, t } from '../text.ts';
import { ActionForm, Loading, useLoad } from '../ui.tsx';

type DisposalList = DisposalLists['lists'][number];

function Decision({ list, refresh }: { list: DisposalList; refresh: () => void }) {
  const decide = (decision: 'approved' | 'withdrawn') => (
    <ActionForm
      label={t(decision === 'approved' ? 'approveList' : 'withdrawList')}
      submit={t(decision === 'approved' ? 'approveList' : 'withdrawList')}
      confirm={t(decision === 'approved' ? 'confirmApproveList' : 'confirmWithdrawList')}
      onSubmit={async () => {
        await api('POST', `/disposal-lists/${encodeURIComponent(list.listId)}/decision`, { decision });
        refresh();
      }}
    >
      {() => null}
    </ActionForm>
  );
  return (
    <div class="acts">
      {decide('approved')}
      {decide('withdrawn')}
    </div>
  );
}

export function DisposalListsScreen() {
  const loaded = useLoad(() => api<DisposalLists>('GET', '/disposal-lists'), 'disposal-lists');
  const refresh = () => loaded.reload();
  return (
    <section aria-labelledby="disposal-title">
      <h1 id="disposal-title">{t('disposalLists')}</h1>
      <p class="hint">{t('disposalHint')}</p>
      <ActionForm
        label={t('drawUpList')}
        submit={t('drawUpList')}
        onSubmit={async () => {
          await api('POST', '/disposal-lists');
          refresh();
        }}
      >
        {() => null}
      </ActionForm>
      {!loaded.data ? (
        <Loading error={loaded.error} />
      ) : (
        <ol id="disposal-lists">
          {loaded.data.lists.map((list) => (
            <li key={list.listId}>
              <h2>
                {list.listId} · {t(`listState.${list.state}` as TextKey)}
              </h2>
              <p>
                {t('asOf')} {list.asOf} · {t('drawnUpBy')} {list.generatedBy}
                {list.decision && ` · ${list.decision.by} ${list.decision.at.slice(0, 10)}`} ·{' '}
                {t('disposedCount', { n: list.disposed.length, of: list.cases.length })}
              </p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('caseId')}</th>
                      <th scope="col">{t('retentionClass')}</th>
                      <th scope="col">{t('received')}</th>
                      <th scope="col">{t('closedOn')}</th>
                      <th scope="col">{t('disposeOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.cases.map((c) => (
                      <tr key={c.caseId}>
                        <th scope="row">
                          <a href={href(['case', c.caseId])}>{c.caseId}</a>
                          {c.duplicates.length > 0 && ` + ${c.duplicates.join('、')}`}
                        </th>
                        <td>{t(`retention.${c.class}` as TextKey)}</td>
                        <td>{c.receivedOn}</td>
                        <td>{c.closedOn}</td>
                        <td>{c.disposeOn}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {list.state === 'proposed' && <Decision list={list} refresh={refresh} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
