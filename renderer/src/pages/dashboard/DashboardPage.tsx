import FileDownloadIcon from '@mui/icons-material/FileDownload';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { DashboardView } from '../../../../core/api';
import { dayFromCivil, formatDay, isoWeekMonday, isoWeekOf } from '../../../../core/calendar';
import { formatMessage } from '../../../../core/i18n';
import { isPeriodProblem, MAX_RANGE_DAYS, periodBefore, periodKinds, periodOf, shortPeriodLabel, type Period, type PeriodKind } from '../../../../core/report/periods';
import { retentionRate, type KeptFigures } from '../../../../core/report/kept';
import { cumulativeReachRate, weekReachRate } from '../../../../core/report/weekly';
import { reportFilterWords } from '../../../../core/report/workbook';
import type { ListType } from '../../../../core/worklist/fields';
import { useApi } from '../../api/ApiContext';
import { useApiQuery } from '../../api/query';
import { useAgentNames } from '../../components/useAgentNames';
import { agentWithName } from '../../../../core/report/analysis-workbook';
import { saveDownload } from '../../api/files';
import { followJob, resultOf, type JobUpdate } from '../../api/jobs';
import { DATE_FIELD_WIDTH, IsoDatePicker, PickersProvider } from '../../components/DatePickers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { ListTypeChip } from '../../components/ListTypeChip';
import { allOption, ListTypeFilter, RiskLevelFilter } from '../../components/Filters';
import { SegmentDialog } from '../queue/SegmentDialog';
import type { RiskLevel } from '../../components/RiskLevelChip';
import { useFormat } from '../../format';
import { useLabels, useLocale, useT, type PlainMessageKey } from '../../i18n';
import { useOfferWords } from '../hall/offerWords';
import { AnalysisPanel } from './AnalysisPanel';
import { TargetsPanel } from './TargetsPanel';

const ALL = '';

/** This week and the eleven before it, newest first, with their Monday–Sunday dates. */
function recentWeeks(): { label: string; from: string; to: string }[] {
  const monday = isoWeekMonday(isoWeekOf(dayjs().format('YYYY-MM-DD')))!;
  const [y, m, d] = monday.split('-').map(Number) as [number, number, number];
  const day = dayFromCivil(y, m, d);
  return Array.from({ length: 12 }, (_, i) => {
    const start = day - 7 * i;
    return { label: isoWeekOf(formatDay(start)), from: formatDay(start), to: formatDay(start + 6) };
  });
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The last `count` periods of a kind up to the one holding today, newest first (the month and quarter menus). */
function recentPeriods(kind: 'month' | 'quarter', count: number): Period[] {
  const now = periodOf(kind, dayjs().format('YYYY-MM-DD')) as Period;
  return Array.from({ length: count }, (_, i) => periodBefore(now, i));
}

/** What the dashboard asks for: a week by its label (as ever), any other period by its kind and dates. */
type Asked = { week: string } | { period: { kind: PeriodKind; from: string; to?: string } };

/** Rates as the whole dashboard writes them (format.ts `rate`: one decimal always). */
function usePct() {
  return useFormat().rate;
}

function Kpi({ label, value, sub, delta, before, testId, definition }: { label: string; value: string; sub?: string; delta?: number | null; before?: string; testId: string; definition?: string }) {
  const pct = usePct();
  const t = useT();
  return (
    <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 180 }} data-testid={testId}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h4" component="p" sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }} data-testid={`${testId}-value`}>
        {value}
      </Typography>
      {sub && <Typography variant="body2">{sub}</Typography>}
      {delta !== undefined && delta !== null && (
        <Typography variant="body2" sx={{ color: delta > 0 ? 'success.dark' : delta < 0 ? 'error.main' : 'text.secondary' }}>
          {t('dash.vsBefore', { before: before ?? '', delta: `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${pct(Math.abs(delta)).replace('%', '')} ${t('dash.pp')}` })}
        </Typography>
      )}
      {definition && (
        <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 0.5, lineHeight: 1.35 }} data-testid={`${testId}-definition`}>
          {definition}
        </Typography>
      )}
    </Paper>
  );
}

function Panel({ title, children, testId, action }: { title: string; children: ReactNode; testId: string; action?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid={testId}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ color: 'primary.dark', flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Paper>
  );
}

/** The steps the workbook's job reports (jobs/report-weekly.ts), as the export dialog says them. */
const exportStepWords: Record<string, PlainMessageKey> = { reading: 'dash.export.phase.reading', computing: 'dash.export.phase.computing', writing: 'dash.export.phase.writing' };

