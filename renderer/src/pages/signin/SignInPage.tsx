import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import { ApiCallError } from '../../api/client';
import { describeError } from '../../app/errors';
import { useAction } from '../../components/useAction';
import { useSession } from '../../app/session';
import { keptParts, useKeptWork } from '../../app/keptWork';
import { useLocale, useT, type TFunction } from '../../i18n';
import { formatMessage } from '../../../../core/i18n';
import { sessionEndMessages } from '../../../../core/api';

function signInError(error: unknown, t: TFunction): string {
  if (error instanceof ApiCallError) {
    if (error.code === 'wrong-pin') return t('signIn.wrongPin');
    // How long: the backend says (api.locked / api.locked-now), an agent should not have to guess.
    if (error.code === 'locked') return t('signIn.locked', { minutes: Number(error.error.params.minutes ?? 5) });
  }
  return describeError(error, t);
}

/** Agent id + PIN. In the demo workspace its two ready accounts are listed (and fill the form when clicked). */
function SignInForm() {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const { signIn, demoAccounts, endedUnasked, endedBy, endedAgentId, endedWith } = useSession();
  // After a session that ended without a sign-out, its agent is the one most likely back: their id is filled in
  // (anyone else types over it). They are told why it ended — idle, or a supervisor's change — and that their
  // unsaved outcome, or the feedback they were writing, waits for them (app/keptWork.ts).
  const keptForm = useKeptWork((s) => s.outcome?.form ?? null);
  const kept = keptForm && keptParts(keptForm);
  const keptMessage = !kept
    ? null
    : kept.outcome
      ? kept.draft
        ? kept.draft.kind === 'feedback'
          ? 'signIn.kept.outcomeFeedback'
          : 'signIn.kept.outcomeNote'
        : 'signIn.kept.outcome'
      : kept.draft?.kind === 'feedback'
        ? 'signIn.kept.feedback'
        : kept.draft
          ? 'signIn.kept.note'
          : null;
  // A supervisor's change is said in the backend's own words, which say what to do next.
  const why = endedBy === null ? null : endedBy === 'idle' ? t('signIn.ended.idle') : formatMessage(locale, sessionEndMessages[endedBy]);
  // A turned-off account keeps nothing (its agent cannot sign in): what was put in and not saved is said to be gone.
  const next = keptMessage
    ? t(keptMessage)
    : endedWith === 'settings'
      ? t('signIn.next.settingsDropped')
      : endedBy === 'account-off' && endedWith === 'outcome'
        ? t('signIn.next.outcomeDropped')
        : endedBy === 'idle'
          ? t('signIn.next.signInAgain')
          : null;
  const endedMessage = why === null ? null : [why, next].filter(Boolean).join(locale === 'en' ? ' ' : '');
  const [agentId, setAgentId] = useState(endedUnasked ? (endedAgentId ?? '') : '');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const agentRef = useRef<HTMLInputElement>(null);
  // A language switched here (the header's buttons) gives the focus back to the form: it stayed on the button, and an id
  // typed next went nowhere, the PIN into the id field (found by a new agent).
  const shownLocale = useRef(locale);
  useEffect(() => {
    if (shownLocale.current === locale) return;
    shownLocale.current = locale;
    (agentRef.current?.value ? pinRef.current : agentRef.current)?.focus();
  }, [locale]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!agentId.trim() || !pin) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(api, agentId.trim(), pin);
    } catch (err) {
      setError(err);
      setPin('');
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={t('signIn.title')}>
      <Stack spacing={2}>
        {endedMessage !== null && (
          <Alert severity={endedBy === 'account-off' ? 'warning' : 'info'} data-testid="signin-session-ended" data-ended-by={endedBy}>
            {endedMessage}
          </Alert>
        )}
        <TextField
          label={t('signIn.agentId')}
          value={agentId}
          onChange={(e) => setAgentId(e.target.value)}
          autoFocus={!agentId}
          inputRef={agentRef}
          autoComplete="username"
          slotProps={{ htmlInput: { 'data-testid': 'signin-agent', spellCheck: false } }}
        />
        <TextField
          label={t('signIn.pin')}
          type="password"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/gu, ''))}
          inputRef={pinRef}
          autoFocus={Boolean(agentId)}
          autoComplete="current-password"
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12, 'data-testid': 'signin-pin' } }}
        />
        {error != null && (
          <Alert severity="error" data-testid="signin-error">
            {signInError(error, t)}
          </Alert>
        )}
        <Button type="submit" variant="contained" size="large" disabled={busy || !agentId.trim() || !pin} data-testid="signin-submit">
          {t('signIn.submit')}
        </Button>
      </Stack>
      {demoAccounts && demoAccounts.length > 0 && (
        <Box sx={{ mt: 3 }} data-testid="demo-accounts">
          <Divider sx={{ mb: 1.5 }}>
            <Typography variant="caption" color="text.secondary">
              {t('signIn.demo.title')}
            </Typography>
          </Divider>
          <Stack spacing={1}>
            {demoAccounts.map((a) => (
              <Button
                key={a.id}
                variant="outlined"
                color="inherit"
                onClick={() => {
                  setAgentId(a.id);
                  setPin(a.pin);
                }}
                sx={{ justifyContent: 'space-between', textTransform: 'none' }}
              >
                <span>
                  <strong>{a.id}</strong> · {a.name}
                </span>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <Chip size="small" label={t(a.role === 'supervisor' ? 'role.supervisor' : 'role.agent')} />
                  <Typography variant="body2" color="text.secondary">
                    PIN {a.pin}
                  </Typography>
                </Stack>
              </Button>
            ))}
          </Stack>
        </Box>
      )}
    </Box>
  );
}

