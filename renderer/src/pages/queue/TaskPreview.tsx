import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useApiQuery } from '../../api/query';
import { ContactBanner } from '../../components/ContactState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isTypingTarget, useWindowKeydown } from '../../components/useWindowKeydown';
import { useT } from '../../i18n';
import { CustomerCard } from '../hall/CustomerCard';
import { useHall } from '../hall/hallStore';
import { LogPanel } from '../hall/LogPanel';
import { planChoices } from '../hall/offerCatalogue';
import { ShortcutsDialog } from '../hall/ShortcutsDialog';
import { UnsavedOutcomeDialog } from '../hall/UnsavedOutcomeDialog';
import { useUnsavedGuard } from '../../components/unsavedWork';
import { useSession } from '../../app/session';
import { keptParts, useKeptWork } from '../../app/keptWork';
import { LiftRefusalDialog } from './LiftRefusalDialog';

/** How long after the card is there the line saying a key was not taken stays (unless another key is pressed). */
const KEY_NOT_TAKEN_MS = 4000;

/**
 * Preview mode of the phone queue: the task's card before the agent dials — whether the policy allows a call now
 * and why not, risk, offers and script — with the outcome logged on the same screen (channel phone), then the
 * next task. Esc goes back to the list, J opens the next task — after asking, when the outcome form holds what the
 * agent put in and has not saved (an agent pressed J after a decline with its reason and note, and it was lost).
 */
