import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { ContactBanner } from '../../components/ContactState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n';
import { CustomerCard } from '../hall/CustomerCard';
import type { FoundCustomer, LookupResult } from '../hall/hallStore';
import { isTypingTarget, LogPanel } from '../hall/LogPanel';
import { ShortcutsDialog } from '../hall/ShortcutsDialog';

type State = { kind: 'loading'; previous: FoundCustomer | null } | { kind: 'done'; data: FoundCustomer } | { kind: 'error'; error: unknown };

/**
 * Preview mode of the phone queue: the task's card before the agent dials — whether the policy allows a call now
 * and why not, risk, offers and script — with the outcome logged on the same screen (channel phone), then the
 * next task. Esc goes back to the list, J opens the next task.
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
  const api = useApi();
  const [state, setState] = useState<State>({ kind: 'loading', previous: null });
  const [help, setHelp] = useState(false);

  const load = useCallback(async () => {
    setState((s) => ({ kind: 'loading', previous: s.kind === 'done' ? s.data : s.kind === 'loading' ? s.previous : null }));
    try {
      const data: LookupResult = await api.call('customer-lookup', { taskId, channel: 'phone' });
      // A task always has its subscriber (foreign key); not-found here would mean it was purged meanwhile.
      if (!data.found) throw new Error(t('queue.error.title'));
      setState({ kind: 'done', data });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }, [api, taskId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTypingTarget(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp((h) => !h);
      } else if ((e.key === 'j' || e.key === 'J') && onNext && !help) {
        e.preventDefault();
        onNext();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNext, help]);

  const data = state.kind === 'done' ? state.data : state.kind === 'loading' ? state.previous : null;

  return (
    <Box sx={{ p: 3, display: 'grid', gap: 2, alignContent: 'start' }} data-testid="task-preview" data-task-id={taskId}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack} data-testid="preview-back">
          {t('queue.back')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('queue.preview.position', { rank, count })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {onNext ? (
          <Button variant="outlined" endIcon={<SkipNextIcon />} onClick={onNext} data-testid="preview-next">
            {t('queue.next')} (J)
          </Button>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('queue.preview.lastOnPage')}
          </Typography>
        )}
      </Box>
      <Box sx={{ minHeight: 4 }}>{state.kind === 'loading' && <LinearProgress aria-label={t('common.loading')} />}</Box>
      {state.kind === 'error' && <ErrorAlert title={t('queue.error.title')} error={state.error} onRetry={() => void load()} />}
      {data && (
        <Box sx={{ display: 'grid', gap: 2, opacity: state.kind === 'loading' ? 0.5 : 1 }}>
          <ContactBanner contact={data.contact} />
          <CustomerCard
            data={data}
            logPanel={
              <LogPanel
                key={taskId}
                channel="phone"
                customer={{ ref: data.customer.ref }}
                ranked={data.offers.ranked}
                walkIn={false}
                keysEnabled={!help && state.kind === 'done'}
                onHelp={() => setHelp(true)}
                onExit={onBack}
                onAdded={() => void load()}
                onSaved={() => {
                  void load();
                  onSaved();
                }}
              />
            }
          />
        </Box>
      )}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </Box>
  );
}
