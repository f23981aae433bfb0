// The staff console: signs in through the region's OpenID provider, learns who the person is
// from the API, and shows the screens their roles open. One page; the address after `#`
// says which screen, case and filters.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { VIEW_ROLES, VIEWS } from '../../../shared/domain/views.ts';
import { type SiteConfig, siteConfigSchema } from '../../../shared/site-config.ts';
import { languageTag, setLanguage } from '../../src/i18n.ts';
import type { CasePage, Officials, PublicConfig } from './answers.ts';
import { api, configureApi } from './api.ts';
import { beginSignIn, completeSignIn, signedInName, signOut, wasSignedOut } from './auth.ts';
import { type Desk, DeskContext, type Me, mayCall, operationRoles } from './context.ts';
import { go, href, type Route, useRoute } from './route.ts';
import { ApiKeysScreen } from './screens/api-keys.tsx';
import { CalendarScreen } from './screens/calendar.tsx';
import { CaseScreen } from './screens/case/case-screen.tsx';
import { DisposalListsScreen } from './screens/disposal-lists.tsx';
import { PrintQueueScreen } from './screens/documents.tsx';
import { IntakeScreen } from './screens/intake.tsx';
import { QueueScreen } from './screens/queues.tsx';
import { ReceptionScreen } from './screens/reception.tsx';
import { BacklogScreen, ReportsScreen } from './screens/reports.tsx';
import { currentLanguage, type TextKey, t } from './text.ts';

/** The screens in the menu and the roles that open each. */
/** Each screen opens with one operation of the API: shown to those the API admits to it. */
const SCREENS: Array<{ path: string; label: TextKey; operation: string; keepsQueues?: true }> = [
  { path: 'queue', label: 'queues', operation: 'listCases', keepsQueues: true },
  { path: 'intake', label: 'intake', operation: 'registerCase' },
  { path: 'reception', label: 'reception', operation: 'receptionQueue' },
  { path: 'print-queue', label: 'printQueue', operation: 'listPrintQueue' },
  { path: 'calendar', label: 'calendar', operation: 'receptionCoverage' },
  { path: 'backlog', label: 'backlog', operation: 'backlogProgress' },
  { path: 'reports', label: 'reports', operation: 'summaryReport' },
  { path: 'disposal', label: 'disposalLists', operation: 'listDisposalLists' },
  { path: 'api-keys', label: 'apiKeys', operation: 'listApiKeys' },
];

/** A screen the person may open: its operation admits them (and, for the queues, a role keeps one). */
const opens = (desk: Desk, screen: (typeof SCREENS)[number]) =>
  mayCall(desk, screen.operation) &&
  (!screen.keepsQueues ||
    VIEWS.some((view) => VIEW_ROLES[view].some((role) => desk.me.roles.includes(role))));

function Screen({ route, desk }: { route: Route; desk: Desk }) {
  const [first, second] = route.path;
  const screen = SCREENS.find((s) => s.path === first);
  const allowed = screen !== undefined && opens(desk, screen);
  if (first === 'case' && second) return <CaseScreen caseId={second} />;
  if (first === 'find') return <FindScreen code={route.params.get('q') ?? ''} />;
  if (!allowed) {
    // The first screen the person may open (an archivist keeps no work queue).
    const fallback = SCREENS.find((s) => opens(desk, s));
    return fallback ? (
      <Screen route={{ path: [fallback.path], params: new URLSearchParams() }} desk={desk} />
    ) : (
      <QueueScreen route={{ path: ['queue'], params: new URLSearchParams() }} />
    );
  }
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
    case 'disposal':
      return <DisposalListsScreen />;
    case 'api-keys':
      return <ApiKeysScreen />;
    default:
      return <QueueScreen route={route} />;
  }
}

/** A receipt code or case id: one match opens the case. */
function FindScreen({ code }: { code: string }) {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setMissing(false);
    api<CasePage>('GET', `/cases?find=${encodeURIComponent(code)}`).then(
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
            {SCREENS.filter((s) => opens(desk, s)).map((s) => (
              <li key={s.path}>
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
  const [place, { officials }, me, contract] = await Promise.all([
    api<PublicConfig>('GET', '/config/public'),
    api<Officials>('GET', '/officials'),
    api<Me>('GET', '/me'),
    api<Parameters<typeof operationRoles>[0]>('GET', '/openapi.json'),
  ]);
  render(
    <Console
      desk={{ region: { ...place, officials }, me, operations: operationRoles(contract) }}
      config={signIn}
    />,
    root,
  );
  document.body.dataset.ready = 'true';
}

const root = document.getElementById('console');
if (root) {
  // A provider or API that cannot be reached, or a token the API refuses: say so, offer to retry.
  start(root).catch(() => render(<Message text={t('error')} action={() => location.reload()} />, root));
}
