import BlockIcon from '@mui/icons-material/Block';
import PhoneEnabledIcon from '@mui/icons-material/PhoneEnabled';
import ScheduleIcon from '@mui/icons-material/Schedule';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import type { ContactView } from '../../../core/api';
import { contactReasonText } from '../../../core/risk/messages';
import { useFormat } from '../format';
import { useLabels, useLocale, useT } from '../i18n';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u;

/** The policy's reasons in the UI language, instants in local time, status codes as words. */
export function useContactReasons(): (contact: ContactView) => string[] {
  const locale = useLocale();
  const fmt = useFormat();
  const labels = useLabels();
  return (contact) =>
    contact.reasons.map((r) => {
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(r.params)) {
        params[k] = typeof v === 'string' && isoInstant.test(v) ? fmt.dateTime(v) : k === 'status' ? labels.status(String(v)) : k === 'by' ? labels.disposition(String(v)) : v;
      }
      return contactReasonText(locale, { code: r.code, params });
    });
}

/** Only time stands in the way (hours, spacing, a call-back): the task can be called later. */
const waitsForTime = (c: ContactView) => !c.allowed && c.nextAllowedAt !== null;

/** A queue row's "may I call now?": a phone, a clock (later) or a stop sign, with every reason on hover. */
export function ContactIcon({ contact }: { contact: ContactView }) {
  const t = useT();
  const reasons = useContactReasons()(contact);
  const fmt = useFormat();
  const title = contact.allowed
    ? t('contact.allowed')
    : [...reasons, ...(contact.nextAllowedAt ? [t('contact.from', { time: fmt.dateTime(contact.nextAllowedAt) })] : [])].join('\n');
  const Icon = contact.allowed ? PhoneEnabledIcon : waitsForTime(contact) ? ScheduleIcon : BlockIcon;
  return (
    <Tooltip title={<Box sx={{ whiteSpace: 'pre-line' }}>{title}</Box>} placement="right" describeChild>
      <Box
        component="span"
        tabIndex={0}
        aria-label={title}
        data-testid="row-contact"
        data-allowed={contact.allowed}
        sx={{ display: 'inline-flex', color: contact.allowed ? 'success.main' : waitsForTime(contact) ? 'warning.dark' : 'error.main' }}
      >
        <Icon fontSize="small" />
      </Box>
    </Tooltip>
  );
}

function LiftRefusalButton({ onClick }: { onClick(): void }) {
  const t = useT();
  return (
    <Button size="small" color="inherit" variant="outlined" onClick={onClick} sx={{ mt: 1 }} data-testid="lift-refusal">
      {t('liftRefusal.open')}
    </Button>
  );
}

/** Above the card in preview: may the agent call now, and if not, all the reasons and from when. */
export function ContactBanner({ contact, onLiftRefusal }: { contact: ContactView; /** A supervisor's: lift the customer's request not to be contacted. */ onLiftRefusal?: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const reasonsOf = useContactReasons();
  if (contact.allowed)
    return (
      <Alert severity="success" icon={<PhoneEnabledIcon />} data-testid="contact-banner" data-allowed="true" sx={{ py: 0 }}>
        {t('contact.allowed')}
        {/* The queue row says 还可 1 次; the card said only 现在可以外呼, and one 无人接听 closed the task for good. */}
        {contact.attemptsLeft === 1 && <Box component="strong" sx={{ color: 'warning.dark' }}>{` · ${t('contact.lastAttempt')}`}</Box>}
      </Alert>
    );
  // An ended task is no alarm — it ended how the agent just saw (维系成功 too, in red before) — and what else would hold
  // a call back (120 分钟后才能再拨, the attempts used up) says nothing more once no call will be made: the end alone.
  const ended = contact.reasons.find((r) => r.code === 'task-closed');
  // Except the customer's own request not to be contacted: it holds for their later tasks too, so it is said.
  const refused = contact.reasons.find((r) => r.code === 'asked-not-to-be-contacted');
  if (ended)
    return (
      <Alert severity={ended.params.status === 'closed_success' ? 'success' : 'info'} data-testid="contact-banner" data-allowed="false" data-ended="true">
        <AlertTitle>{t('contact.taskEnded')}</AlertTitle>
        {reasonsOf({ ...contact, reasons: [ended] })[0]}
        {refused && <Box sx={{ mt: 0.5, fontWeight: 600 }}>{reasonsOf({ ...contact, reasons: [refused] })[0]}</Box>}
        {refused && onLiftRefusal && <LiftRefusalButton onClick={onLiftRefusal} />}
        {/* Ended by 要求勿扰 that has since been lifted: the lift reopens nothing, and the banner said only the end. */}
        {!refused && ended.params.by === 'do_not_call' && (
          <Box sx={{ mt: 0.5 }} data-testid="contact-refusal-lifted">
            {t('contact.refusalLifted')}
          </Box>
        )}
        {contact.routeToCare && <Box sx={{ mt: 0.5, fontWeight: 600 }}>{t('contact.routeToCare')}</Box>}
      </Alert>
    );
  const reasons = reasonsOf(contact);
  return (
    <Alert severity={waitsForTime(contact) ? 'warning' : 'error'} data-testid="contact-banner" data-allowed="false">
      <AlertTitle>
        {contact.nextAllowedAt ? t('contact.notNowUntil', { time: fmt.dateTime(contact.nextAllowedAt) }) : t('contact.notNow')}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </Box>
      {refused && onLiftRefusal && <LiftRefusalButton onClick={onLiftRefusal} />}
      {contact.routeToCare && <Box sx={{ mt: 0.5, fontWeight: 600 }}>{t('contact.routeToCare')}</Box>}
    </Alert>
  );
}
