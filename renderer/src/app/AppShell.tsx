import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import CampaignIcon from '@mui/icons-material/Campaign';
import CloseIcon from '@mui/icons-material/Close';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import InsightsIcon from '@mui/icons-material/Insights';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import PolicyIcon from '@mui/icons-material/Policy';
import PsychologyIcon from '@mui/icons-material/Psychology';
import TuneIcon from '@mui/icons-material/Tune';
import PhoneLockedIcon from '@mui/icons-material/PhoneLocked';
import LogoutIcon from '@mui/icons-material/Logout';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import ScienceIcon from '@mui/icons-material/Science';
import StorefrontIcon from '@mui/icons-material/Storefront';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import Alert from '@mui/material/Alert';
import Badge from '@mui/material/Badge';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { useApi } from '../api/ApiContext';
import { locales, useLocale, useLocaleStore, useT, type Locale, type PlainMessageKey } from '../i18n';
import { useDueCallbacks } from './callbacks';
import { MyDay } from './MyDay';
import { describeError } from './errors';
import { UnsavedOutcomeDialog } from '../pages/hall/UnsavedOutcomeDialog';
import { useUnsavedGuard } from '../components/unsavedWork';
import { allowedRoute, hrefFor, navigate, type Route } from './router';
import { useSession } from './session';
import { useWorkspace } from './workspace';
import { useQueue } from '../pages/queue/queueStore';

const NAV_WIDTH = 200;
/** Between the page's end and the top of a call-back notice below it. */
const NOTICE_GAP = 8;

const navItems: { route: Route; label: PlainMessageKey; icon: ReactNode }[] = [
  { route: 'hall', label: 'nav.hall', icon: <StorefrontIcon /> },
  { route: 'queue', label: 'nav.queue', icon: <FormatListNumberedIcon /> },
  // Agents export their outcome file here; its supervisor actions show to supervisors only.
  { route: 'lists', label: 'nav.lists', icon: <PlaylistAddCheckIcon /> },
  // The desk's own work (issue 17): beside the lists it makes.
  { route: 'campaigns', label: 'nav.campaigns', icon: <CampaignIcon /> },
  { route: 'dashboard', label: 'nav.dashboard', icon: <InsightsIcon /> },
  { route: 'catalogue', label: 'nav.catalogue', icon: <LocalOfferIcon /> },
  { route: 'risk', label: 'nav.risk', icon: <TuneIcon /> },
  { route: 'contact', label: 'nav.contact', icon: <PhoneLockedIcon /> },
  { route: 'model', label: 'nav.model', icon: <PsychologyIcon /> },
  { route: 'accounts', label: 'nav.accounts', icon: <ManageAccountsIcon /> },
  { route: 'audit', label: 'nav.audit', icon: <PolicyIcon /> },
];

/** The queue's icon with the count of the agent's call-backs that came due and are not opened yet. */
function QueueIcon({ icon }: { icon: ReactNode }) {
  const count = useDueCallbacks((s) => s.due.length);
  if (count === 0) return icon;
  // The badge is for the eye; a screen reader hears the count after the link's name (QueueDueSpoken).
  return (
    <Badge badgeContent={count} color="error" max={99} aria-hidden data-testid="queue-callbacks-due" data-count={count}>
      {icon}
    </Badge>
  );
}

/** Present for screen readers, not painted (as MUI's own visuallyHidden). */
const visuallyHidden = { border: 0, clip: 'rect(0 0 0 0)', height: '1px', margin: '-1px', overflow: 'hidden', padding: 0, position: 'absolute', whiteSpace: 'nowrap', width: '1px' } as const;

/** The due call-backs said after the queue link's name ("任务队列 1 个预约回访已到时间"), for screen readers only. */
function QueueDueSpoken() {
  const t = useT();
  const count = useDueCallbacks((s) => s.due.length);
  if (count === 0) return null;
  return <Box component="span" sx={visuallyHidden}>{` ${t('callbackDue.badge', { count })}`}</Box>;
}

/**
 * An unobtrusive notice naming the customer (masked) whose call-back has just come due; Open shows the task. It stays
 * at the bottom right, where a desktop's notices come, and tells `onRoom` how much of the window's bottom it takes
 * (0 when closed), so that the shell keeps the page out of it.
 */
