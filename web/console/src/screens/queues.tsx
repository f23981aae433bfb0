// Work queues: a tab per view the person may open, with its count; filters kept in the
// address; the cases by due date, a page at a time.
import { useState } from 'preact/hooks';
import { CASE_STATUSES, STATUS_LABELS } from '../../../../shared/domain/case-status.ts';
import type { CasePage, CaseSummary, ViewCounts } from '../answers.ts';
import { api, query } from '../api.ts';
import { useDesk } from '../context.ts';
import { go, href, type Route } from '../route.ts';
import { inLanguage, type TextKey, t, tOr } from '../text.ts';
import { Choice, formValues, Loading, useLoad } from '../ui.tsx';

const FILTERS = ['township', 'category', 'status', 'channel'] as const;

/** Calendar days from one date to another; negative when the second is earlier. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function Clock({ dueDate }: { dueDate: string }) {
  const desk = useDesk();
  if (dueDate >= '9999') return <span>{t('none')}</span>;
  const days = daysBetween(desk.today(), dueDate);
  const label =
    days > 0 ? t('daysLeft', { n: days }) : days === 0 ? t('dueToday') : t('daysOver', { n: -days });
  return (
    <span class={days < 0 ? 'clock over' : days <= 3 ? 'clock soon' : 'clock'}>
      <time dateTime={dueDate}>{dueDate}</time> · {label}
    </span>
  );
}

export function QueueScreen({ route }: { route: Route }) {
  const desk = useDesk();
  const counts = useLoad(() => api<ViewCounts>('GET', '/cases/counts'), 'counts');
  const viewCounts = Object.entries(counts.data?.counts ?? {});
  const views = viewCounts.map(([v]) => v);
  const view = route.path[1] ?? views[0];
  const filters = Object.fromEntries(FILTERS.map((f) => [f, route.params.get(f) ?? undefined]));
  const key = `${view}?${route.params.toString()}`;
  const filterOptions: Record<(typeof FILTERS)[number], Array<[string, string]>> = {
    township: desk.options('townships'),
    category: desk.options('categories'),
    status: CASE_STATUSES.map((s) => [s, inLanguage(STATUS_LABELS[s])]),
    channel: desk.region.channels.map((c) => [c, t(`channel.${c}` as TextKey)]),
  };
  const first = useLoad(
    () => (view ? api<CasePage>('GET', `/cases${query({ view, ...filters })}`) : Promise.resolve(undefined)),
    key,
  );
  const [more, setMore] = useState<{ key: string; pages: CasePage[] }>({ key, pages: [] });
  const extra = more.key === key ? more.pages : [];
  const pages = first.data ? [first.data, ...extra] : [];
  const cursor = pages.at(-1)?.nextCursor;

  if (!counts.data) return <Loading error={counts.error} />;
  return (
    <section aria-labelledby="queues-title">
      <h1 id="queues-title">{t('queues')}</h1>
      <nav aria-label={t('queues')}>
        <ul class="menu">
          {viewCounts.map(([v, count]) => (
            <li key={v}>
              <a href={href(['queue', v], filters)} aria-current={v === view ? 'page' : undefined}>
                {tOr(`view.${v}`, v)} <span class="count">{count}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <details class="filters" open={FILTERS.some((f) => filters[f])}>
        <summary>{t('filters')}</summary>
        <form
          aria-label={t('filters')}
          onSubmit={(event) => {
            event.preventDefault();
            const values = formValues(event.currentTarget) as Record<string, string>;
            go(['queue', view ?? ''], values);
          }}
        >
          <div class="row">
            {FILTERS.map((name) => (
              <Choice
                key={name}
                name={name}
                label={t(name)}
                options={filterOptions[name]}
                value={filters[name]}
                blank={t('any')}
              />
            ))}
          </div>
          <button type="submit">{t('apply')}</button>
        </form>
      </details>
      {!first.data ? (
        <Loading error={first.error} />
      ) : (
        <CaseTable cases={pages.flatMap((p) => p.cases)} caption={tOr(`view.${view}`, view ?? '')} />
      )}
      {cursor && (
        <button
          type="button"
          class="secondary"
          onClick={async () => {
            const next = await api<CasePage>('GET', `/cases${query({ view, ...filters, cursor })}`);
            setMore({ key, pages: [...extra, next] });
          }}
        >
          {t('more')}
        </button>
      )}
    </section>
  );
}

export function CaseTable({ cases, caption }: { cases: CaseSummary[]; caption: string }) {
  const desk = useDesk();
  if (!cases.length) return <p>{t('emptyQueue')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('subject')}</th>
            <th scope="col">{t('due')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('township')}</th>
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('department')}</th>
            <th scope="col">{t('received')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.caseId}>
              <th scope="row">
                <a href={href(['case', c.caseId])}>{c.subject}</a>
                {c.gravity === 'major' && (
                  <>
                    {' '}
                    <span class="badge bad">{t('major')}</span>
                  </>
                )}
              </th>
              <td>
                <Clock dueDate={c.dueDate} />
              </td>
              <td>{inLanguage(STATUS_LABELS[c.status])}</td>
              <td>{desk.nameOf('townships', c.township)}</td>
              <td>{c.ownerId ? desk.officialName(c.ownerId) : t('none')}</td>
              <td>{c.handlingDepartment ? desk.nameOf('departments', c.handlingDepartment) : t('none')}</td>
              <td>{desk.localDate(c.receivedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
