import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CustomerKey, OperationInput, OperationOutput } from '../../../../core/api';
import { competitors, dispositionRequires, reasons, type Competitor, type Disposition, type Reason } from '../../../../core/contact/codes';
import { useApiSave } from '../../api/query';
import { describeError } from '../../app/errors';
import { PickersProvider } from '../../components/DatePickers';
import { useLabels, useT } from '../../i18n';
import { useHall } from './hallStore';
import { newId } from '../../api/ids';
import { FeedbackDialog, NoteDialog } from './FeedbackDialogs';
import { useOfferOptions } from './offerCatalogue';
import { useOfferWords, type RankedOffer } from './offerWords';

/**
 * One key per disposition (docs/product.md §9). The reached outcomes an agent at the counter logs most come first;
 * 0 is the last digit, C (complaint) the only letter. Kept in this one table: buttons, help and keys read it.
 */
export const dispositionKeys: readonly { key: string; code: Disposition }[] = [
  { key: '1', code: 'accepted' },
  { key: '2', code: 'declined' },
  { key: '3', code: 'callback' },
  { key: '4', code: 'no_answer' },
  { key: '5', code: 'busy' },
  { key: '6', code: 'powered_off' },
  { key: '7', code: 'invalid_number' },
  { key: '8', code: 'hung_up' },
  { key: '9', code: 'churned' },
  { key: '0', code: 'wrong_person' },
  { key: 'C', code: 'complaint' },
];

const MAX_CALLBACK_DAYS = 30;

export const defaultCallback = (): Dayjs => dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0);

/** True when a key press belongs to a field (typing) or to an open popup (menu, picker, dialog). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return !!target.closest('[role="dialog"], [role="listbox"], [role="menu"], .MuiPopper-root, .MuiPopover-root, [role="spinbutton"]');
}

function Kbd({ children, on }: { children: ReactNode; on?: boolean }) {
  return (
    <Box
      component="kbd"
      sx={{
        fontFamily: 'inherit',
        fontSize: '0.75rem',
        fontWeight: 700,
        minWidth: 18,
        px: 0.5,
        lineHeight: '18px',
        textAlign: 'center',
        borderRadius: 0.5,
        border: 1,
        borderColor: on ? 'primary.contrastText' : 'divider',
        bgcolor: on ? 'transparent' : 'background.default',
      }}
    >
      {children}
    </Box>
  );
}

function KeyButton({
  k,
  label,
  selected,
  onClick,
  testId,
  code,
  extra,
}: {
  k: string;
  label: string;
  selected: boolean;
  onClick(): void;
  testId: string;
  code: string;
  extra?: Record<string, string>;
}) {
  return (
    <Button
      size="small"
      variant={selected ? 'contained' : 'outlined'}
      onClick={onClick}
      aria-pressed={selected}
      aria-keyshortcuts={k || undefined}
      data-testid={testId}
      data-code={code}
      {...extra}
      sx={{ py: 0.25, px: 1, gap: 0.75, textTransform: 'none', whiteSpace: 'nowrap', minWidth: 0 }}
    >
      {k && <Kbd on={selected}>{k}</Kbd>}
      {label}
    </Button>
  );
}

function Step({ title, hint, children, error }: { title: string; hint: string; children: ReactNode; error?: string | null }) {
  const id = useId();
  return (
    <Box role="group" aria-labelledby={id} data-testid="log-step" sx={{ display: 'grid', gap: 0.75 }}>
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography id={id} variant="subtitle2" component="h4">
          {title}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
        {error && (
          <Typography variant="caption" color="error" role="alert" data-testid="log-required" sx={{ fontWeight: 600 }}>
            {error}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', alignItems: 'center' }}>{children}</Box>
    </Box>
  );
}

export type AttemptSaved = OperationOutput<'attempt-log'>;

/**
 * docs/product.md §1/§6/§9: the hall agent logs the outcome in two or three keystrokes — a disposition key, the
 * required detail by key (offer, reason, competitor) or the prefilled call-back time, Enter. "Saved" is shown
 * by the page only once the backend answered; on error the input stays for a retry with the same attempt id.
 */
