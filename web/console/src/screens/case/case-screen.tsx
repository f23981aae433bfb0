// A case file: where it stands and by when, the petition, what this person may do now, and the
// parts below it this person may open (similar matters, notices, the timeline, the read log).
import { useState } from 'preact/hooks';
import { STATUS_LABELS } from '../../../../../shared/domain/case-status.ts';
import { GRAVITY_GROUND_LABELS } from '../../../../../shared/domain/procedure-terms.ts';
import { ActForm } from '../../acts.tsx';
import { api } from '../../api.ts';
import { useDesk } from '../../context.ts';
import { href } from '../../route.ts';
import { inLanguage, type TextKey, t, tOr } from '../../text.ts';
import { ActionForm, Loading, TextInput, useLoad } from '../../ui.tsx';
import { Clock } from '../queues.tsx';
import { Attachments } from './attachments.tsx';
import { JointReviews } from './joint-reviews.tsx';
import { Notices } from './notices.tsx';
import { Drafts, SignOffForm } from './sign-off.tsx';
import { SimilarMatters } from './similar-matters.tsx';
import { ReadLog, Timeline } from './timeline.tsx';
import { type CaseView, path } from './view.ts';

/** A stage by name; a department's acknowledgement and a task by their kind. */
const stageName = (stage: string) => tOr(`stage.${stage.replace(/^(ack|task)-.*$/, '$1')}`, stage);