/** First run of a real workspace: the first account is the supervisor's. */
function SetUpForm() {
  const t = useT();
  const api = useApi();
  const setUp = useSession((s) => s.setUp);
  const [agentId, setAgentId] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useAction();
  const pinOk = /^\d{6,12}$/u.test(pin);
  const mismatch = again.length > 0 && again !== pin;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!agentId.trim() || !name.trim() || !pinOk || pin !== again) return;
    await run(() => setUp(api, { agentId: agentId.trim(), name: name.trim(), pin }));
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={t('setup.title')}>
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          {t('setup.body')}
        </Typography>
        <TextField label={t('signIn.agentId')} value={agentId} onChange={(e) => setAgentId(e.target.value)} autoFocus />
        <TextField label={t('setup.name')} value={name} onChange={(e) => setName(e.target.value)} />
        <TextField
          label={t('signIn.pin')}
          type="password"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/gu, ''))}
          helperText={t('setup.pinRule')}
          error={pin.length > 0 && !pinOk}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12 } }}
        />
        <TextField
          label={t('setup.pinAgain')}
          type="password"
          value={again}
          onChange={(e) => setAgain(e.target.value.replace(/\D/gu, ''))}
          error={mismatch}
          helperText={mismatch ? t('setup.pinMismatch') : ' '}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12 } }}
        />
        {error != null && <Alert severity="error">{describeError(error, t)}</Alert>}
        <Button type="submit" variant="contained" size="large" disabled={busy || !agentId.trim() || !name.trim() || !pinOk || pin !== again}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </Box>
  );
}

export function SignInPage() {
  const t = useT();
  const needsSetup = useSession((s) => s.needsSetup);
  return (
    <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', p: 3, overflow: 'auto', bgcolor: 'background.default' }}>
      <Paper variant="outlined" sx={{ width: 420, maxWidth: '100%', p: 4 }} data-testid="signin-page">
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 3 }}>
          <LockOutlinedIcon color="primary" />
          <Typography variant="h5" component="h2">
            {t(needsSetup ? 'setup.title' : 'signIn.title')}
          </Typography>
        </Stack>
        {needsSetup ? <SetUpForm /> : <SignInForm />}
      </Paper>
    </Box>
  );
}
