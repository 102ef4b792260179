import FileDownloadIcon from '@mui/icons-material/FileDownload';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { analysisKinds, drillInto, type AnalysisDimension, type AnalysisDrill, type AnalysisKind } from '../../../../core/report/analysis';
import { analysisGroupText } from '../../../../core/report/analysis-workbook';
import type { PeriodKind } from '../../../../core/report/periods';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import { useApiQuery } from '../../api/query';
import { useAgentNames } from '../../components/useAgentNames';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useFormat } from '../../format';
import { useLocale, useT } from '../../i18n';

/** One step of the drill-down: what is shown, within which parents, reached by clicking `label`. */
interface Step {
  by: AnalysisDimension;
  drill: AnalysisDrill;
  label: string | null;
}

const TOP: Step = { by: 'county', drill: {}, label: null };

/**
 * 分析 (issue 18 #2; docs/reports.md "Analysis reports"): suspension, forwarding, churn or predicted churn of the
 * stored customers by county; a county opens its halls, a hall its agents, and the breadcrumb goes back up. Churn is
 * counted in the dashboard's period against the period before; the other kinds say that no history exists.
 */
export function AnalysisPanel({ period, unappliedFilters }: { period: { kind: PeriodKind; from: string; to: string } | null; unappliedFilters: string | null }) {
  const t = useT();
  const fmt = useFormat();
  const locale = useLocale();
  const [kind, setKind] = useState<AnalysisKind>('suspension');
  const [path, setPath] = useState<Step[]>([TOP]);
  const step = path[path.length - 1]!;
  const asked = { kind, by: step.by, drill: step.drill, ...(period ? { period: { kind: period.kind, from: period.from, to: period.to } } : {}) };
  const api = useApi();
  const exporting = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const query = useApiQuery(
    'analysis-get',
    asked,
    // Asked once the dashboard has answered with its period: the churn figures are counted in it.
    { keepPrevious: true, enabled: period !== null },
  );
  const view = query.data ?? null;
  const pct = fmt.rate;
  const withChange = view?.history === 'period';
  // A minus sign, as the cards' changes read (−13.0): "-1" had a hyphen beside them.
  const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${fmt.count(v)}` : v < 0 ? `\u2212${fmt.count(-v)}` : fmt.count(v));
  const loc = locale === 'en' ? 'en' : 'zh-CN';
  const agentNames = useAgentNames();
  // The view shown, or the four kinds of its grouping and drill-down in one workbook, a sheet each.
  const save = (all: boolean) =>
    exporting.run(async () => {
      setSaved(null);
      const file = await api.call('analysis-export', { ...asked, ...(all ? { kind: 'all' as const } : {}), locale: loc });
      if (await saveDownload(api, file)) setSaved(file.name);
    });

  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid="dash-analysis">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ color: 'primary.dark', flex: 1 }}>
          {t('dash.analysis.title')}
        </Typography>
        <ToggleButtonGroup exclusive size="small" value={kind} onChange={(_, v: AnalysisKind | null) => v && setKind(v)} aria-label={t('dash.analysis.kind')}>
          {analysisKinds.map((k) => (
            <ToggleButton key={k} value={k} data-testid={`dash-analysis-kind-${k}`}>
              {t(`dash.analysis.kind.${k}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Button size="small" startIcon={<FileDownloadIcon />} onClick={() => void save(false)} disabled={exporting.busy || period === null} data-testid="dash-analysis-export">
          {t('dash.analysis.export')}
        </Button>
        <Button size="small" onClick={() => void save(true)} disabled={exporting.busy || period === null} title={t('dash.analysis.exportAllHint')} data-testid="dash-analysis-export-all">
          {t('dash.analysis.exportAll')}
        </Button>
      </Stack>
      {exporting.error ? <ErrorAlert error={exporting.error} /> : null}
      {saved && (
        <Typography variant="caption" color="success.main" sx={{ display: 'block', mb: 1 }}>
          {t('dash.analysis.saved', { name: saved })}
        </Typography>
      )}
      {/* The dashboard's filters are of its tasks; the analysis is of the stored customers and does not take them. */}
      {unappliedFilters && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }} data-testid="dash-analysis-unfiltered">
          {t('dash.analysis.unfiltered', { filters: unappliedFilters })}
        </Typography>
      )}
      <Breadcrumbs sx={{ mb: 1 }} data-testid="dash-analysis-path">
        {path.map((s, i) =>
          i === path.length - 1 ? (
            <Typography key={i} variant="body2" color="text.primary">
              {i === 0 ? t('dash.analysis.allCounties') : analysisGroupText(path[i - 1]!.by, s.label, loc)}
            </Typography>
          ) : (
            <Link key={i} component="button" variant="body2" onClick={() => setPath(path.slice(0, i + 1))}>
              {i === 0 ? t('dash.analysis.allCounties') : analysisGroupText(path[i - 1]!.by, s.label, loc)}
            </Link>
          ),
        )}
      </Breadcrumbs>
      {/* At a million customers the first view of a moment takes seconds (later views are read from kept cells); it is
          asked once the dashboard above has answered, and is on its way until then too. */}
      <Box sx={{ height: 4, mb: 0.5 }}>
        {(query.isFetching || (!view && !query.error)) && <LinearProgress aria-label={t('common.loading')} data-testid="dash-analysis-loading" />}
      </Box>
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {view && (
        <>
          {view.kind === 'churn' && !view.churnRecorded && (
            <Alert severity="info" sx={{ mb: 1, py: 0 }} data-testid="dash-analysis-no-churn">
              {t('dash.analysis.noChurnRecorded')}
            </Alert>
          )}
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t(`dash.analysis.by.${step.by}`)}</TableCell>
                <TableCell align="right">{t('dash.analysis.customers')}</TableCell>
                <TableCell align="right">{t(`dash.analysis.kind.${view.kind}`)}</TableCell>
                <TableCell align="right">{t('dash.analysis.share')}</TableCell>
                {withChange && <TableCell align="right">{t('dash.analysis.previous')}</TableCell>}
                {withChange && <TableCell align="right">{t('dash.analysis.change')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {view.rows.map((r) => {
                const down = drillInto(step.by, step.drill, r.group);
                const name = analysisGroupText(step.by, r.group, loc, agentNames);
                return (
                  <TableRow key={r.group ?? '\u0000'} data-testid="dash-analysis-row" data-group={r.group ?? ''}>
                    <TableCell>
                      {down ? (
                        <Link component="button" variant="body2" onClick={() => setPath([...path, { ...down, label: r.group }])}>
                          {name}
                        </Link>
                      ) : (
                        name
                      )}
                    </TableCell>
                    <TableCell align="right">{fmt.count(r.customers)}</TableCell>
                    <TableCell align="right">{fmt.count(r.count)}</TableCell>
                    <TableCell align="right">{pct(r.share)}</TableCell>
                    {withChange && <TableCell align="right">{r.previous === null ? '—' : fmt.count(r.previous)}</TableCell>}
                    {withChange && <TableCell align="right">{signed(r.change)}</TableCell>}
                  </TableRow>
                );
              })}
              <TableRow data-testid="dash-analysis-total" sx={{ '& td': { fontWeight: 600 } }}>
                <TableCell>{t('dash.analysis.total')}</TableCell>
                <TableCell align="right">{fmt.count(view.total.customers)}</TableCell>
                <TableCell align="right">{fmt.count(view.total.count)}</TableCell>
                <TableCell align="right">{pct(view.total.share)}</TableCell>
                {withChange && <TableCell align="right">{view.total.previous === null ? '—' : fmt.count(view.total.previous)}</TableCell>}
                {withChange && <TableCell align="right">{signed(view.total.change)}</TableCell>}
              </TableRow>
            </TableBody>
          </Table>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }} data-testid="dash-analysis-note">
            {t(`dash.analysis.definition.${view.kind}`)}{' '}
            {view.history === 'period' && view.period
              ? t('dash.analysis.history.period', { period: view.period.current.label, before: view.period.previous.label })
              : t(`dash.analysis.history.${view.history === 'no-period' ? 'noPeriod' : 'none'}`)}
          </Typography>
        </>
      )}
    </Paper>
  );
}
