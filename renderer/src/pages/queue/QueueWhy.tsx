import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import type { QueueItem } from '../../../../core/api';
import { levelText } from '../../../../core/risk/messages';
import { ContactIcon, useContactReasons } from '../../components/ContactState';
import { useFormat } from '../../format';
import { useT, type PlainMessageKey } from '../../i18n';

/**
 * Why a queue row sits where it does (issue 15 #4), from the figures the backend ordered it by (docs/status-rule.md
 * "Callable first"): a call-back that has come due; P(churn) × value for a callable task (the priority's own
 * factors); for one that cannot be called yet, its reason and from when. Under a supervisor's column sort, the due date
 * when sorting by it. One short line and a second in small type, everything in full on hover — readable at 1366×768.
 */
/** A few words for each contact-policy reason (core/contact/policy.ts ContactReasonCode); the full text is on hover. */
const shortReasons: Partial<Record<string, PlainMessageKey>> = {
  'do-not-disturb': 'queue.reason.do-not-disturb',
  'asked-not-to-be-contacted': 'queue.reason.asked-not-to-be-contacted',
  'retry-too-soon': 'queue.reason.retry-too-soon',
  'callback-scheduled': 'queue.reason.callback-scheduled',
  'marketing-gap': 'queue.reason.marketing-gap',
  'complaint-care-first': 'queue.reason.complaint-care-first',
  'attempts-exhausted': 'queue.reason.attempts-exhausted',
  'task-closed': 'queue.reason.task-closed',
  'outside-hours': 'queue.reason.outside-hours',
  'follow-up-not-yet': 'queue.reason.follow-up-not-yet',
  churned: 'queue.reason.churned',
};

export function useQueueWhy(): (item: QueueItem, sort: string) => { lines: [string, string]; full: string } {
  const t = useT();
  const fmt = useFormat();
  const reasons = useContactReasons();
  const pct = (p: number) => t('unit.percent', { value: fmt.number(p * 100, 0) });
  const yuan = (v: number) => t('unit.yuan', { value: fmt.count(v) });
  // This year's dates without the year: the row's second line has room for "12-06 09:00", not more.
  const thisYear = `${new Date().getFullYear()}-`;
  const shortTime = (iso: string) => {
    const full = fmt.dateTime(iso);
    return full.startsWith(thisYear) ? full.slice(thisYear.length) : full;
  };
  return (item, sort) => {
    const o = item.order;
    const contactReasons = reasons(item.contact);
    const due = sort === 'dueDate' && item.dueDate ? t('queue.why.due', { date: fmt.date(item.dueDate) }) : null;
    if (o.part === 'callback-due') {
      const line = t('queue.why.callbackDue', { time: o.callbackAt ? shortTime(o.callbackAt) : fmt.missing });
      return { lines: [line, due ?? t('queue.why.callbackFirst')], full: [line, t('queue.why.callbackFirst')].join('\n') };
    }
    if (o.part === 'blocked') {
      // The agent's callable time is the contact decision's (it knows calling hours); the order's lift time, else.
      const at = item.contact.nextAllowedAt ?? o.blockedUntil;
      // The row names its first reason in a few words (calling hours are everyone's: not the reason it is here).
      const own = item.contact.reasons.find((r) => r.code !== 'outside-hours') ?? item.contact.reasons[0];
      const first = own ? (shortReasons[own.code] ? t(shortReasons[own.code]!) : (contactReasons[item.contact.reasons.indexOf(own)] ?? '')) : t('queue.why.blockedUnknown');
      const when = at ? t('queue.why.from', { time: shortTime(at) }) : t('queue.why.never');
      return {
        lines: [first, due ?? when],
        full: [t('queue.why.blockedHead'), ...contactReasons.map((r) => `· ${r}`), at ? t('queue.why.from', { time: fmt.dateTime(at) }) : when].join('\n'),
      };
    }
    const p = o.priority;
    if (!p) return { lines: [t('queue.why.callable'), due ?? t('queue.why.unscored')], full: t('queue.why.unscored') };
    // The P the queue ranks by names its source, as the risk cell beside it does: the model's P ("模型 57%"), or the
    // churn weight of the level shown when that is higher ("高危 60%" beside "模型 46%": docs/product.md §4.4).
    const source = p.pChurnFrom === 'model' ? t('queue.why.sourceModel') : levelText(t.locale, item.signal?.level ?? item.level ?? 'stable');
    const formula = t('queue.why.priority', { source, p: pct(p.pChurn), value: yuan(p.value) });
    const factors = [
      p.dueFactor !== 1 ? t('queue.why.dueFactor', { factor: fmt.number(p.dueFactor) }) : null,
      p.attemptsFactor !== 1 ? t('queue.why.attemptsFactor', { factor: fmt.number(p.attemptsFactor) }) : null,
    ].filter((f): f is string => f !== null);
    const full = [
      t('queue.why.priorityFull', {
        priority: fmt.count(item.priority),
        p: pct(p.pChurn),
        from: p.pChurnFrom === 'model' ? t('queue.why.fromModel') : t('queue.why.fromLevel'),
        value: yuan(p.value),
      }),
      ...factors,
      ...(item.contact.allowed ? [] : contactReasons),
    ].join('\n');
    return { lines: [due ?? formula, t('queue.why.rank', { priority: fmt.count(item.priority) })], full };
  };
}

/** The row's "may I call now?" icon (calling hours included) beside why it sits here, in full on hover. */
export function QueueWhyCell({ item, sort }: { item: QueueItem; sort: string }) {
  const why = useQueueWhy()(item, sort);
  return (
    <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'flex-start', minWidth: 0 }}>
      <Box component="span" sx={{ display: 'inline-flex', pt: 0.25 }}>
        <ContactIcon contact={item.contact} />
      </Box>
      <Tooltip title={<Box sx={{ whiteSpace: 'pre-line' }}>{why.full}</Box>} placement="top-start" enterDelay={400} describeChild>
        <Box tabIndex={0} aria-label={why.full} data-testid="row-why" data-part={item.order.part} sx={{ minWidth: 0, flex: 1 }}>
          <Box
            sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: item.order.part === 'blocked' ? 'warning.dark' : undefined }}
            data-testid="row-why-main"
          >
            {why.lines[0]}
          </Box>
          <Box sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: 'text.secondary', fontSize: '0.8125rem' }} data-testid="row-why-detail">
            {why.lines[1]}
          </Box>
        </Box>
      </Tooltip>
    </Box>
  );
}
