// Reports: the period summary against last year and the targets, the annual report, each
// with charts and the figures in tables, and CSV in the language on screen. And the backlog
// drive (積案): the listed cases and the rate against the year's target.
import type { Annual, Drive, Summary } from '../answers.ts';
import { api, download, query } from '../api.ts';
import { useDesk } from '../context.ts';
import { go, href, type Route } from '../route.ts';
import { currentLanguage, inLanguage, t } from '../text.ts';
import { BarChart, Loading, TextInput, useLoad } from '../ui.tsx';

function FigureTable({ caption, rows }: { caption: string; rows: Array<[string, string | number]> }) {
  return (
    <table class="figures">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportsScreen({ route }: { route: Route }) {
  const desk = useDesk();
  const today = desk.today();
  const from = route.params.get('from') ?? `${today.slice(0, 4)}-01`;
  const to = route.params.get('to') ?? today.slice(0, 7);
  const year = Number(route.params.get('year') ?? today.slice(0, 4));
  const lang = currentLanguage();
  const summary = useLoad(
    () => api<Summary>('GET', `/reports/summary${query({ from, to, lang })}`),
    `${from}-${to}`,
  );
  const annual = useLoad(() => api<Annual>('GET', `/reports/annual/${year}${query({ lang })}`), String(year));
  const bars = (
    figures: Summary['received']['byChannel'],
    list: 'townships' | 'categories' | null,
  ): Array<[string, number]> =>
    Object.entries(figures).map(([code, f]) => [
      list ? desk.nameOf(list, code) : t(`channel.${code}` as never),
      f.value ?? 0,
    ]);
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports')}</h1>
      <form
        aria-label={t('summary')}
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
          go(['reports'], { from: value('from'), to: value('to'), year: String(year) });
        }}
      >
        <TextInput name="from" label={t('from')} type="month" value={from} />
        <TextInput name="to" label={t('to')} type="month" value={to} />
        <p>
          <button type="submit">{t('show')}</button>
        </p>
      </form>
      <h2>
        {t('summary')} {from} – {to}
      </h2>
      <p>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            download(`/reports/summary${query({ from, to, lang })}`, `petition-report-${from}-${to}.csv`)
          }
        >
          {t('downloadCsv')}
        </button>
      </p>
      {!summary.data ? (
        <Loading error={summary.error} />
      ) : (
        <div class="charts">
          <FigureTable
            caption={t('summary')}
            rows={[
              [t('received'), inLanguage(summary.data.received.total.text)],
              [
                t('onTimeRate'),
                `${inLanguage(summary.data.onTime.all.text)}${summary.data.onTime.all.target !== undefined ? ` / ${summary.data.onTime.all.target}%` : ''}`,
              ],
              [t('satisfiedRate'), inLanguage(summary.data.ratings.satisfiedRate.text)],
              [t('view.overdue'), summary.data.overdueNow.total],
              [t('backlog'), inLanguage(summary.data.backlog.text)],
            ]}
          />
          <BarChart title={t('byChannel')} bars={bars(summary.data.received.byChannel, null)} />
          <BarChart title={t('byCategory')} bars={bars(summary.data.received.byCategory, 'categories')} />
          <BarChart title={t('byTownship')} bars={bars(summary.data.received.byTownship, 'townships')} />
          <FigureTable
            caption={t('openByDepartment')}
            rows={Object.entries(summary.data.openNow).map(([code, n]) => [
              desk.nameOf('departments', code),
              `${n.open} / ${t('view.overdue')} ${n.overdue}`,
            ])}
          />
        </div>
      )}
      <h2>
        {t('annual')} {year}
      </h2>
      <p class="buttons">
        <a class="button secondary" href={href(['reports'], { from, to, year: String(year - 1) })}>
          {year - 1}
        </a>
        <button
          type="button"
          class="secondary"
          onClick={() => download(`/reports/annual/${year}${query({ lang })}`, `petition-annual-${year}.csv`)}
        >
          {t('downloadCsv')}
        </button>
      </p>
      {!annual.data ? (
        <Loading error={annual.error} />
      ) : (
        annual.data.sections.map((section) => (
          <section key={section.key} aria-label={inLanguage(section.title)}>
            <h3>{inLanguage(section.title)}</h3>
            <p>{inLanguage(section.text)}</p>
            {section.months && (
              <BarChart
                title={inLanguage(section.title)}
                bars={section.months.map((m) => [m.month, m.received])}
              />
            )}
          </section>
        ))
      )}
    </section>
  );
}

export function BacklogScreen({ route }: { route: Route }) {
  const today = useDesk().today();
  const year = Number(route.params.get('year') ?? today.slice(0, 4));
  const drive = useLoad(() => api<Drive>('GET', `/backlog/${year}`), String(year));
  return (
    <section aria-labelledby="backlog-title">
      <h1 id="backlog-title">
        {t('backlog')} · {year}
      </h1>
      {!drive.data ? (
        <Loading error={drive.error} />
      ) : (
        <>
          <p id="backlog-rate">
            {t('rateAgainstTarget', {
              rate: `${drive.data.ratePercent}%`,
              target: drive.data.target === null ? t('none') : String(drive.data.target),
            })}{' '}
            · {inLanguage(drive.data.summary)}
          </p>
          <ul>
            {drive.data.cases.map((c) => (
              <li key={c.caseId}>
                <a href={href(['case', c.caseId])}>{c.subject}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
