import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import PhoneIphoneIcon from '@mui/icons-material/PhoneIphone';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ApiCallError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { isTypingTarget, useWindowKeydown } from '../../components/useWindowKeydown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n';
import { CustomerCard } from './CustomerCard';
import { useHall, useLookup, usePrefetchLookup, type FoundCustomer, type SettledLookup } from './hallStore';
import { LETTER_KEYS_ATTRIBUTE, LogPanel } from './LogPanel';
import { ShortcutsDialog } from './ShortcutsDialog';
import { UnsavedOutcomeDialog } from './UnsavedOutcomeDialog';
import { useUnsavedGuard } from '../../components/unsavedWork';
import { planChoices } from './offerCatalogue';

/** Which customer the outcome panel logs for: a card, or a walk-in number that is not in the cache. */
type PanelFor = { query: string; found: FoundCustomer | null };

/**
 * The privacy allowance's pause (docs/product.md §8), counting down to when the number can be looked up, then looking
 * it up: "请 3 秒后再试" stood still for as long as the agent waited, and needed 重试 (found by a new hall agent).
 */
function PausedLookup({ error, onRetry }: { error: ApiCallError; onRetry(): void }) {
  const t = useT();
  const seconds = Number(error.error.params.seconds ?? 0);
  // A second less each second, from the pause the backend gave; a new refusal starts again from its own.
  const [left, setLeft] = useState(seconds);
  const [forError, setForError] = useState(error);
  if (forError !== error) {
    setForError(error);
    setLeft(seconds);
  }
  useEffect(() => {
    const timer = window.setInterval(() => setLeft((l) => Math.max(0, l - 1)), 1000);
    return () => window.clearInterval(timer);
  }, [error]);
  const retried = useRef<ApiCallError | null>(null);
  useEffect(() => {
    if (left > 0 || seconds === 0 || retried.current === error) return;
    retried.current = error;
    onRetry();
  }, [left, seconds, error, onRetry]);
  const shown = new ApiCallError({ ...error.error, params: { ...error.error.params, seconds: Math.max(1, left) } });
  return <ErrorAlert severity="warning" title={t('hall.paused.title')} error={shown} onRetry={onRetry} testId="lookup-paused" />;
}

function InvalidNumber() {
  const t = useT();
  return (
    <Alert severity="warning" data-testid="lookup-invalid">
      <AlertTitle>{t('hall.invalid.title')}</AlertTitle>
      {t('hall.invalid.body')}
    </Alert>
  );
}

function Result({
  state,
  onRetry,
  panel,
}: {
  state: SettledLookup;
  onRetry: () => void;
  panel: (p: PanelFor) => ReactNode;
}) {
  const t = useT();
  switch (state.kind) {
    case 'idle':
      return (
        <Paper variant="outlined">
          <EmptyState icon={<PersonSearchIcon />} title={t('hall.idle.title')} body={t('hall.idle.body')} />
        </Paper>
      );
    case 'error':
      // The contract rejects input it cannot even read as a number (too long, empty); that is the agent's typo.
      if (state.error instanceof ApiCallError && state.error.code === 'invalid-input') return <InvalidNumber />;
      // The privacy allowance (docs/product.md §8): a pause with why, not a red "look-up failed", which read as a
      // system fault (found by a new agent).
      if (state.error instanceof ApiCallError && state.error.code === 'rate-limited') return <PausedLookup error={state.error} onRetry={onRetry} />;
      return <ErrorAlert title={t('hall.error.title')} error={state.error} onRetry={onRetry} />;
    case 'done': {
      const { result } = state;
      if (result.found) return <CustomerCard data={result} logPanel={panel({ query: state.query, found: result })} />;
      if (result.invalid) return <InvalidNumber />;
      // Not on a local list, but the customer is at the counter: the contact is still logged (a walk-in).
      return (
        <Box sx={{ display: 'grid', gap: 2 }}>
          <Paper variant="outlined" data-testid="lookup-not-found">
            <EmptyState
              icon={<SearchOffIcon />}
              title={t('hall.notFound.title')}
              body={t('hall.notFound.body', { number: result.msisdnMasked ?? state.query })}
            />
          </Paper>
          {panel({ query: state.query, found: null })}
        </Box>
      );
    }
  }
}