function CallbackNotice({ onRoom }: { onRoom(px: number): void }) {
  const t = useT();
  const notice = useDueCallbacks((s) => s.notice);
  const dismiss = useDueCallbacks((s) => s.dismissNotice);
  const open = () => {
    if (!notice) return;
    useQueue.getState().setPreview(notice.taskId);
    navigate('queue');
  };
  // Its height and distance from the window's bottom, measured: the message may wrap (a narrow window, a long name).
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const shown = notice !== null;
  useLayoutEffect(() => {
    if (!shown || !root) {
      onRoom(0);
      return;
    }
    const measure = () => onRoom(Math.ceil(root.offsetHeight + parseFloat(getComputedStyle(root).bottom || '0')));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      onRoom(0);
    };
  }, [shown, root, onRoom]);
  return (
    // It stays until the agent opens or closes it: a customer's promised call-back, told while the agent was on another
    // call, went by unseen after 15 s (found by a new agent). Not Esc either: agents press it all day to back out of an
    // outcome or clear the number, and the reminder went with it (found by a helper's pass). Only its × closes it.
    <Snackbar
      ref={setRoot}
      open={notice !== null}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      message={notice ? t('callbackDue.notice', { number: notice.msisdnMasked, name: notice.nameMasked ?? t('card.noName') }) : ''}
      action={
        <>
          <Button color="inherit" size="small" onClick={open} data-testid="callback-notice-open">
            {t('callbackDue.open')}
          </Button>
          <IconButton color="inherit" size="small" onClick={dismiss} aria-label={t('common.close')} data-testid="callback-notice-close">
            <CloseIcon fontSize="small" />
          </IconButton>
        </>
      }
      data-testid="callback-notice"
    />
  );
}

/** Who is signed in, and sign-out — asked first, through `leave`, over an outcome put in and not saved. */
function SignedInAgent({ leave }: { leave(go: () => void): void }) {
  const t = useT();
  const api = useApi();
  const { agent, signOut } = useSession();
  if (!agent) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="signed-in">
      <Tooltip title={t('shell.signedInAs', { name: agent.name, id: agent.id })}>
        <Chip
          icon={<AccountCircleIcon />}
          label={`${agent.name} · ${t(agent.role === 'supervisor' ? 'role.supervisor' : 'role.agent')}`}
          sx={{ color: '#fff', bgcolor: alpha('#fff', 0.15), '& .MuiChip-icon': { color: '#fff' } }}
        />
      </Tooltip>
      <Button color="inherit" size="small" startIcon={<LogoutIcon />} onClick={() => leave(() => void signOut(api))} data-testid="sign-out">
        {t('shell.signOut')}
      </Button>
    </Stack>
  );
}

const localeLabel: Record<Locale, PlainMessageKey> = { 'zh-CN': 'shell.language.zh', en: 'shell.language.en' };

