// A case file: where it stands and by when, the petition, what this person may do now, similar
// matters, notices, the verified timeline, and (for auditors) who read the personal data.
import { useState } from 'preact/hooks';
import { STATUS_LABELS } from '../../../../shared/domain/case-status.ts';
import { ActForm } from '../acts.tsx';
import { api } from '../api.ts';
import { useDesk } from '../context.ts';
import { href } from '../route.ts';
import { inLanguage, type TextKey, t, tOr } from '../text.ts';
import { ActionForm, formValues, Loading, TextInput, useLoad } from '../ui.tsx';
import { NoticeDocument, PdfButton, printOne } from './documents.tsx';
import { Clock } from './queues.tsx';

interface Deadline {
  stage: string;
  /** Closed once met, or no longer owed (a duplicate's, say). */
  open: boolean;
  owedBy: 'office' | 'petitioner';
  dueDate: string;
  article: string;
  department?: string;
}

interface TimelineEvent {
  seq: number;
  type: string;
  at: string;
  actor: { kind: string; id?: string; officialId?: string; department?: string; roles?: string[] };
  data?: Record<string, unknown>;
}

interface CaseView {
  case: {
    caseId: string;
    receiptCode?: string;
    status: keyof typeof STATUS_LABELS;
    channel: string;
    township: string;
    category: string;
    subject: string;
    description: string;
    requestedOutcome?: string;
    receivedAt: string;
    lateRegistration?: { days: number; reason: string };
    ownerId?: string;
    handlingDepartment?: string;
    duplicateOf?: string;
    likelyRepeatOf?: { caseId: string; receiptCode: string };
    version: number;
    extensionRequest?: { days: number; reason: string; decision?: unknown };
    jointReviews?: Array<{
      reviewId: string;
      meetingType: string;
      date: string;
      minutes?: { rootCause: string; direction: string; decisions: string[] };
    }>;
  };
  openTasks: Array<{ taskId: string; text: string; department: string; dueDate: string }>;
  petitioner: { petitioner: { name: string; phone?: string; address?: string } } | null;
  personalMasked: boolean;
  deadlines: Deadline[];
  addenda: Array<{ seq: number; channel: string; receivedAt: string; subject: string; description: string }>;
  timeline: TimelineEvent[];
  mayNow: string[];
  mayView: string[];
}

interface Similar {
  caseId: string;
  subject: string;
  receivedAt: string;
  channel: string;
  why: { entities: string[]; phrases: string[] };
  samePetitioner?: boolean | null;
  reviewed?: 'confirmed' | 'dismissed' | null;
  duplicateOf: string | null;
}

const path = (caseId: string, rest = '') => `/cases/${encodeURIComponent(caseId)}${rest}`;

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

      {view.data.mayView.includes('find_similar') && <SimilarMatters view={view.data} refresh={refresh} />}
      {view.data.mayView.includes('list_notices') && <Notices caseId={caseId} />}
      <Timeline caseId={caseId} round={round} accounts={view.data.mayView.includes('read_personal_log')} />
      {view.data.mayView.includes('read_personal_log') && <ReadLog caseId={caseId} />}
    </article>
  );
}

