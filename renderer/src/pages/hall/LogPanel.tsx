import CheckCircleIcon from '@mui/icons-material/CheckCircle';
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
import dayjs from 'dayjs';
import { useEffect, useId, useMemo, useReducer, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { ContactView, CustomerKey, OffersView, OperationOutput } from '../../../../core/api';
import { COMPETITOR_AMOUNT_MAX, COMPETITOR_OFFER_MAX_CHARS, competitors, noteRequired, reasons } from '../../../../core/contact/codes';
import { useApiQuery, useApiSave } from '../../api/query';
import { describeError } from '../../app/errors';
import { useContactReasons } from '../../components/ContactState';
import { isTypingTarget, useWindowKeydown } from '../../components/useWindowKeydown';
import { useFormat } from '../../format';
import { PickersProvider } from '../../components/DatePickers';
import { useLabels, useLocale, useT, type PlainMessageKey } from '../../i18n';
import { offerNumbersFor } from './offerNumbers';
import { useHall } from './hallStore';
import { newId } from '../../api/ids';
import { FeedbackDialog, NoteDialog } from './FeedbackDialogs';
import { useHoldsOutcome } from './UnsavedOutcomeDialog';
import { keepOutcome, outcomeSubject, takeKeptOutcome } from '../../app/keptWork';
import { useSession } from '../../app/session';
import { callingHoursText, defaultContactPolicy, phoneCallableWithin } from '../../../../core/contact/policy';
import {
  asksCompetitor,
  attemptPayload,
  callbackProblem,
  clickDisposition,
  competitorOfferInvalid,
  competitorRequired,
  defaultCallback,
  dispositionKeysFor,
  enterOpensOfferList,
  holdsUnsaved,
  initialLogForm,
  resumedOnCard,
  isComplete,
  keyToAction,
  missing,
  mustConfirmBlocked,
  reduce,
  requirement,
  type KeyContext,
  type LastSaved,
  type LogChannel,
  type LogKeyAction,
} from './logForm';
import { useOfferOptions, usePlanOptions, type PlanChoice } from './offerCatalogue';
import { useOfferWords, type RankedOffer } from './offerWords';

/**
 * Marks a field where letters are never typed (the hall's number field): there the form's letter keys F and E still
 * work, so an agent can add feedback right after saving, when the focus is back in the number field.
 */
export const LETTER_KEYS_ATTRIBUTE = 'data-letter-keys';

/** True when the letter key (F, E) is typed where it is a shortcut, not text: outside text fields, or in a number-only field. */
function letterKeyTarget(target: EventTarget | null): boolean {
  return !isTypingTarget(target) || (target instanceof HTMLElement && target.closest(`[${LETTER_KEYS_ATTRIBUTE}]`) !== null);
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
  truncate = false,
}: {
  k: string;
  label: string;
  selected: boolean;
  onClick(): void;
  testId: string;
  code: string;
  extra?: Record<string, string>;
  /**
   * Cut the label short with "…" when its cell is narrower (the whole label is its tooltip). 'half': in a wrapping
   * row, the button is cut to no less than half the line only when its whole label does not fit beside the others —
   * it wraps as if it took at most half the line, then grows back up to its whole label in the room left.
   */
  truncate?: boolean | 'half';
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
      title={truncate ? label : undefined}
      {...extra}
      sx={{
        py: 0.25,
        px: 1,
        gap: 0.75,
        textTransform: 'none',
        whiteSpace: 'nowrap',
        minWidth: 0,
        ...(truncate && { maxWidth: '100%', justifyContent: 'flex-start' }),
        ...(truncate === 'half' && { flex: '1 1 calc(50% - 3px)', maxWidth: 'max-content' }),
      }}
    >
      {k && <Kbd on={selected}>{k}</Kbd>}
      {truncate ? (
        <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {label}
        </Box>
      ) : (
        label
      )}
    </Button>
  );
}

/**
 * The list beside a step's buttons (其他政策, 其他套餐): every choice of the catalogue, showing the chosen one only when
 * no button does (a button's choice shows on the button); `none`, when given, is a first item that chooses nothing.
 */
