import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { AgentDayView } from '../../../core/api';
import { dispositions, isReached } from '../../../core/contact/codes';
import { useApiQuery } from '../api/query';
import { localDateTime } from '../format';
import { useLabels, useLocale, useT, type PlainMessageKey } from '../i18n';

type Figure = AgentDayView['day']['contacts'];

/** "12 / 40": a figure, and its weekly target beside it when one is set (issue 17 #5; none is made up). */
// No-break spaces: in the narrow sidebar "13 / 150" wraps as one, never as "13 /" and "150".
const figureText = (figure: Figure, nf: Intl.NumberFormat) => (figure.target === null ? nf.format(figure.value) : `${nf.format(figure.value)}\u00a0/\u00a0${nf.format(figure.target)}`);

/** A figure, and "/ target" beside it when the agent has one (weekly targets, issue 17 #5; none is made up). */
function FigureCell({ figure, nf, label, targetHint }: { figure: Figure; nf: Intl.NumberFormat; label: string; targetHint: string }) {
  return (
    <Box component="td" aria-label={label}>
      {nf.format(figure.value)}
      {figure.target !== null && (
        <Tooltip title={targetHint} placement="right">
          <Box component="span" data-testid="my-day-target" sx={{ color: figure.value >= figure.target ? 'success.dark' : 'text.secondary' }}>
            {' / '}
            {nf.format(figure.target)}
          </Box>
        </Tooltip>
      )}
    </Box>
  );
}

const rows: { key: 'contacts' | 'reached' | 'successes'; label: PlainMessageKey }[] = [
  { key: 'contacts', label: 'myDay.contacts' },
  { key: 'reached', label: 'myDay.reached' },
  { key: 'successes', label: 'myDay.successes' },
];

/**
 * 我的今日 (docs/product.md §1): the signed-in agent's contacts, reached and successes today and this week, and
 * the call-backs due now and later today — in the navigation, so it is in view on the hall and the queue
 * alike at one glance, without a click. Refreshed when an attempt is logged (api/live.ts).
 */
export function MyDay() {
  const t = useT();
  const locale = useLocale();
  const labels = useLabels();
  const { data } = useApiQuery('agent-day-get', {});
  if (!data) return null;
  const nf = new Intl.NumberFormat(locale);
  // What "reached" means, in the words of the disposition menu (core/contact/codes.ts's reached group).
  const reachedWords = dispositions.filter(isReached).map(labels.disposition);
  const hints = {
    contacts: t('myDay.contacts.hint'),
    reached: t('myDay.reached.hint', { dispositions: reachedWords.join(locale === 'zh-CN' ? '、' : ', ') }),
    successes: t('myDay.successes.hint'),
  };
  const { dueNow, laterToday, nextAt } = data.callbacks;
  return (
    <Box component="section" aria-labelledby="my-day" data-testid="my-day" sx={{ px: 2, pb: 1.5 }}>
      <Typography id="my-day" variant="caption" component="h2" sx={{ color: 'text.secondary', fontWeight: 600 }}>
        {t('myDay.title')}
      </Typography>
      <Box
        component="table"
        sx={{
          mt: 0.25,
          width: '100%',
          borderCollapse: 'collapse',
          fontSize: '0.8125rem',
          fontVariantNumeric: 'tabular-nums',
          // The figures' columns keep a gap: in English the headers read "TodayWeek" (found looking at the card).
          '& th, & td': { p: 0, py: '1px' },
          '& th + th, & td + td': { pl: 1 },
          '& thead th': { color: 'text.secondary', fontWeight: 500, textAlign: 'right', fontSize: '0.75rem' },
          '& tbody th': { color: 'text.secondary', fontWeight: 400, textAlign: 'left' },
          '& td': { textAlign: 'right', color: 'text.primary' },
        }}
      >
        <thead>
          <tr>
            <th scope="col" aria-hidden />
            <th scope="col">{t('myDay.today')}</th>
            <th scope="col">{t('myDay.week')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`my-day-${r.key}`}>
              <th scope="row">
                <Tooltip title={hints[r.key]} placement="right" describeChild>
                  <span tabIndex={0}>{t(r.label)}</span>
                </Tooltip>
              </th>
              <FigureCell figure={data.day[r.key]} nf={nf} label={`${t(r.label)} · ${t('myDay.today')}`} targetHint={t('myDay.targetHint')} />
              <FigureCell figure={data.thisWeek[r.key]} nf={nf} label={`${t(r.label)} · ${t('myDay.week')}`} targetHint={t('myDay.targetHint')} />
            </tr>
          ))}
        </tbody>
      </Box>
      {data.groups.map((g) => (
        // The agent's groups with a target this week: the whole group's contacts and successes against it.
        <Box key={g.id} data-testid="my-day-group" data-group={g.name} sx={{ mt: 0.5, fontSize: '0.75rem', color: 'text.secondary' }}>
          <Box sx={{ fontWeight: 500 }}>{t('myDay.group', { name: g.name })}</Box>
          <Box sx={{ color: 'text.primary', fontVariantNumeric: 'tabular-nums' }}>
            {t('myDay.groupFigures', { contacts: figureText(g.contacts, nf), successes: figureText(g.successes, nf) })}
          </Box>
        </Box>
      ))}
      <Box data-testid="my-day-callbacks" sx={{ mt: 0.5, fontSize: '0.8125rem', color: 'text.secondary', display: 'grid', gap: '1px' }}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>{t('myDay.callbacksDue')}</span>
          <Box
            component="span"
            data-testid="my-day-callbacks-due"
            sx={{ fontWeight: dueNow > 0 ? 700 : 400, color: dueNow > 0 ? 'warning.dark' : 'text.primary' }}
          >
            {nf.format(dueNow)}
          </Box>
        </Box>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
          <span>{t('myDay.callbacksLater')}</span>
          <Box component="span" data-testid="my-day-callbacks-later" sx={{ color: 'text.primary', whiteSpace: 'nowrap' }}>
            {nf.format(laterToday)}
            {nextAt && (
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {' '}
                {t('myDay.next', { time: localDateTime(nextAt)!.slice(11) })}
              </Box>
            )}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