export function TaskPreview({
  taskId,
  rank,
  count,
  onBack,
  onNext,
  onSaved,
}: {
  taskId: number;
  rank: number;
  count: number;
  onBack(): void;
  onNext: (() => void) | null;
  onSaved(): void;
}) {
  const t = useT();
  const [help, setHelp] = useState(false);
  // A supervisor may lift a customer's request not to be contacted from here (the banner says it stands).
  const supervisor = useSession((s) => s.agent?.role === 'supervisor');
  const [lifting, setLifting] = useState(false);
  // Asks before the outcome form is left with anything unsaved in it.
  const guard = useUnsavedGuard();
  const { leave, asking } = guard;
  const next = onNext && (() => leave(onNext));
  const back = () => leave(onBack);
  // The previous task's card stays (dimmed) while the next one loads; a save stales the card and it refetches.
  const card = useApiQuery('customer-lookup', { taskId, channel: 'phone' }, { keepPrevious: true });
  const loading = card.isFetching && (card.isPending || card.isPlaceholderData || card.isError);
  // A task always has its subscriber (foreign key); not-found here would mean it was purged meanwhile.
  const error = card.isError ? card.error : card.data && !card.data.found && !loading ? new Error(t('queue.preview.error.title')) : null;
  const data = card.data?.found && !(card.isError && !loading) ? card.data : null;

  // The outcome keys (and J) rest while the next card loads: they would act on a customer not yet on screen, and J
  // twice went past one the agent never saw. An agent who pressed J then 2 at once lost the 2 without a word; now the
  // line under the progress bar says the key was not taken, until the next key or a few seconds after the card is there.
  const [keyNotTaken, setKeyNotTaken] = useState(false);
  // Another task shows from its top: J pressed while scrolled down to the profile left the next customer's header off
  // screen, and nothing said the customer had changed (found by a new user).
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A statement, not the arrow's value: Chromium's scrollIntoView now returns a promise, which React would take for
    // the effect's clean-up and call ("destroy_ is not a function").
    top.current?.scrollIntoView({ block: 'start' });
  }, [taskId]);
  // Each task's outcome panel takes the focus once its card is there (LogPanel), as the hall's does after a look-up:
  // the focus stayed on the sidebar's 任务队列 after J, or fell to the page with the row Enter opened, and Tab then
  // went through the sidebar and the card first — the call-back time 25 Tabs away (found by a new phone agent).
  const setFocusPanel = useHall((s) => s.setFocusPanel);
  useEffect(() => {
    setFocusPanel(true);
    return () => setFocusPanel(false); // not left pending for the hall's card
  }, [taskId, setFocusPanel]);
  const keptForm = useKeptWork((s) => (s.agentId === null ? (s.outcome?.form ?? null) : null));
  const kept = keptForm && keptParts(keptForm);
  useWindowKeydown((e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    if (e.key === '?') {
      if (e.defaultPrevented) return;
      e.preventDefault();
      setHelp((h) => !h);
      return;
    }
    if (loading) {
      if (e.key.length === 1 || e.key === 'Enter') setKeyNotTaken(true);
      return;
    }
    setKeyNotTaken(false);
    if ((e.key === 'j' || e.key === 'J') && onNext && !help && !asking && !e.defaultPrevented) {
      e.preventDefault();
      leave(onNext);
    }
  });
  useEffect(() => {
    if (!keyNotTaken || loading) return;
    const timer = setTimeout(() => setKeyNotTaken(false), KEY_NOT_TAKEN_MS);
    return () => clearTimeout(timer);
  }, [keyNotTaken, loading]);

  return (
    // Tight above the card: with a step of the outcome open, at 1366×768 the panel beside the card needs every line of
    // the window (the padding, a row of its own for the progress bar and the gaps took 60 px of it).
    <Box ref={top} sx={{ px: 3, pt: 2, pb: 3, display: 'grid', gap: 1, alignContent: 'start' }} data-testid="task-preview" data-task-id={taskId}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, position: 'relative' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={back} data-testid="preview-back">
          {t('queue.back')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('queue.preview.position', { rank, count })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {next ? (
          <Button variant="outlined" endIcon={<SkipNextIcon />} onClick={next} data-testid="preview-next">
            {t('queue.next')} (J)
          </Button>
        ) : (
          // J goes round the page (nextTask.ts), so no J means no other task on it may be called now — not the page's
          // end: at night it said 这是本页最后一个任务 on the first of fifty.
          <Typography variant="body2" color="text.secondary" data-testid="preview-no-next">
            {t('queue.preview.noOtherCallable')}
          </Typography>
        )}
        {/* Under the row, in the gap before the card: nothing moves when it comes and goes. */}
        {loading && <LinearProgress aria-label={t('common.loading')} sx={{ position: 'absolute', left: 0, right: 0, bottom: -6 }} />}
      </Box>
      {keyNotTaken && (
        <Typography variant="body2" role="status" data-testid="preview-key-not-taken" sx={{ color: 'warning.dark', fontWeight: 600 }}>
          {t('queue.preview.keyNotTaken')}
        </Typography>
      )}
      {error != null && !loading && <ErrorAlert title={t('queue.preview.error.title')} error={error} onRetry={() => void card.refetch()} />}
      {/* Signed in again onto a task that is no longer this agent's: the outcome kept for it cannot come back. */}
      {error != null && !loading && kept?.outcome && (
        <Typography variant="body2" data-testid="preview-kept-lost" sx={{ color: 'warning.dark', fontWeight: 600 }}>
          {t('queue.preview.keptLost')}
        </Typography>
      )}
      {/* The words of the feedback or note the agent was writing are shown, to copy: they are the customer's. */}
      {error != null && !loading && kept?.draft && (
        <Box data-testid="preview-kept-draft-lost">
          <Typography variant="body2" sx={{ color: 'warning.dark', fontWeight: 600 }}>
            {t(kept.draft.kind === 'feedback' ? 'queue.preview.keptFeedbackLost' : 'queue.preview.keptNoteLost')}
          </Typography>
          <Typography variant="body2" data-testid="preview-kept-draft-text" sx={{ mt: 0.5, p: 1, borderLeft: 3, borderColor: 'warning.light', bgcolor: 'grey.50', whiteSpace: 'pre-wrap', userSelect: 'text' }}>
            {kept.draft.text}
          </Typography>
        </Box>
      )}
      {data && (
        <Box sx={{ display: 'grid', gap: 1, opacity: loading ? 0.5 : 1 }}>
          <ContactBanner contact={data.contact} {...(supervisor ? { onLiftRefusal: () => setLifting(true) } : {})} />
          {lifting && <LiftRefusalDialog customerRef={data.customer.ref} onClose={() => setLifting(false)} />}
          <CustomerCard
            data={data}
            logPanel={
              <LogPanel
                key={taskId}
                channel="phone"
                contact={data.contact}
                customer={{ ref: data.customer.ref }}
                ranked={data.offers.ranked}
                plans={planChoices(data.tariff)}
                excluded={data.offers.excluded}
                walkIn={false}
                keysEnabled={!help && !loading}
                onHelp={() => setHelp(true)}
                onExit={back}
                onSaved={onSaved}
              />
            }
          />
        </Box>
      )}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} channel="phone" />
      <UnsavedOutcomeDialog {...guard.dialog} leaveLabel={t('queue.unsaved.leave')} />
    </Box>
  );
}
