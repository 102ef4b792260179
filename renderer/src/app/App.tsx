import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import LinearProgress from '@mui/material/LinearProgress';
import useMediaQuery from '@mui/material/useMediaQuery';
import { lazy, Suspense, useEffect, useMemo, type ComponentType } from 'react';
import { useApi } from '../api/ApiContext';
import { useQueryClient } from '../api/query';
import { useLocale, useT } from '../i18n';
import { HallPage } from '../pages/hall/HallPage';
import { WorkListsPage } from '../pages/lists/WorkListsPage';
import { QueuePage } from '../pages/queue/QueuePage';
import { SignInPage } from '../pages/signin/SignInPage';
import { AccountsPage } from '../pages/accounts/AccountsPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { CataloguePage } from '../pages/catalogue/CataloguePage';
import { RiskConfigPage } from '../pages/risk/RiskConfigPage';
import { CampaignsPage } from '../pages/campaigns/CampaignsPage';
import { ContactPolicyPage } from '../pages/contact/ContactPolicyPage';
import { useHall } from '../pages/hall/hallStore';
import { queueView, useQueue } from '../pages/queue/queueStore';
import { AppShell } from './AppShell';
import { useCallbackEvents } from './callbacks';
import { sessionEndedBy, useSession } from './session';
import { useIdleSignOut } from './useIdleSignOut';
import { dropKeptWork, keepPlace, takeKeptPlace } from './keptWork';
import { allowedRoute, useRoute, type Route } from './router';
import { createAppTheme, REDUCED_MOTION_QUERY } from './theme';

/** Keeps <html lang> in step with the UI language: screen readers and CJK glyph selection both read it. */
function useDocumentLanguage() {
  const locale = useLocale();
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);
}

// The chart pages load on first visit: the charts library is most of the bundle, and agents never open them.
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const ModelPage = lazy(() => import('../pages/model/ModelPage').then((m) => ({ default: m.ModelPage })));

const pages: Record<Route, ComponentType> = {
  hall: HallPage,
  queue: QueuePage,
  lists: WorkListsPage,
  campaigns: CampaignsPage,
  dashboard: DashboardPage,
  catalogue: CataloguePage,
  risk: RiskConfigPage,
  contact: ContactPolicyPage,
  model: ModelPage,
  accounts: AccountsPage,
  audit: AuditPage,
};

export function App() {
  const api = useApi();
  const t = useT();
  const locale = useLocale();
  const route = useRoute();
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY, { noSsr: true });
  const theme = useMemo(() => createAppTheme(locale, { reducedMotion }), [locale, reducedMotion]);
  const session = useSession();
  const loadSession = session.load;
  const queryClient = useQueryClient();
  useDocumentLanguage();
  useCallbackEvents(api, session.state === 'signed-in' ? (session.agent?.id ?? null) : null);
  useIdleSignOut(api);

  useEffect(() => {
    loadSession(api).catch(() => undefined); // an unreachable backend is shown by the shell's workspace error
    return api.onSessionEnded((error) => {
      api.setSession(null);
      useSession.getState().ended(sessionEndedBy(error.messageKey));
    });
  }, [api, loadSession]);

  // A shared counter PC: nothing of the last agent's customers stays in memory for whoever signs in next. A session
  // that ended by itself leaves where its agent was, for them alone (keptWork.ts): anyone else signing in drops it.
  useEffect(() => {
    if (session.state !== 'signed-out') return;
    if (session.endedUnasked && session.endedAgentId !== null) keepPlace(session.endedAgentId, useHall.getState().query, queueView());
    else dropKeptWork();
    useHall.getState().clear();
    // The queue too: the next person sees the whole queue, not the filters or page the last one left (a supervisor
    // signing in after an agent saw that agent's list filter and took it for the whole queue).
    useQueue.getState().reset();
    // Every cached answer but the workspace's own description (public, shown on the sign-in screen).
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app-info' });
  }, [session.state, session.endedUnasked, session.endedAgentId, queryClient]);

  // Signed in again after the session ended by itself: back to the card the agent was on (its unsaved outcome follows
  // when the form opens); anyone else starts afresh.
  const signedInAgent = session.state === 'signed-in' ? (session.agent?.id ?? null) : null;
  useEffect(() => {
    if (signedInAgent === null) return;
    const kept = takeKeptPlace(signedInAgent);
    if (kept?.hallQuery) {
      useHall.getState().setInput(kept.hallQuery);
      useHall.getState().lookUp(kept.hallQuery);
    }
    if (kept?.queue) useQueue.setState(kept.queue);
  }, [signedInAgent]);

  const Page = pages[allowedRoute(route, session.agent?.role)];
  const page =
    session.state === 'signed-in' ? (
      <Suspense fallback={<LinearProgress aria-label={t('common.loading')} />}>
        <Page />
      </Suspense>
    ) : null;

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppShell route={route}>{session.state === 'signed-out' ? <SignInPage /> : page}</AppShell>
    </ThemeProvider>
  );
}