function ExportDialog({ asked, filter, label, kind, onClose }: { asked: Asked; filter: { listType?: ListType; agentId?: string; level?: RiskLevel }; label: string; kind: PeriodKind; onClose(): void }) {
  const t = useT();
  const api = useApi();
  const uiLocale = useLocale();
  const [locale, setLocale] = useState<'zh-CN' | 'en'>(uiLocale === 'en' ? 'en' : 'zh-CN');
  const [password, setPassword] = useState('');
  const { busy, error, run: act } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const filterWords = reportFilterWords(filter, uiLocale);
  // The job's step (reading, computing, writing: jobs/report-weekly.ts): at a million tasks it takes ~16 s, and a bare
  // bar said nothing of how far along it was.
  const [step, setStep] = useState<JobUpdate | null>(null);
  const run = () =>
    act(async () => {
      setStep(null);
      const job = await followJob(api, await api.call('report-weekly', { ...asked, ...filter, locale, ...(password ? { password } : {}) }), setStep);
      const file = resultOf(job).download;
      if (await saveDownload(api, file)) setSaved(file.name);
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="export-weekly-title">
      <DialogTitle id="export-weekly-title">{t('dash.export.title', { week: label })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('dash.export.body', { before: t(`dash.before.${kind}`) })}
          </Typography>
          {/* The dashboard's filters go into the workbook, and it says so (they were dropped without a word). */}
          {filterWords !== null && (
            <Alert severity="info" sx={{ py: 0 }} data-testid="weekly-export-filter">
              {t('dash.export.filtered', { filters: filterWords })}
            </Alert>
          )}
          <ToggleButtonGroup exclusive size="small" value={locale} onChange={(_, v: 'zh-CN' | 'en' | null) => v && setLocale(v)} aria-label={t('dash.export.language')}>
            <ToggleButton value="zh-CN">{t('dash.export.zh')}</ToggleButton>
            <ToggleButton value="en">{t('dash.export.en')}</ToggleButton>
          </ToggleButtonGroup>
          <TextField type="password" label={t('dash.export.password')} helperText={t('dash.export.passwordHint')} value={password} onChange={(e) => setPassword(e.target.value)} size="small" />
          {busy && (
            <Box>
              {step !== null && !!step.total && exportStepWords[step.phase] !== undefined && (
                <Typography variant="body2" color="text.secondary" role="status" data-testid="weekly-export-step" data-phase={step.phase}>
                  {t('dash.export.step', { n: step.done + 1, of: step.total, what: t(exportStepWords[step.phase]!) })}
                </Typography>
              )}
              <LinearProgress aria-label={t('common.loading')} />
            </Box>
          )}
          {saved && (
            <Alert severity="success" data-testid="weekly-saved">
              {t('dash.export.saved', { name: saved })}
            </Alert>
          )}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" onClick={() => void run()} disabled={busy} data-testid="weekly-export-run">
          {t('dash.export.run')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Column heads may wrap between words ("New successes / this week") but never inside a Chinese term (keep-all), so
 * ten columns fit 1366 px in English too and the names keep their room.
 */
const headSx = { whiteSpace: 'normal', wordBreak: 'keep-all', verticalAlign: 'bottom' } as const;
/** A column's header in the dashboard's tables. */
function Head({ k, align }: { k: PlainMessageKey; align?: 'right' }) {
  const t = useT();
  return (
    <TableCell align={align} sx={headSx}>
      {t(k)}
    </TableCell>
  );
}

/** A table that is still too wide scrolls inside its panel, never the whole page sideways. */
function ScrollX({ children }: { children: ReactNode }) {
  return <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>{children}</Box>;
}

/**
 * Supervisor's view of a week, or a day, month, quarter or date range (docs/product.md §7.2 figures; issue 18 #1): per
 * list and per agent, reasons, offers, and the trend of the eight periods like it.
 */
/** What the successes kept: the 3-month retention rate (its counts on hover) and, if asked, ARPU before → after. */
function KeptCells({ k, withArpu }: { k: KeptFigures; withArpu: boolean }) {
  const t = useT();
  const pct = usePct();
  const fmt = useFormat();
  return (
    <>
      <Tooltip title={t('dash.kept.of', { retained: fmt.count(k.retained), judged: fmt.count(k.judged) })} describeChild>
        <TableCell align="right" data-testid="dash-retention">
          {pct(retentionRate(k))}
        </TableCell>
      </Tooltip>
      {withArpu && (
        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-testid="dash-arpu-kept">
          {k.arpuCount > 0 ? t('dash.kept.arpu', { before: fmt.number(k.arpuBefore, 0), after: fmt.number(k.arpuAfter, 0) }) : fmt.missing}
        </TableCell>
      )}
    </>
  );
}

/** The period's work of an agent or of a group: one set of columns for both tables. */
type Work = { assigned: number; attempts: number; reached: number; success: number; callbacksPending: number; callbacksOverdue: number; kept: KeptFigures };

function WorkHeads() {
  const t = useT();
  return (
    <>
      {(['dash.col.assigned', 'dash.col.attempts', 'dash.col.reached', 'dash.col.success', 'dash.col.successRate', 'dash.col.callbacks', 'dash.col.retention'] as const).map((key) => (
        <TableCell key={key} align="right" sx={{ whiteSpace: 'nowrap' }}>
          {key === 'dash.col.assigned' || key === 'dash.col.successRate' ? (
            // Said where the number is read (docs/reports.md "By agent"): 负责任务 is not the open tasks the assignment
            // dialogs count, and this 成功率 is not the lists' (successes ÷ issued since each list came).
            <Tooltip title={t(key === 'dash.col.assigned' ? 'dash.col.assigned.hint' : 'dash.col.successRate.work.hint')}>
              <span data-testid={key === 'dash.col.assigned' ? 'dash-col-assigned' : 'dash-col-successRate'}>{t(key)}</span>
            </Tooltip>
          ) : (
            t(key)
          )}
        </TableCell>
      ))}
    </>
  );
}

function WorkCells({ w, attemptsTestId }: { w: Work; attemptsTestId?: string }) {
  const t = useT();
  const pct = usePct();
  const fmt = useFormat();
  return (
    <>
      <TableCell align="right">{fmt.count(w.assigned)}</TableCell>
      <TableCell align="right" data-testid={attemptsTestId}>
        {fmt.count(w.attempts)}
      </TableCell>
      <TableCell align="right">{fmt.count(w.reached)}</TableCell>
      <TableCell align="right">{fmt.count(w.success)}</TableCell>
      <TableCell align="right">{pct(rate(w.success, w.assigned))}</TableCell>
      <TableCell align="right" data-testid="work-callbacks" data-overdue={w.callbacksOverdue}>
        {fmt.count(w.callbacksPending)}
        {/* The overdue ones are the ones to chase: said beside the count, in the warning colour. */}
        {w.callbacksOverdue > 0 && (
          <Box component="span" sx={{ color: 'warning.dark', fontSize: '0.8125rem', whiteSpace: 'nowrap' }}>
            {t('dash.callbacksOverdue', { n: fmt.count(w.callbacksOverdue) })}
          </Box>
        )}
      </TableCell>
      <KeptCells k={w.kept} withArpu={false} />
    </>
  );
}

type Progress = { issued: number; reached: number; success: number };

/**
 * Cumulative progress rows (by list, by campaign): issued, reached, success, the three rates and the period's new
 * successes — one table for both, so a campaign's figures read exactly as its lists' do.
 */
type ProgressRow = { key: number; label: ReactNode; now: Progress; before: Progress; kept: KeptFigures; testId: string; attrs: Record<string, string | number> };

function ProgressTable({
  first,
  periodThis,
  rows,
  total,
}: {
  first: PlainMessageKey;
  periodThis: string;
  rows: ProgressRow[];
  /** A bold last row (every task once, under the lists: the headline's figures, as the workbook's 全部任务（不重复）). */
  total?: ProgressRow;
}) {
  const t = useT();
  const pct = usePct();
  const fmt = useFormat();
  return (
    <ScrollX>
      <Table size="small">
        <TableHead>
          <TableRow>
            {/* Room for a list's type chip and its name on one or two lines. */}
            <TableCell sx={{ ...headSx, minWidth: 268 }}>{t(first)}</TableCell>
            <Head k="dash.col.issued" align="right" />
            <Head k="dash.col.reached" align="right" />
            <Head k="dash.col.success" align="right" />
            <Head k="dash.col.reachRate" align="right" />
            <Head k="dash.col.successRate" align="right" />
            <Head k="dash.col.successAmongReached" align="right" />
            <TableCell align="right" sx={headSx}>
              {t('dash.col.newSuccess', { this: periodThis })}
            </TableCell>
            <Head k="dash.col.retention" align="right" />
            <Head k="dash.col.arpuKept" align="right" />
          </TableRow>
        </TableHead>
        <TableBody>
          {[...rows, ...(total ? [total] : [])].map((r) => (
            <TableRow key={r.key} data-testid={r.testId} {...r.attrs} sx={r === total ? { '& td': { fontWeight: 700, borderTop: 2, borderTopColor: 'divider' } } : undefined}>
              <TableCell>{r.label}</TableCell>
              <TableCell align="right">{fmt.count(r.now.issued)}</TableCell>
              <TableCell align="right">{fmt.count(r.now.reached)}</TableCell>
              <TableCell align="right">{fmt.count(r.now.success)}</TableCell>
              <TableCell align="right">{pct(cumulativeReachRate(r.now))}</TableCell>
              <TableCell align="right">{pct(rate(r.now.success, r.now.issued))}</TableCell>
              <TableCell align="right">{pct(rate(r.now.success, r.now.reached))}</TableCell>
              <TableCell align="right">{fmt.count(r.now.success - r.before.success)}</TableCell>
              <KeptCells k={r.kept} withArpu />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollX>
  );
}

export function DashboardPage() {
  const t = useT();
  const labels = useLabels();
  const locale = useLocale();
  const pct = usePct();
  // The week's figures carry each offer's names: no second read of the catalogue for them.
  const offerWords = useOfferWords();
  const fmt = useFormat();
  const [weeks] = useState(recentWeeks);
  const [week, setWeek] = useState(weeks[0]!.label);
  const [kind, setKind] = useState<PeriodKind>('week');
  const [months] = useState(() => recentPeriods('month', 12));
  const [quarters] = useState(() => recentPeriods('quarter', 8));
  const [day, setDay] = useState<string | null>(() => dayjs().format('YYYY-MM-DD'));
  const [month, setMonth] = useState(months[0]!.from);
  const [quarter, setQuarter] = useState(quarters[0]!.from);
  const [range, setRange] = useState<{ from: string | null; to: string | null }>(() => ({ from: months[0]!.from, to: dayjs().format('YYYY-MM-DD') }));
  const [definitions, setDefinitions] = useState(false);
  // A picked range is asked for once both ends make one (at most MAX_RANGE_DAYS); until then the last answer stays.
  const picked = kind === 'range' && range.from !== null && range.to !== null ? periodOf('range', range.from, range.to) : null;
  const rangeProblem = picked && isPeriodProblem(picked) ? picked : null;
  const rangeOk = kind !== 'range' || (picked !== null && rangeProblem === null);
  const dayOk = kind !== 'day' || day !== null;
  const asked: Asked =
    kind === 'week' ? { week }
    : kind === 'day' ? { period: { kind, from: day ?? '' } }
    : kind === 'month' ? { period: { kind, from: month } }
    : kind === 'quarter' ? { period: { kind, from: quarter } }
    : { period: { kind, from: range.from ?? '', to: range.to ?? '' } };
  const [listType, setListType] = useState<ListType | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  // Agents by id and name, as a supervisor knows them (the table and the filter gave bare ids; found by a new phone agent).
  const agentNames = useAgentNames();
  const agentLabel = (id: string) => agentWithName(id, agentNames);
  const [level, setLevel] = useState<RiskLevel | null>(null);
  const [segmenting, setSegmenting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const filter = { ...(listType ? { listType } : {}), ...(agentId ? { agentId } : {}), ...(level ? { level } : {}) };

  // Refetched when attempts, tasks or lists change (throttled to once per 5 s: costly on a big workspace, see api/live.ts).
  const dashboard = useApiQuery(
    'dashboard-get',
    { ...asked, ...filter },
    { keepPrevious: true, enabled: rangeOk && dayOk },
  );
  const data: DashboardView | null = dashboard.data ?? null;
  const loading = dashboard.isFetching;
  const error = dashboard.error;

  const weekText = (w: { label: string; from: string; to: string }) => t('dash.weekOption', { week: w.label, from: w.from.slice(5), to: w.to.slice(5) });
  const askedPeriod = 'period' in asked && rangeOk && dayOk ? periodOf(asked.period.kind, asked.period.from, asked.period.to) : null;
  const askedLabel = askedPeriod && !isPeriodProblem(askedPeriod) ? askedPeriod.label : week;
  const totals = data?.totals;
  // The words follow the period shown (本周 / 本月 / 本期 …), which is the one answered, not one still loading.
  const shownKind = data?.period.kind ?? kind;
  // A period under way (today in it) is counted to today: beside whole periods its counts look low, so it says so,
  // and its point in the trend is marked.
  const today = dayjs().format('YYYY-MM-DD');
  const inProgress = data !== null && data.period.from <= today && today <= data.period.to;
  // A past period is 当周 / 前一周, not 本周 / 上周, which read as today's week and the one before it (found by a new
  // supervisor reading W49 in W50).
  const p = data === null || inProgress ? { this: t(`dash.this.${shownKind}`), before: t(`dash.before.${shownKind}`) } : { this: t(`dash.that.${shownKind}`), before: t(`dash.prior.${shownKind}`) };
  // Two reach rates with their definitions on screen (core/report/weekly.ts): the week's calls, and the lists' progress.
  const reachNow = totals ? cumulativeReachRate(totals.now) : null;
  const reachBefore = totals ? cumulativeReachRate(totals.before) : null;
  const weekReach = totals ? weekReachRate(totals.week) : null;
  const lastWeek = data && data.trend.length >= 2 ? data.trend[data.trend.length - 2]! : null;
  const weekReachBefore = lastWeek ? weekReachRate(lastWeek) : null;
  const successNow = totals ? rate(totals.now.success, totals.now.issued) : null;
  const successBefore = totals ? rate(totals.before.success, totals.before.issued) : null;
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  // Every decline reason (nine at most): the eight largest left 其他 out, and the chart's sum fell short of the report's.
  const declines = (data?.reasons ?? []).filter((r) => r.kind === 'decline');
  const competitors = data?.competitors ?? [];
  // What successes kept (issue 17 #4, issue 18 #3): 在网率 with kept/judged on hover; ARPU before → after summed.

  return (
    <Box sx={{ p: 3, display: 'grid', gap: 2, alignContent: 'start' }} data-testid="dashboard">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
        <Typography variant="h6" component="h2">
          {t('dash.title', { this: p.this })}
        </Typography>
        {inProgress && (
          <Tooltip title={t('dash.inProgress.hint', { before: p.before })}>
            <Chip size="small" variant="outlined" color="info" label={t('dash.inProgress', { date: today.slice(5) })} data-testid="dash-in-progress" />
          </Tooltip>
        )}
        <ToggleButtonGroup exclusive size="small" value={kind} onChange={(_, v: PeriodKind | null) => v && setKind(v)} aria-label={t('dash.kind')} sx={{ bgcolor: 'background.paper' }} data-testid="dash-kind">
          {periodKinds.map((k) => (
            <ToggleButton key={k} value={k} sx={{ px: 1.25, py: 0.5 }} data-testid={`dash-kind-${k}`}>
              {t(`dash.kind.${k}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {kind === 'week' && (
          <TextField select size="small" label={t('dash.week')} value={week} onChange={(e) => setWeek(e.target.value)} sx={{ width: 250, bgcolor: 'background.paper' }} slotProps={{ htmlInput: { 'data-testid': 'dash-week' } }}>
            {weeks.map((w) => (
              <MenuItem key={w.label} value={w.label}>
                {weekText(w)}
              </MenuItem>
            ))}
          </TextField>
        )}
        {kind === 'month' && (
          <TextField select size="small" label={t('dash.month')} value={month} onChange={(e) => setMonth(e.target.value)} sx={{ width: 130, bgcolor: 'background.paper' }} slotProps={{ htmlInput: { 'data-testid': 'dash-month' } }}>
            {months.map((m) => (
              <MenuItem key={m.from} value={m.from}>
                {m.label}
              </MenuItem>
            ))}
          </TextField>
        )}
        {kind === 'quarter' && (
          <TextField select size="small" label={t('dash.quarter')} value={quarter} onChange={(e) => setQuarter(e.target.value)} sx={{ width: 210, bgcolor: 'background.paper' }} slotProps={{ htmlInput: { 'data-testid': 'dash-quarter' } }}>
            {quarters.map((q) => (
              <MenuItem key={q.from} value={q.from}>
                {t('dash.quarterOption', { quarter: q.label, from: q.from.slice(5), to: q.to.slice(5) })}
              </MenuItem>
            ))}
          </TextField>
        )}
        {(kind === 'day' || kind === 'range') && (
          <PickersProvider>
            {kind === 'day' ? (
              <Box sx={{ width: DATE_FIELD_WIDTH, bgcolor: 'background.paper' }}>
                <IsoDatePicker label={t('dash.day')} value={day} onChange={setDay} testId="dash-day" />
              </Box>
            ) : (
              <>
                <Box sx={{ width: DATE_FIELD_WIDTH, bgcolor: 'background.paper' }}>
                  <IsoDatePicker label={t('dash.from')} value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} testId="dash-from" />
                </Box>
                <Box sx={{ width: DATE_FIELD_WIDTH, bgcolor: 'background.paper' }}>
                  <IsoDatePicker label={t('dash.to')} value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} testId="dash-to" />
                </Box>
              </>
            )}
          </PickersProvider>
        )}
        <ListTypeFilter value={listType} onChange={setListType} />
        <TextField select size="small" label={t('dash.agent')} value={agentId ?? ALL} onChange={(e) => setAgentId(e.target.value || null)} sx={{ width: 120, bgcolor: 'background.paper' }} slotProps={allOption}>
          <MenuItem value={ALL}>{t('dash.allAgents')}</MenuItem>
          {(data?.agentIds ?? []).map((a) => (
            <MenuItem key={a} value={a}>
              {agentLabel(a)}
            </MenuItem>
          ))}
        </TextField>
        <RiskLevelFilter value={level} onChange={setLevel} testId="dash-filter-level" />
        {/* The filters that say something of the customer (list type, level) as a segment (issue 17 #1). */}
        <Button size="small" variant="outlined" onClick={() => setSegmenting(true)} data-testid="dash-save-segment">
          {t('segment.saveAs')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <Button size="small" onClick={() => setDefinitions((d) => !d)} aria-expanded={definitions} data-testid="dash-definitions-toggle">
          {t('dash.definitions')}
        </Button>
        <Button variant="contained" startIcon={<FileDownloadIcon />} onClick={() => setExporting(true)} disabled={!rangeOk || !dayOk} data-testid="weekly-export">
          {t('dash.export.button')}
        </Button>
      </Stack>
      <Collapse in={definitions} unmountOnExit>
        <Alert severity="info" variant="outlined" data-testid="dash-definitions" sx={{ bgcolor: 'background.paper' }}>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            <li>{t('dash.definitions.cumulative')}</li>
            <li>{t('dash.definitions.period')}</li>
            <li>{t('dash.definitions.totals')}</li>
          </Box>
        </Alert>
      </Collapse>
      {!rangeOk && (
        <Alert severity="warning" data-testid="dash-range-needed">
          {rangeProblem ? formatMessage(t.locale, rangeProblem.problem, rangeProblem.params) : t('dash.rangeNeeded', { max: MAX_RANGE_DAYS })}
        </Alert>
      )}
      <Box sx={{ minHeight: 4 }}>{loading && <LinearProgress aria-label={t('common.loading')} />}</Box>
      {error != null && <ErrorAlert title={t('dash.error', { this: p.this })} error={error} />}
      {data && totals && (
        <Box sx={{ display: 'grid', gap: 2, opacity: loading ? 0.6 : 1 }}>
          <Stack direction="row" spacing={2}>
            <Kpi testId="kpi-issued" label={t('dash.kpi.issued')} value={fmt.count(totals.now.issued)} sub={t('dash.kpi.issuedSub', { this: p.this, n: fmt.count(totals.now.issued - totals.before.issued) })} />
            <Kpi testId="kpi-week-reach" label={t('dash.kpi.weekReach', { this: p.this })} value={pct(weekReach)} sub={t('dash.kpi.of', { n: fmt.count(totals.week.reached), of: fmt.count(totals.week.attempted) })} delta={diff(weekReach, weekReachBefore)} before={p.before} definition={t('dash.kpi.weekReach.definition', { this: p.this })} />
            <Kpi testId="kpi-reached" label={t('dash.kpi.reached')} value={pct(reachNow)} sub={t('dash.kpi.of', { n: fmt.count(totals.now.reached), of: fmt.count(totals.now.issued) })} delta={diff(reachNow, reachBefore)} before={p.before} definition={t('dash.kpi.reached.definition', { this: p.this })} />
            <Kpi testId="kpi-success" label={t('dash.kpi.success')} value={pct(successNow)} sub={t('dash.kpi.of', { n: fmt.count(totals.now.success), of: fmt.count(totals.now.issued) })} delta={diff(successNow, successBefore)} before={p.before} definition={t('dash.kpi.success.definition', { this: p.this })} />
            <Kpi testId="kpi-week" label={t('dash.kpi.week', { this: p.this })} value={fmt.count(totals.week.attempts)} sub={t('dash.kpi.weekSub', { reached: fmt.count(totals.week.reached), success: fmt.count(totals.week.success) })} />
          </Stack>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 2 }}>
            <Panel title={t(`dash.trend.${shownKind}`)} testId="dash-trend">
              <LineChart
                height={220}
                xAxis={[
                  {
                    scaleType: 'point',
                    // The period under way, the last point, is marked (*): counted to today (the chip above says so).
                    data: data.trend.map((w, i) => `${shortPeriodLabel({ ...w, kind: shownKind })}${inProgress && i === data.trend.length - 1 ? '*' : ''}`),
                    // A range's label (10-13~10-19) is twice a week's: eight did not fit, and the last was cut to
                    // "12-01~…" (found by a new user). The axis says where each starts; the tooltip the whole range.
                    valueFormatter: (label: string, context) => (context.location === 'tick' ? label.replace(/~[^*]*/, '') : label),
                    height: 28,
                  },
                ]}
                // Whole customers from 0: with every value 0 the axis had one tick, "0.00…" (a new workspace's first week).
                yAxis={[{ min: 0, tickMinStep: 1, ...(data.trend.every((w) => w.reached === 0 && w.success === 0) ? { max: 1 } : {}) }]}
                series={[
                  { data: data.trend.map((w) => w.reached), label: t('dash.series.reached'), color: '#1565c0', curve: 'linear' },
                  { data: data.trend.map((w) => w.success), label: t('dash.series.success'), color: '#2e7d32', curve: 'linear' },
                ]}
                margin={{ right: 28 }}
              />
            </Panel>
            <Panel title={t('dash.reasons')} testId="dash-reasons">
              {declines.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('dash.none', { this: p.this })}
                </Typography>
              ) : (
                <BarChart
                  height={Math.max(220, 48 + declines.length * 22)}
                  layout="horizontal"
                  // English reasons are longer ("Does not understand the service" was cut to "Does not understand t…").
                  yAxis={[{ scaleType: 'band', data: declines.map((r) => labels.reason(r.code)), width: locale === 'en' ? 210 : 150 }]}
                  xAxis={[{ height: 28, tickMinStep: 1 }]}
                  series={[{ data: declines.map((r) => r.count), label: t('dash.series.declines'), color: '#ef6c00' }]}
                  hideLegend
                  margin={{ right: 16 }}
                />
              )}
              {competitors.length > 0 && (
                <Box data-testid="dash-competitors" sx={{ mt: 1 }}>
                  <Typography variant="subtitle2" component="h4">
                    {t('dash.competitors')}
                  </Typography>
                  <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: '0.875rem', lineHeight: 1.6 }}>
                    {competitors.map((c) => (
                      <li key={c.code} data-testid="dash-competitor" data-code={c.code} data-count={c.count}>
                        <strong>{labels.competitor(c.code)} {fmt.count(c.count)}</strong>
                        {' '}
                        {t('dash.competitorSplit', { declines: fmt.count(c.declines), churns: fmt.count(c.churns) })}
                        {c.medianAmount !== null && ` · ${t('dash.competitorMedian', { amount: fmt.number(c.medianAmount, 2) })}`}
                        {c.latestOffers.length > 0 && (
                          <Box component="span" sx={{ color: 'text.secondary' }}>
                            {` · ${t('dash.competitorLatest', { offers: c.latestOffers.map((o) => `“${o}”`).join(t('common.listSeparator')) })}`}
                          </Box>
                        )}
                      </li>
                    ))}
                  </Box>
                </Box>
              )}
            </Panel>
          </Box>
          <TargetsPanel targets={data.targets} week={week} />
          <Panel title={t('dash.byList', { this: p.this })} testId="dash-lists">
            <ProgressTable
              first="dash.col.list"
              periodThis={p.this}
              rows={data.lists.map((l) => ({
                key: l.id,
                now: l.now,
                before: l.before,
                kept: l.kept,
                testId: 'dash-list-row',
                attrs: { 'data-list-id': l.id },
                label: (
                  // The name goes under a long type chip rather than breaking every few characters beside it.
                  <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 1, rowGap: 0.5 }}>
                    <ListTypeChip type={l.type} name={l.name} />
                    <span>{labels.listName(l.name)}</span>
                  </Stack>
                ),
              }))}
              // Every task once, the headline's figures: the lists' own add up past it when a task is on two (1,804
              // issued by list beside 1,207 at the top, and nothing said why; found by a new supervisor).
              total={{ key: -1, now: data.totals.now, before: data.totals.before, kept: data.totals.kept, testId: 'dash-list-total', attrs: {}, label: t('dash.allTasksOnce') }}
            />
            {data.lists.reduce((n, l) => n + l.now.issued, 0) > data.totals.now.issued && (
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }} data-testid="dash-lists-overlap">
                {t('dash.listsOverlap')}
              </Typography>
            )}
          </Panel>
          {data.campaigns.length > 0 && (
            <Panel title={t('dash.byCampaign', { this: p.this })} testId="dash-campaigns">
              <ProgressTable
                first="dash.col.campaign"
                periodThis={p.this}
                rows={data.campaigns.map((c) => ({
                  key: c.id,
                  now: c.now,
                  before: c.before,
                  kept: c.kept,
                  testId: 'dash-campaign-row',
                  attrs: { 'data-campaign-id': c.id },
                  label: (
                    <span>
                      {c.name}
                      <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                        {t('dash.campaignLists', { count: c.lists })}
                      </Typography>
                    </span>
                  ),
                }))}
              />
            </Panel>
          )}
          {/* Side by side only when each half fits its seven or eight columns (not at 1366 px, where offer names broke every few characters). */}
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 720px), 1fr))', gap: 2 }}>
            <Panel title={t('dash.byAgent', { this: p.this })} testId="dash-agents">
              <ScrollX>
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <Head k="dash.col.agent" />
                      <WorkHeads />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {data.agents.map((a) => (
                      <TableRow key={a.agentId} data-testid="dash-agent-row" data-agent={a.agentId}>
                        <TableCell>{agentLabel(a.agentId)}</TableCell>
                        <WorkCells w={a} attemptsTestId="dash-agent-attempts" />
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollX>
            </Panel>
            <Panel title={t('dash.byOffer', { this: p.this })} testId="dash-offers">
              {data.offers.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('dash.none', { this: p.this })}
                </Typography>
              ) : (
                <ScrollX>
                  <Table size="small">
                    <TableHead>
                      <TableRow>
                        <Head k="dash.col.offer" />
                        <Head k="dash.col.offered" align="right" />
                        <Head k="dash.col.accepted" align="right" />
                        <Head k="dash.col.acceptance" align="right" />
                        <Head k="dash.col.cost" align="right" />
                        <Head k="dash.col.retention" align="right" />
                        <Head k="dash.col.arpuKept" align="right" />
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {data.offers.map((o) => (
                        <TableRow key={o.code} data-testid="dash-offer-row" data-offer-code={o.code}>
                          <TableCell>{offerWords.offerName(o)}</TableCell>
                          <TableCell align="right">{fmt.count(o.offered)}</TableCell>
                          <TableCell align="right">{fmt.count(o.accepted)}</TableCell>
                          <TableCell align="right">{pct(rate(o.accepted, o.offered))}</TableCell>
                          <TableCell align="right">{fmt.number(o.cost, 3)}</TableCell>
                          <KeptCells k={o.kept} withArpu />
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </ScrollX>
              )}
            </Panel>
          </Box>
          {data.groups.length > 0 && (
            <Panel title={t('dash.byGroup', { this: p.this })} testId="dash-groups">
              <ScrollX>
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <Head k="dash.col.group" />
                      <Head k="dash.col.members" align="right" />
                      <WorkHeads />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {data.groups.map((g) => (
                      <TableRow key={g.id} data-testid="dash-group-row" data-group={g.name}>
                        <TableCell>{g.name}</TableCell>
                        <TableCell align="right">{fmt.count(g.members)}</TableCell>
                        <WorkCells w={g} />
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollX>
              <Typography variant="caption" color="text.secondary">
                {t('dash.groupsNote')}
              </Typography>
            </Panel>
          )}
        </Box>
      )}
      <AnalysisPanel period={data?.period ?? null} unappliedFilters={reportFilterWords(filter, locale)} />
      {exporting && (
        <ExportDialog
          asked={asked}
          filter={filter}
          label={askedLabel}
          kind={kind}
          onClose={() => setExporting(false)}
        />
      )}
      {segmenting && <SegmentDialog filters={{ listType, level, ...(agentId ? { agentId } : {}) }} onClose={() => setSegmenting(false)} />}
    </Box>
  );
}