function Actions({ view, refresh }: { view: CaseView; refresh: () => void }) {
  const [open, setOpen] = useState<string>();
  if (!view.mayNow.length) return <p>{t('noActions')}</p>;
  const onCase = { caseId: view.case.caseId, version: view.case.version, openTasks: view.openTasks };
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
      {open && open !== 'link_duplicate' && (
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
function JointReviews(props: {
  caseId: string;
  reviews: NonNullable<CaseView['case']['jointReviews']>;
  mayRecord: boolean;
  refresh: () => void;
}) {
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t('jointReviews')}</h2>
      <ul>
        {props.reviews.map((review) => (
          <li key={review.reviewId}>
            {review.date} · {review.meetingType}
            {review.minutes ? (
              <p class="prose">
                {t('rootCause')}：{review.minutes.rootCause}
                {'\n'}
                {t('direction')}：{review.minutes.direction}
                {'\n'}
                {review.minutes.decisions.join('\n')}
              </p>
            ) : (
              props.mayRecord && (
                <ActionForm
                  label={`${t('minutes')} ${review.date}`}
                  submit={t('minutes')}
                  onSubmit={async (form) => {
                    const v = formValues(form) as Record<string, string>;
                    const decisions = (v.decisions ?? '')
                      .split('\n')
                      .map((line) => line.trim())
                      .filter(Boolean)
                      .map((text) => ({ text }));
                    await api(
                      'PUT',
                      path(props.caseId, `/joint-reviews/${encodeURIComponent(review.reviewId)}/minutes`),
                      {
                        rootCause: v.rootCause,
                        direction: v.direction,
                        decisions,
                      },
                    );
                    props.refresh();
                  }}
                >
                  {(problems) => (
                    <>
                      <TextInput name="rootCause" label={t('rootCause')} multiline problems={problems} />
                      <TextInput name="direction" label={t('direction')} multiline problems={problems} />
                      <TextInput name="decisions" label={t('decisions')} multiline problems={problems} />
                    </>
                  )}
                </ActionForm>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SimilarMatters({ view, refresh }: { view: CaseView; refresh: () => void }) {
  const caseId = view.case.caseId;
  const similar = useLoad(
    () => api<{ similar: Similar[] }>('GET', path(caseId, '/similar')),
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

function Notices({ caseId }: { caseId: string }) {
  const desk = useDesk();
  const [open, setOpen] = useState<string>();
  const notices = useLoad(
    () =>
      api<{
        notices: Array<{
          noticeId: string;
          caseId: string;
          type: string;
          state: string;
          createdAt: string;
          recipient: { kind: string };
          text: { zh: string; en: string };
          document?: { number: string };
          delivery?: { method: string; on: string };
        }>;
      }>('GET', path(caseId, '/notices')),
    caseId,
  );
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
const eventName = (event: TimelineEvent) => tOr(`event.${event.type}`, tOr(`act.${event.type}`, event.type));

/** `accounts`: those who audit the case's reads also see each actor's account, in a tooltip. */
function Timeline({ caseId, round, accounts }: { caseId: string; round: number; accounts: boolean }) {
  const desk = useDesk();
  // By name and title, or the department's name, or the role; the account only where the
  // event was written before the timeline recorded who the token named.
  const actorName = (actor: TimelineEvent['actor']) => {
    if (actor.officialId) return desk.officialName(actor.officialId);
    if (actor.department) return desk.nameOf('departments', actor.department);
    if (actor.roles?.length) return actor.roles.map((role) => tOr(`role.${role}`, role)).join('、');
    return actor.id ?? '';
  };
  const chain = useLoad(
    () =>
      api<{ timeline: TimelineEvent[]; intact: boolean; firstTampered: { seq: number } | null }>(
        'GET',
        path(caseId, '/timeline'),
      ),
    `${caseId}#${round}`,
  );
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        {t('timeline')}{' '}
        {chain.data && (
          <span id="timeline-badge" class={chain.data.intact ? 'badge ok' : 'badge bad'}>
            {chain.data.intact ? t('intact') : t('broken')}
          </span>
        )}
      </h2>
      {!chain.data ? (
        <Loading error={chain.error} />
      ) : (
        <ol class="timeline">
          {chain.data.timeline.map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at}>{desk.localTime(e.at)}</time> · {eventName(e)}
              {e.actor.kind === 'staff' && (
                <>
                  {' · '}
                  <span class="actor" title={accounts ? e.actor.id : undefined}>
                    {actorName(e.actor)}
                  </span>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ReadLog({ caseId }: { caseId: string }) {
  const desk = useDesk();
  const reads = useLoad(
    () => api<{ reads: Array<{ at: string; by: string; roles: string[] }> }>('GET', path(caseId, '/reads')),
    caseId,
  );
  return (
    <section aria-labelledby="reads-title">
      <h2 id="reads-title">{t('readLog')}</h2>
      {!reads.data ? (
        <Loading error={reads.error} />
      ) : (
        <table id="read-log">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('reader')}</th>
            </tr>
          </thead>
          <tbody>
            {reads.data.reads.map((r) => (
              <tr key={`${r.at}#${r.by}`}>
                <td>{desk.localTime(r.at)}</td>
                <td>
                  {r.by} ({r.roles.join(', ')})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
