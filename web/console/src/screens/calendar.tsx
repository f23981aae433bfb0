// The reception calendar: a year of published days (two officials each working day), its
// coverage, publishing it, and the absences and swaps that change it.
import { useState } from 'preact/hooks';
import type { Coverage, ReceptionDays } from '../answers.ts';
import { api, query } from '../api.ts';
import { useDesk } from '../context.ts';
import { go, type Route } from '../route.ts';
import { t } from '../text.ts';
import { ActionForm, Choice, formValues, Loading, TextInput, useLoad } from '../ui.tsx';

export function CalendarScreen({ route }: { route: Route }) {
  const desk = useDesk();
  const year = Number(route.params.get('year') ?? desk.today().slice(0, 4));
  const [round, setRound] = useState(0);
  const key = `${year}#${round}`;
  const days = useLoad(
    () =>
      api<ReceptionDays>('GET', `/reception-days${query({ from: `${year}-01-01`, to: `${year}-12-31` })}`),
    key,
  );
  const coverage = useLoad(() => api<Coverage>('GET', `/reception/coverage/${year}`), key);
  const officials: Array<[string, string]> = desk.region.officials.map((o) => [
    o.id,
    desk.officialName(o.id),
  ]);
  const changed = () => setRound((r) => r + 1);
  const months = new Map<string, ReceptionDays['days']>();
  for (const day of days.data?.days ?? [])
    months.set(day.date.slice(0, 7), [...(months.get(day.date.slice(0, 7)) ?? []), day]);

  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">
        {t('calendar')} · {year}
      </h1>
      <p class="buttons">
        <button type="button" class="secondary" onClick={() => go(['calendar'], { year: String(year - 1) })}>
          {year - 1}
        </button>
        <button type="button" class="secondary" onClick={() => go(['calendar'], { year: String(year + 1) })}>
          {year + 1}
        </button>
      </p>
      {desk.may('publishYear') && (
        <ActionForm
          label={t('publish', { year })}
          submit={t('publish', { year })}
          onSubmit={async () => {
            await api('POST', `/reception/calendar/${year}`, {});
            changed();
          }}
        >
          {() => null}
        </ActionForm>
      )}
      <h2>{t('coverage')}</h2>
      {!coverage.data ? (
        <Loading error={coverage.error} />
      ) : (
        <p id="coverage">
          {t('coverageLine', {
            days: coverage.data.workingDays,
            short: coverage.data.fewerThanTwo.length,
            none: coverage.data.none.length,
          })}
        </p>
      )}
      {!days.data ? (
        <Loading error={days.error} />
      ) : (
        <div class="months" id="calendar-days">
          {[...months].map(([month, list]) => (
            <details key={month}>
              <summary>
                {month} · {list.length}
              </summary>
              <table>
                <tbody>
                  {list.map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{d.date}</th>
                      <td>{d.officials.map((o) => o.name).join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </div>
      )}
      <div class="two-columns">
        <div>
          <h2>{t('absences')}</h2>
          <ActionForm
            label={t('addAbsence')}
            submit={t('addAbsence')}
            onSubmit={async (form) => {
              await api('POST', '/reception/absences', formValues(form));
              changed();
            }}
          >
            {(problems) => (
              <>
                <Choice
                  name="officialId"
                  label={t('official')}
                  options={officials}
                  blank=""
                  problems={problems}
                />
                <TextInput name="from" label={t('from')} type="date" problems={problems} />
                <TextInput name="to" label={t('to')} type="date" problems={problems} />
                <TextInput name="reason" label={t('reason')} problems={problems} />
              </>
            )}
          </ActionForm>
        </div>
        <div>
          <h2>{t('swaps')}</h2>
          <ActionForm
            label={t('addSwap')}
            submit={t('addSwap')}
            onSubmit={async (form) => {
              await api('POST', '/reception/swaps', formValues(form));
              changed();
            }}
          >
            {(problems) => (
              <>
                <TextInput name="date" label={t('date')} type="date" problems={problems} />
                <Choice name="out" label={t('out')} options={officials} blank="" problems={problems} />
                <Choice name="in" label={t('in')} options={officials} blank="" problems={problems} />
              </>
            )}
          </ActionForm>
        </div>
      </div>
    </section>
  );
}