export function CaseScreen({ caseId }: { caseId: string }) {
  const desk = useDesk();
  const [round, setRound] = useState(0);
  const view = useLoad(() => api<CaseView>('GET', path(caseId)), `${caseId}#${round}`);
  const refresh = () => setRound((r) => r + 1);
  if (!view.data) return <Loading error={view.error} />;
  const { case: file, deadlines, mayNow } = view.data;
  const office = deadlines
    .filter((d) => d.open && d.owedBy === 'office')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const current = office[0];
  return (
    <article aria-labelledby="case-title">
      <h1 id="case-title">{file.subject}</h1>
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd id="case-status">{inLanguage(STATUS_LABELS[file.status])}</dd>
        <dt>{t('clock')}</dt>
        <dd id="case-clock">
          {current ? (
            <>
              <Clock dueDate={current.dueDate} /> <span class="article">{current.article}</span>
            </>
          ) : (
            t('none')
          )}
        </dd>
        <dt>{t('owner')}</dt>
        <dd id="case-owner">{file.ownerId ? desk.officialName(file.ownerId) : t('none')}</dd>
        <dt>{t('gravity')}</dt>
        <dd id="case-gravity">
          {t(`gravity.${view.data.gravity.level}` as TextKey)}
          {view.data.gravity.grounds.length > 0 &&
            `（${view.data.gravity.grounds.map((g) => inLanguage(GRAVITY_GROUND_LABELS[g])).join('、')}）`}
        </dd>
        <dt>{t('department')}</dt>
        <dd>{file.handlingDepartment ? desk.nameOf('departments', file.handlingDepartment) : t('none')}</dd>
        {file.receiptCode && (
          <>
            <dt>{t('receiptCode')}</dt>
            <dd>{file.receiptCode}</dd>
          </>
        )}
        <dt>{t('caseId')}</dt>
        <dd>{file.caseId}</dd>
        {file.duplicateOf && (
          <>
            <dt>{t('status')}</dt>
            <dd>
              <a href={href(['case', file.duplicateOf])}>{t('duplicateOf', { id: file.duplicateOf })}</a>
            </dd>
          </>
        )}
      </dl>
      {file.likelyRepeatOf && !file.duplicateOf && (
        <p class="notice" id="likely-repeat">
          {t('likelyRepeat', { code: file.likelyRepeatOf.receiptCode })}{' '}
          <a href={href(['case', file.likelyRepeatOf.caseId])}>{file.likelyRepeatOf.caseId}</a>
        </p>
      )}
      {file.extensionRequest && !file.extensionRequest.decision && (
        <p class="notice" id="pending-extension">
          {t('pendingExtension', { days: file.extensionRequest.days, reason: file.extensionRequest.reason })}
        </p>
      )}

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('actions')}</h2>
        <Actions view={view.data} refresh={refresh} />
      </section>

      <Drafts view={view.data} />

      {(file.jointReviews ?? []).length > 0 && (
        <JointReviews
          caseId={file.caseId}
          reviews={file.jointReviews ?? []}
          mayRecord={mayNow.includes('joint_review')}
          refresh={refresh}
        />
      )}

      <section aria-labelledby="petition-title">
        <h2 id="petition-title">{t('petition')}</h2>
        <dl class="facts">
          <dt>{t('channelOf')}</dt>
          <dd>{t(`channel.${file.channel}` as TextKey)}</dd>
          <dt>{t('township')}</dt>
          <dd>{desk.nameOf('townships', file.township)}</dd>
          <dt>{t('category')}</dt>
          <dd>{desk.nameOf('categories', file.category)}</dd>
          <dt>{t('received')}</dt>
          <dd id="case-received">{desk.localDate(file.receivedAt)}</dd>
          {file.lateRegistration && (
            <>
              <dt>{t('registeredLate')}</dt>
              <dd id="case-registered-late">
                {t('registeredDaysLater', {
                  n: file.lateRegistration.days,
                  reason: file.lateRegistration.reason,
                })}
              </dd>
            </>
          )}
          {view.data.petitioner && (
            <>
              <dt>{t('petitioner')}</dt>
              <dd>
                {view.data.petitioner.petitioner.name} {view.data.petitioner.petitioner.phone}{' '}
                {view.data.personalMasked && t('masked')}
              </dd>
            </>
          )}
        </dl>
        <p class="prose">{file.description}</p>
        {file.requestedOutcome && (
          <p class="prose">
            <strong>{t('requestedOutcome')}：</strong>
            {file.requestedOutcome}
          </p>
        )}
        {view.data.addenda.length > 0 && (
          <>
            <h3>{t('addenda')}</h3>
            <ol>
              {view.data.addenda.map((a) => (
                <li key={a.seq}>
                  {desk.localDate(a.receivedAt)} · {t(`channel.${a.channel}` as TextKey)} · {a.subject}:{' '}
                  {a.description}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">{t('deadlines')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stage')}</th>
                <th scope="col">{t('due')}</th>
                <th scope="col">{t('legalBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => (
                <tr key={d.stage}>
                  <th scope="row">{stageName(d.stage)}</th>
                  <td>{d.open ? <Clock dueDate={d.dueDate} /> : `${d.dueDate} · ${t('met')}`}</td>
                  <td>{d.article}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {view.data.dataRequests.length > 0 && (
        <section aria-labelledby="data-requests-title">
          <h2 id="data-requests-title">{t('dataRequests')}</h2>
          <ul id="data-requests">
            {view.data.dataRequests.map((r) => (
              <li key={r.requestId}>
                {r.requestId} · {r.askedOn} · {t(`dataRequest.${r.kind}` as TextKey)}
                {r.asked && (
                  <>
                    {' '}
                    · {r.asked.text}
                    {r.asked.phone && ` · ${r.asked.phone}`}
                    {r.asked.address && ` · ${r.asked.address}`}
                  </>
                )}
                {' — '}
                {r.decision
                  ? `${r.decision.on} ${t(r.decision.granted ? 'granted' : 'refusedShort')}: ${r.decision.reason}`
                  : t('waitingDecision')}
              </li>
            ))}
          </ul>
        </section>
      )}
      {file.retention && (
        <section aria-labelledby="retention-title">
          <h2 id="retention-title">{t('retention')}</h2>
          <dl id="retention">
            <dt>{t('retentionClass')}</dt>
            <dd>{t(`retention.${file.retention.class}` as TextKey)}</dd>
            <dt>{t('restrictOn')}</dt>
            <dd>
              {file.restricted ? `${file.restricted.on} · ${t('restrictedNow')}` : file.retention.restrictOn}
            </dd>
            <dt>{t('disposeOn')}</dt>
            <dd>
              {file.disposed
                ? `${file.disposed.on} · ${file.disposed.list}`
                : (file.retention.disposeOn ?? t('withMainFile'))}
            </dd>
            {file.legalHold && (
              <>
                <dt>{t('legalHold')}</dt>
                <dd>{file.legalHold.reason}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      <Attachments caseId={caseId} files={view.data.attachments} refresh={refresh} />
      {view.data.mayView.includes('find_similar') && <SimilarMatters view={view.data} refresh={refresh} />}
      {view.data.mayView.includes('list_notices') && <Notices caseId={caseId} />}
      <Timeline caseId={caseId} round={round} accounts={view.data.mayView.includes('read_personal_log')} />
      {view.data.mayView.includes('read_personal_log') && <ReadLog caseId={caseId} />}
    </article>
  );
}

export function Actions({ view, refresh }: { view: CaseView; refresh: () => void }) {
  const [open, setOpen] = useState<string>();
  if (!view.mayNow.length) return <p>{t('noActions')}</p>;
  const onCase = {
    caseId: view.case.caseId,
    version: view.case.version,
    openTasks: view.openTasks,
    files: view.attachments.filter((a) => a.state === 'available'),
    openRequests: view.dataRequests
      .filter((r) => !r.decision)
      .map((r) => ({
        requestId: r.requestId,
        label: `${r.requestId} ${t(`dataRequest.${r.kind}` as TextKey)}`,
      })),
    draftVersion: view.case.opinionDrafts
      ?.filter((d) => d.state !== 'signed')
      .at(-1)
      ?.versions.at(-1)?.version,
  };
  return (
    <div class="acts">
      <ul class="menu" aria-label={t('actions')}>
        {view.mayNow.map((act) => (
          <li key={act}>
            <button
              type="button"
              class={open === act ? undefined : 'secondary'}
              aria-expanded={open === act}
              data-act={act}
              onClick={() => setOpen(open === act ? undefined : act)}
            >
              {t(`act.${act}` as TextKey)}
            </button>
          </li>
        ))}
      </ul>
      {open === 'sign_off' && (
        <SignOffForm
          view={view}
          done={() => {
            setOpen(undefined);
            refresh();
          }}
        />
      )}
      {open && open !== 'link_duplicate' && open !== 'sign_off' && (
        <ActForm
          act={open}
          onCase={onCase}
          done={() => {
            setOpen(undefined);
            refresh();
          }}
        />
      )}
      {open === 'link_duplicate' && view.case.duplicateOf && (
        <ActionForm
          label={t('unlink')}
          submit={t('unlink')}
          onSubmit={async (form) => {
            const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value;
            await api('DELETE', path(view.case.caseId, '/duplicate-of'), { reason });
            refresh();
          }}
        >
          {(problems) => <TextInput name="reason" label={t('reason')} multiline problems={problems} />}
        </ActionForm>
      )}
    </div>
  );
}

/** Joint reviews (集體會診) of the case; a supervisor records the minutes, one decision a line. */