function OtherChoice({
  label,
  chosen,
  shown,
  options,
  none,
  onChoose,
  onEnter,
  opensOnEnter = true,
  autoFocus = false,
  beside = false,
  testId,
}: {
  label: string;
  chosen: string | null;
  shown: readonly { code: string }[];
  options: readonly { code: string; label: string }[];
  none?: string;
  onChoose(code: string | null): void;
  /** Enter on the list once it shows a choice, or while it shows none and does not open on Enter: saves, as from every field of the form. */
  onEnter(): void;
  /** Whether Enter opens the list while it shows no choice (by default; the offers' list only while the outcome lacks its offer). */
  opensOnEnter?: boolean;
  autoFocus?: boolean;
  /**
   * Beside the offers it may narrow (to 160 px, room for its label) before an offer beside it is cut: it wraps as if
   * 160 px wide and shares the room left with the offer, the offer first up to its whole name. 套餐关怀（话费激增、流量异常）
   * beside a list kept at 200 px lost its last characters.
   */
  beside?: boolean;
  testId: string;
}) {
  const value = chosen && !shown.some((s) => s.code === chosen) ? chosen : '';
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChoose(e.target.value || null)}
      // Enter on the closed list opened it again once an offer had been chosen from it by keyboard, and nothing saved
      // (found by a hall agent's pass): with a choice shown, Enter saves; an empty list still opens on Enter when it may
      // (a walk-in chooses there first). Only the list's own box: Enter in its open menu (a portal, but React's child) chooses.
      onKeyDownCapture={(e) => {
        if (e.key !== 'Enter' || e.nativeEvent.isComposing || (value === '' && opensOnEnter) || (e.target as HTMLElement).getAttribute('role') !== 'combobox') return;
        e.preventDefault();
        e.stopPropagation();
        onEnter();
      }}
      sx={beside ? { flex: '1 1 160px', minWidth: 160, maxWidth: 220 } : { minWidth: 220 }}
      autoFocus={autoFocus}
      slotProps={{ htmlInput: { 'data-testid': testId } }}
    >
      {none !== undefined && <MenuItem value="">{none}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o.code} value={o.code}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
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

/** "已保存 10:32 · 成功 · 政策…": what the last save stored, until the agent's next step (docs/product.md §9). */
function SavedLine({ saved, offerName, planName }: { saved: LastSaved; offerName(code: string): string; planName(code: string): string }) {
  const t = useT();
  const labels = useLabels();
  const fmt = useFormat();
  const parts = [t('log.saved', { time: dayjs(saved.at).format('HH:mm'), disposition: labels.disposition(saved.disposition) })];
  // The offer of a decline is the one declined ('政策：打多少送多少' after 拒绝 read as the offer taken).
  if (saved.offerCode) parts.push(t(saved.disposition === 'declined' ? 'log.savedDeclinedOffer' : 'log.savedOffer', { offer: offerName(saved.offerCode) }));
  if (saved.planCode) parts.push(t('log.savedPlan', { plan: planName(saved.planCode) }));
  if (saved.reason) parts.push(labels.reason(saved.reason));
  if (saved.competitor) parts.push(t('log.savedCompetitor', { competitor: labels.competitor(saved.competitor) }));
  // The time promised, to read back to the customer before they go (found by a new agent).
  if (saved.callbackAt) parts.push(t('log.savedCallback', { time: fmt.dateTime(saved.callbackAt) }));
  // A task ended by a request not to be contacted, a churn or the attempts used up says so, as the card's banner does
  // (the line said 任务状态：客户拒绝 above a banner saying 任务已结束（要求勿扰）; found by a new agent).
  if (saved.taskStatus && saved.taskEndedBy) {
    parts.push(saved.taskEndedBy === 'attempt-limit' ? t('log.savedTaskAttemptsUsed') : t('log.savedTaskEndedBy', { by: labels.disposition(saved.taskEndedBy) }));
  } else if (saved.taskStatus) parts.push(t('log.savedTask', { status: labels.status(saved.taskStatus) }));
  // Who will do it: the follow-up goes to whoever had the task, not necessarily the agent who made the sale.
  if (saved.followUpOn) {
    parts.push(
      saved.followUpAgent
        ? t('log.savedFollowUpBy', { date: fmt.date(saved.followUpOn), agent: saved.followUpAgent })
        : t('log.savedFollowUpUnassigned', { date: fmt.date(saved.followUpOn) }),
    );
  }
  return (
    <Box
      role="status"
      data-testid="log-saved"
      data-code={saved.disposition}
      sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.75, color: 'success.dark', fontWeight: 600, fontSize: '0.875rem', minWidth: 0, px: 1, py: 0.5, borderRadius: 1, bgcolor: '#edf7ed', border: 1, borderColor: 'success.light' }}
    >
      <CheckCircleIcon fontSize="small" aria-hidden sx={{ mt: '1px' }} />
      <span>
        {parts.join(' · ')}
        {/* The success is saved; the visit its offer requires is the agent's to arrange (a walk-in on no list). */}
        {saved.followUpNotMade && (
          <Box component="span" data-testid="log-saved-follow-up-not-made" sx={{ display: 'block', color: 'warning.dark' }}>
            {t('log.savedFollowUpNotMade')}
          </Box>
        )}
      </span>
    </Box>
  );
}