export function LogPanel({
  customer,
  ranked,
  walkIn,
  onSaved,
  onExit,
  onHelp,
  keysEnabled,
  channel = 'hall',
  onAdded,
}: {
  /** Feedback or an experience note was saved (the card reloads to show it). */
  onAdded?(): void;
  /** The hall by default; the phone queue logs calls. */
  channel?: 'hall' | 'phone';
  /** The card's reference; a walk-in's typed number when the customer is not in the cache. */
  customer: CustomerKey;
  ranked: readonly RankedOffer[];
  walkIn: boolean;
  onSaved(out: AttemptSaved): void;
  onExit(): void;
  onHelp(): void;
  keysEnabled: boolean;
}) {
  const t = useT();
  const labels = useLabels();
  const w = useOfferWords();
  const apiSave = useApiSave();
  const panelRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLInputElement>(null);
  const idRef = useRef<{ key: string; id: string } | null>(null);
  const focusPanel = useHall((s) => s.focusPanel);
  const setFocusPanel = useHall((s) => s.setFocusPanel);

  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [offerCode, setOfferCode] = useState<string | null>(null);
  const [reason, setReason] = useState<Reason | null>(null);
  const [competitor, setCompetitor] = useState<Competitor | null>(null);
  const [callbackAt, setCallbackAt] = useState<Dayjs | null>(defaultCallback);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'feedback' | 'note' | null>(null);

  const top = ranked.slice(0, 3);

  // The agent asked for this customer: the panel takes the focus so the disposition keys work at once.
  useEffect(() => {
    if (focusPanel) {
      panelRef.current?.focus();
      setFocusPanel(false);
    }
  }, [focusPanel, setFocusPanel]);

  // The whole catalogue only once the agent says "accepted" (the top offers are on the card already).
  const offerOptions = useOfferOptions(disposition === 'accepted');

  const need = disposition ? dispositionRequires[disposition] : null;
  // Who is poaching (issue 15 #6): a churn, and a decline for a competitor's offer or the social circle, ask which
  // competitor; for a competitor's offer the answer is required (the backend refuses it without).
  const askCompetitor = disposition === 'churned' || (disposition === 'declined' && (reason === 'competitor_offer' || reason === 'social_circle'));
  const competitorRequired = disposition === 'declined' && reason === 'competitor_offer';
  const callbackProblem = (() => {
    if (disposition !== 'callback') return null;
    if (!callbackAt || !callbackAt.isValid()) return t('log.required.callback');
    const now = dayjs();
    if (!callbackAt.isAfter(now) || callbackAt.isAfter(now.add(MAX_CALLBACK_DAYS, 'day'))) return t('log.invalid.callback');
    return null;
  })();
  const missing: string | null =
    disposition === null
      ? null
      : need === 'offer' && !offerCode
        ? t('log.required.offer')
        : need === 'reason' && !reason
          ? t('log.required.reason')
          : competitorRequired && !competitor
            ? t('log.required.competitor')
            : callbackProblem;
  const complete = disposition !== null && missing === null;

  const choose = (d: Disposition) => {
    setDisposition(d);
    // A decline is usually of the offer just presented: the top one, shown and changeable (or cleared).
    if (d === 'declined') setOfferCode(top[0]?.code ?? null);
    setTried(false);
    setError(null);
  };
  const back = () => {
    setDisposition(null);
    setOfferCode(null);
    setReason(null);
    setCompetitor(null);
    setCallbackAt(defaultCallback());
    setTried(false);
    setError(null);
    panelRef.current?.focus();
  };

  const save = async () => {
    if (saving || !disposition) return;
    setTried(true);
    if (!complete) return;
    const payload: OperationInput<'attempt-log'> = {
      ...customer,
      channel,
      disposition,
      reason: need === 'reason' ? reason : null,
      competitor: askCompetitor ? competitor : null,
      // A declined offer is recorded so that it is not offered again during its cooldown (docs/product.md §5).
      offerCode: need === 'offer' || disposition === 'declined' ? offerCode : null,
      callbackAt: need === 'callbackAt' && callbackAt ? callbackAt.toISOString() : null,
      note: note.trim() || null,
    };
    // The same content keeps the same id, so a retry after a lost answer is not stored twice.
    const key = JSON.stringify(payload);
    if (idRef.current?.key !== key) idRef.current = { key, id: newId() };
    setSaving(true);
    setError(null);
    try {
      const out = await apiSave('attempt-log', { ...payload, id: idRef.current.id });
      setSaving(false);
      onSaved(out);
    } catch (e) {
      setSaving(false);
      setError(e);
    }
  };

  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  useEffect(() => {
    if (!keysEnabled || dialog) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(e.target)) return;
      const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
      const handled = (() => {
        if (e.key === 'Enter') {
          if (!disposition) return false;
          if (need === 'offer' && !offerCode && top[0]) {
            setOfferCode(top[0].code);
            return true;
          }
          void saveRef.current();
          return true;
        }
        if (e.key === 'Escape') {
          if (disposition) back();
          else onExit();
          return true;
        }
        if (key === 'N' && disposition) {
          noteRef.current?.focus();
          return true;
        }
        if (!disposition && key === 'F') {
          setDialog('feedback');
          return true;
        }
        if (!disposition && key === 'E') {
          setDialog('note');
          return true;
        }
        if (!disposition) {
          const d = dispositionKeys.find((x) => x.key === key);
          if (d) choose(d.code);
          return !!d;
        }
        const n = Number(key);
        if (!/^[0-9]$/.test(key)) return false;
        if (need === 'offer' && n >= 1 && n <= top.length) setOfferCode(top[n - 1]!.code);
        // Once a reason that asks for the competitor is chosen, the digits choose the competitor (a click changes the reason).
        else if (askCompetitor && (need !== 'reason' || reason) && n >= 1 && n <= competitors.length) setCompetitor(competitors[n - 1]!);
        else if (need === 'reason' && n >= 1 && n <= reasons.length) setReason(reasons[n - 1]!);
        else return false;
        return true;
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Each step shows what it lacks; the competitor step says its own (see below).
  const competitorMissing = competitorRequired && !competitor;
  const requiredError = tried && missing && !competitorMissing ? missing : null;

  return (
    <Paper
      ref={panelRef}
      tabIndex={-1}
      component="section"
      variant="outlined"
      aria-label={walkIn ? t('log.titleWalkIn') : t('log.title')}
      data-testid="log-panel"
      data-disposition={disposition ?? ''}
      sx={{ p: 1.5, mb: 2, display: 'grid', gap: 1.25, borderColor: 'primary.light', outline: 'none', '&:focus-visible, &:focus': { boxShadow: (th) => `0 0 0 2px ${th.palette.primary.light}` } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography component="h3" sx={{ fontWeight: 600, fontSize: '0.9375rem', color: 'primary.dark' }}>
          {walkIn ? t('log.titleWalkIn') : t('log.title')}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
          {t('log.hint')}
        </Typography>
        <Button size="small" onClick={() => setDialog('feedback')} aria-keyshortcuts="F" data-testid="open-feedback" sx={{ gap: 0.75 }}>
          <Kbd on={false}>F</Kbd>
          {t('feedback.open')}
        </Button>
        <Button size="small" onClick={() => setDialog('note')} aria-keyshortcuts="E" data-testid="open-note" sx={{ gap: 0.75 }}>
          <Kbd on={false}>E</Kbd>
          {t('note.open')}
        </Button>
        <Tooltip title={t('log.help')}>
          <IconButton size="small" onClick={onHelp} aria-label={t('log.help')} aria-keyshortcuts="?" data-testid="log-help">
            <HelpOutlineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      <Box role="group" aria-label={t('log.dispositions')} sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }}>
        {dispositionKeys.map((d) => (
          <KeyButton
            key={d.code}
            k={d.key}
            code={d.code}
            label={labels.disposition(d.code)}
            selected={disposition === d.code}
            onClick={() => (disposition === d.code ? back() : choose(d.code))}
            testId="log-disposition"
          />
        ))}
      </Box>
      {need === 'offer' && (
        <Step title={t('log.step.offer')} hint={top.length ? t('log.step.offerHint') : t('log.step.offerNone')} error={requiredError}>
          {top.map((o, i) => (
            <KeyButton
              key={o.code}
              k={String(i + 1)}
              code={o.code}
              label={w.offerName(o)}
              selected={offerCode === o.code}
              onClick={() => setOfferCode(o.code)}
              testId="log-offer"
              extra={{ 'data-offer-code': o.code }}
            />
          ))}
          <TextField
            select
            size="small"
            label={t('log.step.offerAll')}
            value={offerCode && !top.some((o) => o.code === offerCode) ? offerCode : ''}
            onChange={(e) => setOfferCode(e.target.value || null)}
            sx={{ minWidth: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'log-offer-select' } }}
          >
            {(offerOptions ?? []).map((o) => (
              <MenuItem key={o.code} value={o.code}>
                {w.offerName(o)}
              </MenuItem>
            ))}
          </TextField>
        </Step>
      )}
      {need === 'reason' && (
        <Step title={t('log.step.reason')} hint={t('log.step.reasonHint')} error={requiredError}>
          {reasons.map((r, i) => (
            <KeyButton key={r} k={String(i + 1)} code={r} label={labels.reason(r)} selected={reason === r} onClick={() => setReason(r)} testId="log-reason" />
          ))}
        </Step>
      )}
      {disposition === 'declined' && top.length > 0 && (
        <Step title={t('log.step.declinedOffer')} hint={t('log.step.declinedOfferHint')}>
          {top.map((o) => (
            <KeyButton
              key={o.code}
              k=""
              code={o.code}
              label={w.offerName(o)}
              selected={offerCode === o.code}
              onClick={() => setOfferCode(offerCode === o.code ? null : o.code)}
              testId="log-declined-offer"
              extra={{ 'data-offer-code': o.code }}
            />
          ))}
        </Step>
      )}
      {need === 'callbackAt' && (
        <Step title={t('log.step.callback')} hint={t('log.step.callbackHint')} error={tried || callbackAt ? callbackProblem : null}>
          <PickersProvider>
            <DateTimePicker
              value={callbackAt}
              onChange={(d) => setCallbackAt(d)}
              ampm={false}
              disablePast
              maxDateTime={dayjs().add(MAX_CALLBACK_DAYS, 'day')}
              format="YYYY-MM-DD HH:mm"
              label={t('log.step.callback')}
              slotProps={{ textField: { size: 'small', sx: { width: 240 }, ...({ 'data-testid': 'log-callback' } as object) } }}
            />
          </PickersProvider>
        </Step>
      )}
      {askCompetitor && (
        <Step
          title={t(competitorRequired ? 'log.step.competitorRequired' : 'log.step.competitor')}
          hint={t('log.step.competitorHint')}
          error={tried && competitorMissing ? t('log.required.competitor') : null}
        >
          {competitors.map((c, i) => (
            <KeyButton
              key={c}
              k={String(i + 1)}
              code={c}
              label={labels.competitor(c)}
              selected={competitor === c}
              onClick={() => setCompetitor(competitor === c ? null : c)}
              testId="log-competitor"
            />
          ))}
        </Step>
      )}
      {disposition && (
        <Box
          component="form"
          noValidate
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
        >
          <TextField
            inputRef={noteRef}
            size="small"
            label={t('log.note')}
            placeholder={t('log.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                panelRef.current?.focus();
              }
            }}
            sx={{ flex: 1, minWidth: 240 }}
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'log-note' } }}
          />
          <Button
            type="submit"
            variant="contained"
            disabled={saving || !complete}
            data-testid="log-save"
            aria-keyshortcuts="Enter"
            startIcon={saving ? <CircularProgress size={16} color="inherit" /> : <Kbd on>↵</Kbd>}
          >
            {saving ? t('log.saving') : t('log.save')}
          </Button>
          <Button onClick={back} disabled={saving} aria-keyshortcuts="Escape" data-testid="log-clear">
            {t('log.clear')}
          </Button>
        </Box>
      )}
      {error !== null && (
        <Alert severity="error" data-testid="log-error">
          <strong>{t('log.failed')}</strong>
          {' — '}
          {describeError(error, t)}
        </Alert>
      )}
      {dialog === 'feedback' && (
        <FeedbackDialog
          open
          customer={customer}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onAdded?.();
          }}
        />
      )}
      {dialog === 'note' && (
        <NoteDialog
          open
          ranked={ranked}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onAdded?.();
          }}
        />
      )}
    </Paper>
  );
}