function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={locale}
      aria-label={t('shell.language')}
      onChange={(_, value: Locale | null) => value && setLocale(value)}
      sx={{
        '& .MuiToggleButton-root': {
          color: alpha('#fff', 0.85),
          borderColor: alpha('#fff', 0.35),
          px: 1.5,
          py: 0.25,
          fontWeight: 600,
          lineHeight: 1.6,
        },
        '& .MuiToggleButton-root.Mui-selected': { color: 'primary.dark', bgcolor: '#fff' },
        '& .MuiToggleButton-root.Mui-selected:hover': { bgcolor: alpha('#fff', 0.9) },
      }}
    >
      {locales.map((l) => (
        // Each language names itself, so someone who cannot read the current one can still find theirs.
        <ToggleButton key={l} value={l} lang={l}>
          {t(localeLabel[l])}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

function DemoChip() {
  const t = useT();
  return (
    <Tooltip title={t('shell.demo.tooltip')} describeChild>
      <Chip
        icon={<ScienceIcon />}
        label={t('shell.demo.chip')}
        tabIndex={0}
        data-testid="demo-chip"
        sx={{
          bgcolor: '#fff4d6',
          color: '#6b4a00',
          fontWeight: 600,
          border: '1px solid #f0c14b',
          '& .MuiChip-icon': { color: '#a06b00' },
        }}
      />
    </Tooltip>
  );
}

/**
 * The workspace's counts (lists, customers, tasks, contacts) for a supervisor, and the version for everyone: an agent
 * has 我的今日 above, and a count of the whole workspace's subscribers and tasks meant nothing to them (a helper
 * working as an agent).
 */
function WorkspaceCounts({ counts }: { counts: boolean }) {
  const t = useT();
  const { data: info } = useWorkspace();
  const locale = useLocale();
  if (!info) return null;
  const version = (
    <Typography variant="caption" component="p" sx={{ mt: 1, color: 'text.disabled' }} data-testid="app-version">
      {t('shell.version', { version: info.version, schema: info.schemaVersion })}
    </Typography>
  );
  if (!counts) return <Box sx={{ px: 2, pb: 2 }}>{version}</Box>;
  const nf = new Intl.NumberFormat(locale);
  const rows: [PlainMessageKey, number][] = [
    ['shell.counts.lists', info.counts.lists],
    ['shell.counts.subscribers', info.counts.subscribers],
    ['shell.counts.tasks', info.counts.tasks],
    ['shell.counts.attempts', info.counts.attempts],
  ];
  return (
    <Box component="section" aria-labelledby="workspace-counts" data-testid="workspace-counts" sx={{ px: 2, pb: 2 }}>
      <Typography id="workspace-counts" variant="caption" component="h2" sx={{ color: 'text.secondary', fontWeight: 600 }}>
        {t('shell.counts.title')}
      </Typography>
      <Box
        component="dl"
        sx={{
          m: 0,
          mt: 0.5,
          display: 'grid',
          gridTemplateColumns: '1fr auto',
          columnGap: 1,
          rowGap: 0.25,
          fontSize: '0.8125rem',
          color: 'text.secondary',
          '& dd': { m: 0, textAlign: 'right', color: 'text.primary' },
        }}
      >
        {rows.map(([label, n]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <dt>{t(label)}</dt>
            <dd>{nf.format(n)}</dd>
          </Box>
        ))}
      </Box>
      {version}
    </Box>
  );
}

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const t = useT();
  const { data: info, error, refetch } = useWorkspace();
  const agent = useSession((s) => s.agent);
  const visibleNav = navItems.filter((item) => allowedRoute(item.route, agent?.role) === item.route);
  // The menu leaves the page: not over an outcome put in and not saved without asking (the page asks for J and 返回).
  const leaving = useUnsavedGuard();
  const [noticeRoom, setNoticeRoom] = useState(0);
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <AppBar position="static">
        <Toolbar variant="dense" sx={{ gap: 2, minHeight: 52 }}>
          <SupportAgentIcon aria-hidden />
          <Typography variant="h6" component="h1" noWrap sx={{ fontSize: '1.0625rem', letterSpacing: 0.5 }}>
            {t('app.title')}
          </Typography>
          {info?.demo && <DemoChip />}
          <Box sx={{ flex: 1 }} />
          <SignedInAgent leave={leaving.leave} />
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
        {agent && <Box
          component="nav"
          aria-label={t('shell.nav.label')}
          sx={{
            width: NAV_WIDTH,
            flexShrink: 0,
            bgcolor: 'background.paper',
            borderRight: 1,
            borderColor: 'divider',
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'space-between',
            overflowY: 'auto',
          }}
        >
          <List sx={{ px: 1, pt: 1.5 }}>
            {visibleNav.map((item) => {
              const selected = item.route === route;
              return (
                <ListItemButton
                  key={item.route}
                  component="a"
                  href={hrefFor(item.route)}
                  selected={selected}
                  aria-current={selected ? 'page' : undefined}
                  // The queue's link, clicked on the queue with a card open, goes back to the list as 返回任务队列 does
                  // (it did nothing: the card is the queue page's state, not its address). From another page the card
                  // stays open, as the filters and page do.
                  onClick={(e) => {
                    const go = () => (selected && item.route === 'queue' ? useQueue.getState().setPreview(null) : navigate(item.route));
                    // An outcome put in and not saved is asked about first, as J and 返回 do; else the link goes.
                    if (leaving.unsaved) {
                      e.preventDefault();
                      leaving.leave(go);
                    } else if (selected && item.route === 'queue') go();
                  }}
                  sx={{
                    borderRadius: 1,
                    mb: 0.5,
                    '&.Mui-selected': { bgcolor: 'primary.light', color: 'primary.dark' },
                    '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
                  }}
                >
                  <ListItemIcon sx={{ minWidth: 36 }}>{item.route === 'queue' ? <QueueIcon icon={item.icon} /> : item.icon}</ListItemIcon>
                  <ListItemText primary={t(item.label)} slotProps={{ primary: { sx: { fontWeight: selected ? 600 : 500 } } }} />
                  {item.route === 'queue' && <QueueDueSpoken />}
                </ListItemButton>
              );
            })}
          </List>
          <Box>
            {agent.role === 'agent' && <MyDay />}
            <WorkspaceCounts counts={agent.role !== 'agent'} />
          </Box>
        </Box>}
        {/* While a call-back notice is up, the page ends above it: it covered the queue's pagination and the outcome's
            保存 at 1366×768, and it stays until the agent opens or closes it (found by an agent's pass). */}
        <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <Box component="main" sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', overflow: 'auto' }}>
            {error != null && (
              <Alert
                severity="error"
                sx={{ m: 2, mb: 0 }}
                action={
                  <Button color="inherit" size="small" onClick={() => void refetch()}>
                    {t('common.retry')}
                  </Button>
                }
              >
                {t('shell.backendError', { message: describeError(error, t) })}
              </Alert>
            )}
            {children}
            {agent && <CallbackNotice onRoom={setNoticeRoom} />}
          </Box>
          {noticeRoom > 0 && <Box aria-hidden data-testid="callback-notice-room" sx={{ height: noticeRoom + NOTICE_GAP, flexShrink: 0 }} />}
        </Box>
      </Box>
      <UnsavedOutcomeDialog {...leaving.dialog} leaveLabel={t('queue.unsaved.leave')} />
    </Box>
  );
}