/**
 * docs/product.md §1/§6/§9: the hall agent logs the outcome in two or three keystrokes — a disposition key, the
 * required detail by key (offer, reason, competitor) or the prefilled call-back time, Enter. "Saved" is shown
 * by the page only once the backend answered; on error the input stays for a retry with the same attempt id.
 */
export function LogPanel({
  customer,
  ranked,
  excluded = [],
  walkIn,
  onSaved,
  onExit,
  onHelp,
  keysEnabled,
  channel = 'hall',
  onAdded,
  contact,
  plans = [],
}: {
  /** Feedback or an experience note was saved (the card reloads to show it). */
  onAdded?(): void;
  /** The card's contact decision for this channel: a phone attempt it blocks is confirmed before it is saved. */
  contact?: ContactView | null;
  /** The hall by default; the phone queue logs calls. */
  channel?: LogChannel;
  /** The card's reference; a walk-in's typed number when the customer is not in the cache. */
  customer: CustomerKey;
  ranked: readonly RankedOffer[];
  /**
   * The plans of the card's tariff preview, in its order (cheapest fitting first): a success may be a move to one of
   * them. Empty for a walk-in not in the cache; any plan of the catalogue can still be chosen from the list.
   */
  plans?: readonly PlanChoice[];
  /** The offers the card does not make to this customer, with why: choosing one as accepted is warned about. */
  excluded?: OffersView['excluded'];
  walkIn: boolean;
  onSaved(out: AttemptSaved): void;
  onExit(): void;
  onHelp(): void;
  keysEnabled: boolean;
}) {
  const t = useT();
  const w = useOfferWords();
  const contactReasons = useContactReasons();
  const apiSave = useApiSave();
  const fmt = useFormat();
  const locale = useLocale();
  const money = useMemo(() => offerNumbersFor(locale).money, [locale]);
  const panelRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLInputElement>(null);
  const idRef = useRef<{ key: string; id: string } | null>(null);
  const focusPanel = useHall((s) => s.focusPanel);
  const setFocusPanel = useHall((s) => s.setFocusPanel);

  // The input kept when the agent's session ended by itself with it unsaved, if this is that customer's form.
  const subject = outcomeSubject(channel, customer);
  const [state, dispatch] = useReducer(reduce, subject, (s) => {
    const kept = takeKeptOutcome(s);
    return kept ? resumedOnCard(kept, ranked.slice(0, 3).map((o) => o.code)) : initialLogForm(dayjs());
  });
  // What the form holds unsaved (holdsUnsaved) is asked about before anything leaves it (useUnsavedGuard).
  useHoldsOutcome(holdsUnsaved(state));
  // Feedback or an experience note just saved (F, E): said until the next outcome is chosen.
  const [added, setAdded] = useState<{ kind: 'feedback' | 'note'; at: string } | null>(null);
  const { disposition, offerCode, planCode, reason, competitor, competitorOffer, competitorAmount, callbackAt, note, tried, saving, error, dialog, lastSaved } = state;

  const top = ranked.slice(0, 3);
  const now = dayjs();
  const shownPlans = plans.slice(0, 3);
  const keyContext: KeyContext = { top: top.map((o) => o.code), plans: shownPlans.map((p) => p.code), now, channel };
  const keys = dispositionKeysFor(channel);
  const offerName = (code: string) => {
    const o = ranked.find((r) => r.code === code) ?? offerOptions?.find((r) => r.code === code);
    return o ? w.offerName(o) : code;
  };

  // The agent asked for this customer: the panel takes the focus so the disposition keys work at once — the panel of
  // the card that came, not the previous customer's while it waits dimmed (keys off): that one took the focus, and
  // lost it with itself a moment later, so Tab started again from the top bar (found by a new user).
  useEffect(() => {
    if (focusPanel && keysEnabled) {
      panelRef.current?.focus();
      setFocusPanel(false);
    }
  }, [focusPanel, keysEnabled, setFocusPanel]);

  // The whole catalogue only once the agent says "accepted" (the top offers are on the card already).
  const offerOptions = useOfferOptions(disposition === 'accepted');
  const planOptions = usePlanOptions(disposition === 'accepted');
  const planName = (code: string) => plans.find((p) => p.code === code)?.name ?? planOptions?.find((p) => p.code === code)?.name ?? code;

  const need = requirement(state);
  // An acceptance of an offer the card does not make to this customer (already on that brand, not eligible …): it is
  // recorded — the customer took it — but not without saying what the card said (it saved as 维系成功 without a word).
  const notOffered = disposition === 'accepted' && offerCode ? excluded.find((e) => e.code === offerCode) : undefined;
  const askCompetitor = asksCompetitor(state);
  // Each step the outcome adds (a reason, the competitor, what they offered) grows the form downwards: at 1366×768 a
  // decline for a competitor's offer put the competitor, its offer and 保存 below the fold, out of the agent's sight
  // while the keys still chose them (found by a new user, in English). The note and 保存 are brought into view.
  const saveRowRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (disposition) saveRowRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [disposition, reason, askCompetitor]);
  const competitorIsRequired = competitorRequired(state);
  // The call-back horizon is the active contact policy's (the backend checks the same figure).
  // The call-back's horizon and calling hours are the contact rules' (the defaults until they are read).
  const policy = useApiQuery('contact-policy-get', {}).data?.policy ?? defaultContactPolicy;
  const hours = callingHoursText(policy);
  const callbackProblemKey = callbackProblem(state, now, policy);
  const missingKey = missing(state, now, policy);
  const complete = isComplete(state, now, policy);
  const problemText = (key: NonNullable<typeof missingKey>) =>
    key === 'log.invalid.callback' ? t(key, { days: policy.maxCallbackDays }) : key === 'log.invalid.callbackHours' ? t(key, hours) : t(key as PlainMessageKey);

  const save = async () => {
    if (saving || !disposition) return;
    dispatch({ type: 'submit' });
    const payload = attemptPayload(state, now, customer, channel, policy);
    if (!payload) return;
    if (mustConfirmBlocked(state, contact, channel)) {
      dispatch({ type: 'askBlocked' });
      return;
    }
    // The same content keeps the same id, so a retry after a lost answer is not stored twice.
    const key = JSON.stringify(payload);
    if (idRef.current?.key !== key) idRef.current = { key, id: newId() };
    dispatch({ type: 'saveStarted' });
    try {
      const out = await apiSave('attempt-log', { ...payload, id: idRef.current.id });
      const a = out.attempt;
      dispatch({
        type: 'saveDone',
        now: dayjs(),
        saved: {
          disposition: payload.disposition,
          at: a.at,
          offerCode: a.offerCode,
          planCode: a.planCode,
          reason: payload.reason ?? null,
          competitor: payload.competitor ?? null,
          callbackAt: a.callbackAt ?? null,
          taskStatus: out.task?.status ?? null,
          taskEndedBy: out.task?.endedBy ?? null,
          followUpOn: out.followUp?.on ?? null,
          followUpAgent: out.followUp?.agentId ?? null,
          followUpNotMade: out.followUpNotMade,
        },
      });
      idRef.current = null;
      onSaved(out);
    } catch (e) {
      dispatch({ type: 'saveFailed', error: e });
    }
  };

  /** Carries out what a key or a click asks for: the form's own changes go to the reducer, the rest happen here. */
  const perform = (action: LogKeyAction) => {
    switch (action.type) {
      case 'save':
        void save();
        return;
      case 'exit':
        onExit();
        return;
      case 'focusNote':
        noteRef.current?.focus();
        return;
      case 'focusCallback':
        // The picker's day (its sections: year, month, day, hour, minute); → moves on to the hour.
        panelRef.current?.querySelectorAll<HTMLElement>('[data-testid="log-callback"] [role="spinbutton"]')[2]?.focus();
        return;
      case 'back':
        dispatch(action);
        panelRef.current?.focus();
        return;
      default:
        dispatch(action);
    }
  };
  const back = () => perform({ type: 'back', callbackAt: defaultCallback(dayjs()) });
  /**
   * The competitor's fields: Enter saves, as in the note (whose form submits) — the help says "Enter 保存", and it did
   * nothing there; not while an input method is composing (Enter then picks the characters). Esc returns to the keys.
   */
  const fieldKeys = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      panelRef.current?.focus();
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  };

  // The form as last rendered, for the clean-up below (which runs after the render that unmounts it).
  const latestRef = useRef(state);
  useEffect(() => {
    latestRef.current = state;
  });

  // The session ending by itself takes the form away with no question asked (it is gone when the next call learns
  // so): its unsaved input is kept for the same agent signing in again (app/keptWork.ts).
  useEffect(() => {
    const latest = latestRef;
    return () => {
      const session = useSession.getState();
      if (session.state === 'signed-out' && session.endedUnasked && holdsUnsaved(latest.current)) keepOutcome(subject, latest.current);
    };
  }, [subject]);

  useWindowKeydown((e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    // A dialog over the form has its own keys (Enter on 回去保存 must not also save the outcome behind it).
    if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
    const letter = e.key === 'f' || e.key === 'F' || e.key === 'e' || e.key === 'E';
    // F and E work at any time except while typing text (ShortcutsDialog says so); every other key outside fields.
    if (letter ? !letterKeyTarget(e.target) : isTypingTarget(e.target)) return;
    // The latest render's form and keys (useWindowKeydown calls the latest handler).
    const action = keyToAction(state, e.key, { top: keyContext.top, plans: keyContext.plans, now: dayjs(), channel });
    if (!action) return;
    e.preventDefault();
    perform(action);
  }, keysEnabled && !dialog);

  // An escalated complaint is said in the note (noteRequired): the cursor goes there when it is chosen.
  useEffect(() => {
    if (noteRequired(disposition) && !state.note.trim()) noteRef.current?.focus();
    // Only when the outcome changes: typing must not move the cursor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [disposition]);

  // Each step shows what it lacks; the competitor step says its own (see below).
  const competitorMissing = competitorIsRequired && !competitor;
  const offerInvalid = competitorOfferInvalid(state);
  // The competitor's offer says its own problem at its fields (below); every other gap is said at its step.
  const requiredError = tried && missingKey && !competitorMissing && missingKey !== offerInvalid ? problemText(missingKey) : null;
  const offerError = offerInvalid && (tried || competitorAmount.trim() !== '')
    ? t(offerInvalid, { max: fmt.count(offerInvalid === 'log.invalid.competitorAmount' ? COMPETITOR_AMOUNT_MAX : COMPETITOR_OFFER_MAX_CHARS) })
    : null;

  return (
    <Paper
      ref={panelRef}
      tabIndex={-1}
      component="section"
      variant="outlined"
      aria-label={walkIn ? t('log.titleWalkIn') : t('log.title')}
      data-testid="log-panel"
      data-disposition={disposition ?? ''}
      sx={{ p: 1.25, display: 'grid', gap: 1, borderColor: 'primary.light', outline: 'none', '&:focus-visible, &:focus': { boxShadow: (th) => `0 0 0 2px ${th.palette.primary.light}` } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography
          component="h3"
          title={channel === 'hall' ? `${t('log.hint')}\n${t('log.hallOnly')}` : t('log.hint')}
          sx={{ fontWeight: 600, fontSize: '0.9375rem', color: 'primary.dark' }}
        >
          {walkIn ? t('log.titleWalkIn') : t('log.title')}
        </Typography>
        {/* The keys are on the buttons; the hint (and, at the counter, why there is no "busy") is the title's tooltip,
            so the panel fits beside the risk (issue 15 #7). */}
        <Box sx={{ flex: 1 }} />
        <Button size="small" onClick={() => dispatch({ type: 'dialog', dialog: 'feedback' })} aria-keyshortcuts="F" data-testid="open-feedback" sx={{ gap: 0.75 }}>
          <Kbd on={false}>F</Kbd>
          {t('feedback.open')}
        </Button>
        <Button size="small" onClick={() => dispatch({ type: 'dialog', dialog: 'note' })} aria-keyshortcuts="E" data-testid="open-note" sx={{ gap: 0.75 }}>
          <Kbd on={false}>E</Kbd>
          {t('note.open')}
        </Button>
        <Tooltip title={t('log.help')}>
          <IconButton size="small" onClick={onHelp} aria-label={t('log.help')} aria-keyshortcuts="?" data-testid="log-help">
            <HelpOutlineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {lastSaved && !disposition && <SavedLine saved={lastSaved} offerName={offerName} planName={planName} />}
      {/* Feedback and notes are kept apart from the outcome; the dialog closed without a word on screen before. */}
      {added && !disposition && (
        <Box role="status" data-testid="log-added" data-kind={added.kind} sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'success.dark', fontWeight: 600, fontSize: '0.875rem', px: 1 }}>
          <CheckCircleIcon fontSize="small" aria-hidden />
          {/* A walk-in has no card to point to: the feedback is saved under the number, for the central side. */}
          {t(added.kind === 'feedback' ? (walkIn ? 'log.addedFeedbackWalkIn' : 'log.addedFeedback') : 'log.addedNote', { time: added.at })}
        </Box>
      )}
      <Box role="group" aria-label={t('log.dispositions')} sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }}>
        {keys.map((d) => (
          <KeyButton
            key={d.code}
            k={d.key}
            code={d.code}
            label={t(`log.key.${d.code}`)}
            selected={disposition === d.code}
            onClick={() => perform(clickDisposition(state, d.code, { ...keyContext, now: dayjs() }))}
            testId="log-disposition"
          />
        ))}
      </Box>
      {disposition === 'do_not_call' && (
        // What saving it does, said before Enter: it holds for every later task of the customer's (core/contact/policy.ts).
        <Typography variant="body2" role="status" data-testid="log-do-not-call" sx={{ color: 'warning.dark', fontWeight: 600 }}>
          {t('log.doNotCallEffect')}
        </Typography>
      )}
      {need === 'offer' && (
        <Step title={t('log.step.offer')} hint={top.length > 1 ? t('log.step.offerHint', { count: top.length }) : top.length === 1 ? t('log.step.offerHintOne') : t('log.step.offerNone')} error={requiredError}>
          {top.map((o, i) => (
            <KeyButton
              key={o.code}
              k={String(i + 1)}
              code={o.code}
              label={w.offerName(o)}
              selected={offerCode === o.code}
              onClick={() => dispatch({ type: 'offer', code: o.code })}
              testId="log-offer"
              extra={{ 'data-offer-code': o.code }}
              // In English each long name took a line of its own, and with the keys and the plans the panel ran below
              // the window at 1366×768: two long names now share a line, each cut to no less than half of it ("Contract
              // renewal with hi…"; the card's offers below carry the same numbers). Names that fit stay whole, as
              // Chinese ones do, three to the line.
              truncate="half"
            />
          ))}
          <OtherChoice
            label={t('log.step.offerAll')}
            beside
            chosen={offerCode}
            shown={top}
            options={(offerOptions ?? []).map((o) => ({
              code: o.code,
              label: excluded.some((e) => e.code === o.code) ? t('log.step.offerExcludedItem', { name: w.offerName(o) }) : w.offerName(o),
            }))}
            onChoose={(code) => dispatch({ type: 'offer', code })}
            onEnter={() => void save()}
            // With no offer on the card (a walk-in not on any list), the list is where the offer is chosen: the cursor goes
            // there, and Enter opens it rather than saying 请选择客户接受的政策 (found by a new hall agent), unless a plan
            // taken with P has made the success whole.
            opensOnEnter={enterOpensOfferList(state)}
            autoFocus={top.length === 0}
            testId="log-offer-select"
          />
          {notOffered && (
            <Typography variant="caption" role="alert" data-testid="log-offer-not-offered" sx={{ flexBasis: '100%', color: 'warning.dark', fontWeight: 600 }}>
              {t('log.step.offerNotOffered', { reason: w.note(notOffered.reason) })}
            </Typography>
          )}
        </Step>
      )}
      {need === 'offer' && (
        // A move to another plan is a success too (the tariff preview's plans, in its order, or any of the catalogue):
        // alone, or with the offer that made it (a migration onto that plan).
        <Step title={t('log.step.plan')} hint={shownPlans.length > 0 ? t('log.step.planHint') : t('log.step.planHintNone')}>
          {shownPlans.map((p) => (
            <KeyButton
              key={p.code}
              k=""
              code={p.code}
              // The saving as the tariff preview beside it writes it (two decimals), from the same formatter.
              label={p.saving !== null && p.saving > 0 ? t('log.step.planSaving', { name: p.name, saving: money(p.saving) }) : p.name}
              selected={planCode === p.code}
              onClick={() => dispatch({ type: 'togglePlan', code: p.code })}
              testId="log-plan"
              extra={{ 'data-plan-code': p.code }}
            />
          ))}
          <OtherChoice
            label={t('log.step.planAll')}
            chosen={planCode}
            shown={shownPlans}
            options={(planOptions ?? []).map((p) => ({ code: p.code, label: p.name }))}
            none={t('log.step.planNone')}
            onChoose={(code) => dispatch({ type: 'plan', code })}
            onEnter={() => void save()}
            testId="log-plan-select"
          />
        </Step>
      )}
      {need === 'reason' && (
        <Step title={t('log.step.reason')} hint={t('log.step.reasonHint')} error={requiredError}>
          {reasons.map((r, i) => (
            <KeyButton key={r} k={String(i + 1)} code={r} label={t(`log.reasonKey.${r}`)} selected={reason === r} onClick={() => dispatch({ type: 'reason', reason: r })} testId="log-reason" />
          ))}
        </Step>
      )}
      {disposition === 'declined' && top.length > 0 && (
        <Step title={t('log.step.declinedOffer')} hint={t('log.step.declinedOfferHint')}>
          {/* One line, as the other choices: in English each offer took a line of its own and, with the competitor's
              fields, pushed 保存 below the fold at 1366×768 (found by an agent's pass). The columns share the line
              evenly, a short name keeping its width and giving the rest to the longer ones, cut with "…" (the whole
              name is the tooltip; the offers are the card's first three, in its order). */}
          <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${top.length}, minmax(0, max-content))`, gap: 0.75, width: '100%' }}>
            {top.map((o) => (
              <KeyButton
                key={o.code}
                k=""
                code={o.code}
                label={w.offerName(o)}
                selected={offerCode === o.code}
                onClick={() => dispatch({ type: 'toggleOffer', code: o.code })}
                testId="log-declined-offer"
                extra={{ 'data-offer-code': o.code }}
                truncate
              />
            ))}
          </Box>
        </Step>
      )}
      {need === 'callbackAt' && (
        <Step
          title={t('log.step.callback')}
          hint={policy.hoursChannels.includes('phone') ? t('log.step.callbackHintHours', { days: policy.maxCallbackDays, ...hours }) : t('log.step.callbackHint', { days: policy.maxCallbackDays })}
          error={(tried || callbackAt) && callbackProblemKey ? problemText(callbackProblemKey) : null}
        >
          <PickersProvider>
            <DateTimePicker
              value={callbackAt}
              onChange={(d) => dispatch({ type: 'callbackAt', at: d })}
              ampm={false}
              disablePast
              maxDateTime={dayjs().add(policy.maxCallbackDays, 'day')}
              // Hours outside calling hours are greyed out in the picker (typed ones get the message above).
              shouldDisableTime={(value, view) => {
                const first = value.hour() * 60 + (view === 'hours' ? 0 : value.minute());
                return !phoneCallableWithin(first, view === 'hours' ? first + 59 : first, policy);
              }}
              format="YYYY-MM-DD HH:mm"
              label={t('log.step.callback')}
              slotProps={{
                textField: {
                  size: 'small',
                  sx: { width: 240 },
                  // Enter saves from the time field too, as the button's ↵ says (the field kept it: nothing was saved);
                  // Esc returns to the keys, as from the other fields (it did nothing here).
                  onKeyDown: fieldKeys,
                  ...({ 'data-testid': 'log-callback' } as object),
                },
              }}
            />
          </PickersProvider>
        </Step>
      )}
      {askCompetitor && (
        <Step
          title={t(competitorIsRequired ? 'log.step.competitorRequired' : 'log.step.competitor')}
          hint={t('log.step.competitorHint')}
          error={tried && competitorMissing ? t('log.required.competitor') : null}
        >
          {competitors.map((c, i) => (
            <KeyButton
              key={c}
              k={String(i + 1)}
              code={c}
              // The step asks which competitor: "Telecom", as 电信, not "China Telecom" — the four fit one line in
              // English too (they took two, with 其他 beside the offer's field and the price on a third).
              label={t(`log.competitorChoice.${c}`)}
              selected={competitor === c}
              onClick={() => dispatch({ type: 'toggleCompetitor', competitor: c })}
              testId="log-competitor"
            />
          ))}
          {/* What they offered and for how much, on a line of their own, the price wide enough for its label (it was
              cut to "Their monthly …"). */}
          <Box sx={{ display: 'flex', gap: 0.75, flexBasis: '100%', minWidth: 0 }}>
            <TextField
              size="small"
              label={t('log.step.competitorOffer')}
              placeholder={t('log.step.competitorOfferPlaceholder')}
              value={competitorOffer}
              onChange={(e) => dispatch({ type: 'competitorOffer', text: e.target.value })}
              onKeyDown={fieldKeys}
              error={offerInvalid === 'log.invalid.competitorOffer'}
              sx={{ flex: 1, minWidth: 0 }}
              slotProps={{ htmlInput: { maxLength: COMPETITOR_OFFER_MAX_CHARS, 'data-testid': 'log-competitor-offer' } }}
            />
            <TextField
              size="small"
              label={t('log.step.competitorAmount')}
              value={competitorAmount}
              onChange={(e) => dispatch({ type: 'competitorAmount', text: e.target.value })}
              onKeyDown={fieldKeys}
              error={offerInvalid === 'log.invalid.competitorAmount'}
              sx={{ width: 176, flexShrink: 0 }}
              slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 12, 'data-testid': 'log-competitor-amount' } }}
            />
          </Box>
          {offerError && (
            <Typography variant="caption" color="error" role="alert" data-testid="log-competitor-offer-error" sx={{ fontWeight: 600, flexBasis: '100%' }}>
              {offerError}
            </Typography>
          )}
        </Step>
      )}
      {disposition === 'churned' && (
        // Why the customer left, for the report's 离网原因 (it stayed empty: the form never asked; found by a new agent).
        // Optional; the digits choose it once the competitor is chosen (logForm.ts keyToAction), clicks at any time.
        <Step title={t('log.step.churnReason')} hint={t('log.step.churnReasonHint')}>
          {reasons.map((r, i) => (
            <KeyButton
              key={r}
              k={competitor !== null ? String(i + 1) : ''}
              code={r}
              label={t(`log.reasonKey.${r}`)}
              selected={reason === r}
              onClick={() => dispatch({ type: 'toggleReason', reason: r })}
              testId="log-reason"
            />
          ))}
        </Step>
      )}
      {/* A note typed stays on screen when Esc goes back to "no outcome": it is kept for the next outcome, and hidden
          it made the form "unsaved" with nothing shown (found by a new agent). */}
      {(disposition || note.trim() !== '') && (
        <Box
          component="form"
          ref={saveRowRef}
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
            label={noteRequired(disposition) ? t('log.noteComplaint') : t('log.note')}
            required={noteRequired(disposition)}
            error={tried && missingKey === 'log.required.complaintNote'}
            helperText={tried && missingKey === 'log.required.complaintNote' ? problemText(missingKey) : undefined}
            placeholder={t('log.notePlaceholder')}
            value={note}
            onChange={(e) => dispatch({ type: 'note', note: e.target.value })}
            // Lines, so that a long note shows whole as it is typed (one line hid all but its end; found by a new
            // agent). Enter still saves, as from every field of the form; Shift+Enter starts a new line. An Enter that
            // ends an input method's composition (pinyin) is the IME's, not a save.
            multiline
            maxRows={4}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                panelRef.current?.focus();
              } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.closest('form')?.requestSubmit();
              }
            }}
            // Narrow enough to leave "Save anyway" and "Change" beside it on the log panel's width in English (at 240 px
            // Change wrapped below, and the panel grew a line; found by a helper).
            sx={{ flex: 1, minWidth: 180 }}
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
            {saving ? t('log.saving') : state.blockedAsked ? t('log.blocked.save') : t('log.save')}
          </Button>
          <Button onClick={back} disabled={saving} aria-keyshortcuts="Escape" data-testid="log-clear">
            {t('log.clear')}
          </Button>
        </Box>
      )}
      {state.blockedAsked && contact && (
        <Alert severity="warning" data-testid="log-blocked-confirm">
          <strong>{t('log.blocked.title')}</strong>
          {' '}
          {contactReasons(contact).join('；')}
          <Box component="div" sx={{ mt: 0.5 }}>
            {t('log.blocked.ask')}
          </Box>
        </Alert>
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
          draft={state.feedbackDraft}
          onDraft={(patch) => dispatch({ type: 'feedbackDraft', patch })}
          onClose={() => dispatch({ type: 'dialog', dialog: null })}
          onSaved={() => {
            dispatch({ type: 'dialog', dialog: null });
            setAdded({ kind: 'feedback', at: dayjs().format('HH:mm') });
            onAdded?.();
          }}
        />
      )}
      {dialog === 'note' && (
        <NoteDialog
          open
          ranked={ranked}
          draft={state.noteDraft}
          onDraft={(patch) => dispatch({ type: 'noteDraft', patch })}
          about={
            // The outcome just saved is usually what the agent has something to say about.
            lastSaved?.offerCode && ranked.some((o) => o.code === lastSaved.offerCode)
              ? { kind: 'offer', code: lastSaved.offerCode }
              : lastSaved?.reason
                ? { kind: 'reason', code: lastSaved.reason }
                : undefined
          }
          onClose={() => dispatch({ type: 'dialog', dialog: null })}
          onSaved={() => {
            dispatch({ type: 'dialog', dialog: null });
            setAdded({ kind: 'note', at: dayjs().format('HH:mm') });
            onAdded?.();
          }}
        />
      )}
    </Paper>
  );
}