export function HallPage() {
  const t = useT();
  const { input, setInput, clear, lookUp, setFocusPanel } = useHall();
  const { state, refetch } = useLookup();
  const prefetchLookup = usePrefetchLookup();
  const inputRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  // Asks before another number replaces an outcome form with anything unsaved in it.
  const guard = useUnsavedGuard();

  const focusNumber = () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  };

  // ? opens the shortcuts, / goes back to the number — only when the agent is not typing in a field. The number field
  // counts as not typing for ? as for F and E (a number never holds one; it typed a ? there, where the focus goes
  // after every save; found by a new agent told "press ? for help").
  useWindowKeydown((e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const inNumberField = e.target instanceof HTMLElement && e.target.closest(`[${LETTER_KEYS_ATTRIBUTE}]`) !== null;
    if (e.key === '?' && (inNumberField || !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement))) {
      e.preventDefault();
      setHelp((h) => !h);
    } else if (e.key === '/' && !help && !isTypingTarget(e.target)) {
      e.preventDefault();
      focusNumber();
    }
  });

  const panel = ({ query, found }: PanelFor) => (
    <LogPanel
      key={`${query}|${found?.customer.msisdnMasked ?? ''}`}
      customer={found ? { ref: found.customer.ref } : { msisdn: query }}
      ranked={found?.offers.ranked ?? []}
      plans={planChoices(found?.tariff)}
      excluded={found?.offers.excluded ?? []}
      walkIn={!found}
      keysEnabled={!help && state.kind === 'done'}
      onHelp={() => setHelp(true)}
      onExit={focusNumber}
      onSaved={() => {
        // The panel says what was saved; the card refetches on its own (the save stales it); the number is ready for
        // the next customer (F and E still work from there: LETTER_KEYS_ATTRIBUTE).
        focusNumber();
      }}
    />
  );

  // The hall workflow starts with the number: the field has the focus whenever this page is shown.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const query = input.trim();
    if (!query) return;
    // Another customer replaces the outcome form: not over what the agent put in for this one without asking.
    if (query !== useHall.getState().query) guard.leave(() => show(query));
    else show(query);
  };

  const show = (query: string) => {
    setFocusPanel(true);
    // The same number again is a new look-up too: the agent expects the card as it is now. Another number's request
    // leaves now: React renders the page for it after this handler, and the request waited for that render (~16 ms).
    if (lookUp(query)) prefetchLookup(query);
    else refetch();
    // Selected, so the next customer's number typed or pasted replaces this one.
    inputRef.current?.select();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    } else if (e.key === '/') {
      // / is "back to the number" everywhere else; here it is that already (a number has no "/"): it selects the
      // number, as after a save, instead of typing over it.
      e.preventDefault();
      inputRef.current?.select();
    }
  };

  return (
    <Box sx={{ px: 2, py: 1.5, display: 'grid', gap: 1, alignContent: 'start' }}>
      <Box
        component="form"
        role="search"
        aria-label={t('hall.title')}
        onSubmit={submit}
        noValidate
        autoComplete="off"
        sx={{ display: 'flex', gap: 1.5, alignItems: 'center', position: 'relative' }}
      >
        <TextField
          inputRef={inputRef}
          label={t('hall.numberLabel')}
          placeholder={t('hall.numberPlaceholder')}
          size="small"
          title={t('hall.numberHint')}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          sx={{ width: 360, bgcolor: 'background.paper' }}
          slotProps={{
            htmlInput: {
              inputMode: 'tel',
              spellCheck: false,
              maxLength: 32,
              'data-testid': 'lookup-input',
              [LETTER_KEYS_ATTRIBUTE]: 'F E',
              style: { fontSize: '1.125rem', letterSpacing: '0.04em' },
            },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <PhoneIphoneIcon />
                </InputAdornment>
              ),
            },
          }}
        />
        <Button type="submit" variant="contained" sx={{ height: 40, px: 3 }} disabled={!input.trim()}>
          {t('hall.submit')}
        </Button>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 0 }} noWrap>
          {t('hall.numberHint')}
        </Typography>
        {state.kind === 'loading' && <LinearProgress aria-label={t('common.loading')} sx={{ position: 'absolute', left: 0, right: 0, bottom: -6 }} />}
      </Box>
      {/* While the next look-up runs the previous result stays, dimmed, in the same place of the tree: React then
          updates the card in place for the next customer instead of building it afresh (the card is large). */}
      <Box sx={{ opacity: state.kind === 'loading' ? 0.5 : 1, pointerEvents: state.kind === 'loading' ? 'none' : undefined }} aria-busy={state.kind === 'loading'}>
        <Result
          state={state.kind === 'loading' ? state.previous : state}
          onRetry={refetch}
          panel={panel}
        />
      </Box>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} channel="hall" />
      <UnsavedOutcomeDialog
        {...guard.dialog}
        // 回去保存 goes back to the form as it says: the number box shows the customer on screen again and the form has
        // the focus, so Enter saves. It left the new number in the box with the focus, and Enter asked again, for ever.
        onStay={() => {
          guard.dialog.onStay();
          setInput(useHall.getState().query ?? '');
          setFocusPanel(true);
        }}
        restoreFocus={false}
        leaveLabel={t('hall.unsaved.lookUp')}
      />
    </Box>
  );
}
