// The case's verified timeline (who did what, by name) and who read the personal data.
import type { PersonalDataReads, VerifiedTimeline } from '../../answers.ts';
import { api } from '../../api.ts';
import { useDesk } from '../../context.ts';
import { t, tOr } from '../../text.ts';
import { Loading, useLoad } from '../../ui.tsx';
import { path, type TimelineEvent } from './view.ts';

const eventName = (event: TimelineEvent) => tOr(`event.${event.type}`, tOr(`act.${event.type}`, event.type));

/** `accounts`: those who audit the case's reads also see each actor's account, in a tooltip. */
export function Timeline({ caseId, round, accounts }: { caseId: string; round: number; accounts: boolean }) {
  const desk = useDesk();
  // By name and title, or the department's name, or the role; the account only where the
  // event was written before the timeline recorded who the token named.
  const actorName = (actor: TimelineEvent['actor']) => {
    if (actor.officialId) return desk.officialName(actor.officialId);
    if (actor.department) return desk.nameOf('departments', actor.department);
    if (actor.roles?.length) return actor.roles.map((role) => tOr(`role.${role}`, role)).join('、');
    return actor.id ?? '';
  };
  const chain = useLoad(() => api<VerifiedTimeline>('GET', path(caseId, '/timeline')), `${caseId}#${round}`);
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

export function ReadLog({ caseId }: { caseId: string }) {
  const desk = useDesk();
  const reads = useLoad(() => api<PersonalDataReads>('GET', path(caseId, '/reads')), caseId);
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
