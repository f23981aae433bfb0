// The staff console: signs in through the region's OpenID provider, learns who the person is
// from the API, and shows the screens their roles open. One page; the address after `#`
// says which screen, case and filters.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { StaffRole } from '../../../shared/auth-roles.ts';
import { type SiteConfig, siteConfigSchema } from '../../../shared/site-config.ts';
import { languageTag, setLanguage } from '../../src/i18n.ts';
import { api, configureApi } from './api.ts';
import { beginSignIn, completeSignIn, signedInName, signOut, wasSignedOut } from './auth.ts';
import { type Desk, DeskContext, type Me, type Region } from './context.ts';
import { go, href, type Route, useRoute } from './route.ts';
import { CalendarScreen } from './screens/calendar.tsx';
import { CaseScreen } from './screens/case.tsx';
import { PrintQueueScreen } from './screens/documents.tsx';
import { IntakeScreen } from './screens/intake.tsx';
import { QueueScreen } from './screens/queues.tsx';
import { ReceptionScreen } from './screens/reception.tsx';
import { BacklogScreen, ReportsScreen } from './screens/reports.tsx';
import { currentLanguage, type TextKey, t } from './text.ts';

/** The screens in the menu and the roles that open each. */
const SCREENS: Array<{ path: string; label: TextKey; roles: StaffRole[] }> = [
  {
    path: 'queue',
    label: 'queues',
    roles: ['clerk', 'official', 'department', 'supervisor', 'auditor', 'admin'],
  },
  { path: 'intake', label: 'intake', roles: ['clerk', 'supervisor', 'admin'] },
  { path: 'reception', label: 'reception', roles: ['clerk', 'supervisor'] },
  { path: 'print-queue', label: 'printQueue', roles: ['clerk', 'supervisor'] },
  { path: 'calendar', label: 'calendar', roles: ['admin', 'supervisor'] },
  { path: 'backlog', label: 'backlog', roles: ['supervisor', 'admin', 'auditor'] },
  { path: 'reports', label: 'reports', roles: ['supervisor', 'admin', 'auditor'] },
];

function Screen({ route, desk }: { route: Route; desk: Desk }) {
  const [first, second] = route.path;
  const allowed = SCREENS.find((s) => s.path === first)?.roles.some((r) => desk.me.roles.includes(r));
  if (first === 'case' && second) return <CaseScreen caseId={second} />;
  if (first === 'find') return <FindScreen code={route.params.get('q') ?? ''} />;
  if (!allowed) return <QueueScreen route={{ path: ['queue'], params: new URLSearchParams() }} />;
  switch (first) {
    case 'intake':
      return <IntakeScreen />;
    case 'reception':
      return <ReceptionScreen />;
    case 'print-queue':
      return <PrintQueueScreen />;
    case 'calendar':
      return <CalendarScreen route={route} />;
    case 'backlog':
      return <BacklogScreen route={route} />;
    case 'reports':
      return <ReportsScreen route={route} />;
    default:
      return <QueueScreen route={route} />;
  }
}

/** A receipt code or case id: one match opens the case. */
function FindScreen({ code }: { code: string }) {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setMissing(false);
    api<{ cases: Array<{ caseId: string }> }>('GET', `/cases?find=${encodeURIComponent(code)}`).then(
      ({ cases }) => (cases[0] ? go(['case', cases[0].caseId]) : setMissing(true)),
      () => setMissing(true),
    );
  }, [code]);
  return <p role="status">{missing ? t('noMatch') : t('loading')}</p>;
}

function Console({ desk, config }: { desk: Desk; config: NonNullable<SiteConfig['staffSignIn']> }) {
  const route = useRoute();
  const [, rerender] = useState(0);
  useEffect(() => {
    document.documentElement.lang = languageTag(currentLanguage());
    document.title = `${t('console')} · ${desk.region.region.name[currentLanguage()]}`;
  });
  // A new screen takes the focus to its heading, as a page load would for a screen reader.
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [route.path.join('/')]);
  const roles = desk.me.roles.map((r) => t(`role.${r}` as TextKey)).join('、');
  return (
    <DeskContext.Provider value={desk}>
      {/* A button, not a link to #main: the address after # names the screen. */}
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        {t('skip')}
      </button>
      <header class="console-header">
        <p class="brand">
          {t('console')} · {desk.region.region.name[currentLanguage()]}
        </p>
        <nav aria-label={t('nav')}>
          <ul class="menu">
            {SCREENS.filter((s) => s.roles.some((r) => desk.me.roles.includes(r))).map((s) => (
              <li>
                <a href={href([s.path])} aria-current={route.path[0] === s.path ? 'page' : undefined}>
                  {t(s.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <search>
          <form
            aria-label={t('find')}
            onSubmit={(e) => {
              e.preventDefault();
              const q = (e.currentTarget.elements.namedItem('q') as HTMLInputElement).value.trim();
              if (q) go(['find'], { q });
            }}
          >
            <label for="find">{t('findLabel')}</label>
            <input id="find" name="q" type="search" />
            <button type="submit">{t('search')}</button>
          </form>
        </search>
        <p class="who">
          <span id="signed-in">{t('signedInAs', { name: signedInName(), roles })}</span>
          <button
            type="button"
            class="secondary"
            lang={languageTag(currentLanguage() === 'zh' ? 'en' : 'zh')}
            onClick={() => {
              setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh');
              rerender((n) => n + 1);
            }}
          >
            {t('language')}
          </button>
          <button type="button" class="secondary" id="sign-out" onClick={() => void signOut(config)}>
            {t('signOut')}
          </button>
        </p>
      </header>
      <main id="main" tabIndex={-1} key={currentLanguage()}>
        <Screen route={route} desk={desk} />
      </main>
    </DeskContext.Provider>
  );
}

function Message({ text, action }: { text: string; action?: () => void }) {
  return (
    <main id="main">
      <h1>{t('console')}</h1>
      <p role="status">{text}</p>
      {action && (
        <button type="button" id="sign-in" onClick={action}>
          {t('signIn')}
        </button>
      )}
    </main>
  );
}

async function start(root: HTMLElement) {
  const config = siteConfigSchema.parse(await (await fetch('/config.json')).json());
  const signIn = config.staffSignIn;
  if (!signIn) return render(<Message text={t('notConfigured')} />, root);
  const again = () => void beginSignIn(signIn, location.hash || '#/');
  configureApi(config, () => render(<Message text={t('sessionExpired')} action={again} />, root));
  const returnTo = await completeSignIn(signIn);
  if (returnTo === undefined) {
    // Back from signing out: stay signed out until asked.
    if (wasSignedOut()) return render(<Message text={t('signedOut')} action={again} />, root);
    render(<Message text={t('signingIn')} />, root);
    return again();
  }
  if (returnTo !== location.hash) location.hash = returnTo;
  const [place, { officials }, me] = await Promise.all([
    api<Omit<Region, 'officials'>>('GET', '/config/public'),
    api<Pick<Region, 'officials'>>('GET', '/officials'),
    api<Me>('GET', '/me'),
  ]);
  render(<Console desk={{ region: { ...place, officials }, me }} config={signIn} />, root);
  document.body.dataset.ready = 'true';
}

const root = document.getElementById('console');
if (root) {
  // A provider or API that cannot be reached, or a token the API refuses: say so, offer to retry.
  start(root).catch(() => render(<Message text={t('error')} action={() => location.reload()} />, root));
}
