import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo } from 'react';
import type { RiskConfigPreviewResult, RiskLevelCounts } from '../../../../core/api/ops/risk';
import type { RiskConfig } from '../../../../core/risk/config';
import { useApi } from '../../api/ApiContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConfigPreviewJob, type ConfigPreviewState } from '../../components/useConfigPreviewJob';
import { RiskLevelChip, riskLevels, riskPalette, type RiskLevel } from '../../components/RiskLevelChip';
import { useLocale, useT } from '../../i18n';

/** A candidate configuration as compared for staleness: the version number is not a setting. */
export const configKey = (cfg: RiskConfig) => JSON.stringify({ ...cfg, version: 0 });

export type PreviewState = ConfigPreviewState<RiskConfig, RiskConfigPreviewResult>;

/** Runs the read-only risk preview job for a candidate configuration (see useConfigPreviewJob). */
export function usePreviewJob(): PreviewState {
  const api = useApi();
  const start = useCallback((config: RiskConfig) => api.call('risk-config-preview', { config }), [api]);
  return useConfigPreviewJob(start, configKey);
}

/** The job's progress with a cancel button. */
function PreviewProgress({ state }: { state: PreviewState }) {
  const t = useT();
  const nf = useNumber();
  const p = state.progress;
  const pct = p && p.total ? Math.min(100, (p.done / p.total) * 100) : null;
  return (
    <Stack spacing={1} data-testid="rc-progress">
      <Typography variant="body2">
        {p && p.total !== null ? t('riskConfig.previewRunning', { done: nf(p.done), total: nf(p.total) }) : t('riskConfig.previewStarting')}
      </Typography>
      <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? 0} />
      <Box>
        <Button size="small" onClick={state.cancel} data-testid="rc-cancel">
          {t('riskConfig.cancelPreview')}
        </Button>
      </Box>
    </Stack>
  );
}

function useNumber() {
  const locale = useLocale();
  return useMemo(() => {
    const f = new Intl.NumberFormat(locale);
    return (n: number) => f.format(n);
  }, [locale]);
}

/** The headline figures: how many change level, overall and in the queue. */
function PreviewSummary({ result }: { result: RiskConfigPreviewResult }) {
  const t = useT();
  const nf = useNumber();
  return (
    <Box>
      <Typography variant="body1" sx={{ fontWeight: 600 }} data-testid="rc-summary" data-changed={result.changed}>
        {t('riskConfig.previewSummary', { total: nf(result.subscribers), changed: nf(result.changed) })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('riskConfig.previewQueue', { open: nf(result.openTasks), openChanged: nf(result.openTasksChanged) })}
      </Typography>
    </Box>
  );
}

/** Rows: level now; columns: level under the candidate. Moves are emphasised in the colour of where they go. */
function TransitionTable({ result }: { result: RiskConfigPreviewResult }) {
  const t = useT();
  const nf = useNumber();
  const count = (from: RiskLevel, to: RiskLevel) => result.transitions.find((x) => x.from === from && x.to === to)?.count ?? 0;
  return (
    <Table size="small" aria-label={t('riskConfig.matrix.caption')} data-testid="rc-matrix" sx={{ '& td, & th': { px: 0.5 }, '& td': { fontSize: '0.8125rem' } }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ fontSize: '0.75rem' }}>{t('riskConfig.matrix.corner')}</TableCell>
          {riskLevels.map((to) => (
            <TableCell key={to} align="center">
              <RiskLevelChip level={to} />
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {riskLevels.map((from) => (
          <TableRow key={from}>
            <TableCell component="th" scope="row">
              <RiskLevelChip level={from} />
            </TableCell>
            {riskLevels.map((to) => {
              const n = count(from, to);
              const moved = from !== to && n > 0;
              return (
                <TableCell
                  key={to}
                  align="center"
                  data-testid={`rc-cell-${from}-${to}`}
                  data-count={n}
                  sx={{
                    fontVariantNumeric: 'tabular-nums',
                    ...(moved
                      ? { fontWeight: 700, bgcolor: riskPalette[to].tint, color: riskPalette[to].ink, boxShadow: `inset 0 0 0 1px ${riskPalette[to].solid}` }
                      : from === to
                        ? { color: 'text.secondary' }
                        : { color: 'text.disabled' }),
                  }}
                >
                  {from !== to && n === 0 ? '·' : nf(n)}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Delta({ before, after }: { before: number; after: number }) {
  const nf = useNumber();
  const d = after - before;
  return (
    // "before → after" stays on one line; the change goes under it when the panel is narrow (a million customers'
    // counts in two columns were cut off at 1366 px wide).
    <Box component="span" sx={{ color: d === 0 ? 'text.secondary' : 'text.primary', fontWeight: d === 0 ? 400 : 600 }}>
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
        {nf(before)} → {nf(after)}
      </Box>
      {d !== 0 && (
        <Box component="span" sx={{ ml: 0.5, fontSize: '0.8125rem', color: 'text.secondary', display: 'inline-block', whiteSpace: 'nowrap' }}>
          ({d > 0 ? '+' : '−'}
          {nf(Math.abs(d))})
        </Box>
      )}
    </Box>
  );
}

/** Per level: customers before → after, overall and in the task queue. */
function LevelTotals({ result }: { result: RiskConfigPreviewResult }) {
  const t = useT();
  const row = (counts: RiskLevelCounts, level: RiskLevel) => counts[level];
  return (
    <Table size="small" aria-label={t('riskConfig.totals.caption')} data-testid="rc-totals" sx={{ '& td, & th': { px: 1 } }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('riskConfig.totals.level')}</TableCell>
          <TableCell align="right">{t('riskConfig.totals.customers')}</TableCell>
          <TableCell align="right">{t('riskConfig.totals.queue')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {riskLevels.map((level) => (
          <TableRow
            key={level}
            data-testid={`rc-total-${level}`}
            data-before={result.before[level]}
            data-after={result.after[level]}
            data-queue-before={result.openTasksBefore[level]}
            data-queue-after={result.openTasksAfter[level]}
          >
            <TableCell>
              <RiskLevelChip level={level} />
            </TableCell>
            <TableCell align="right">
              <Delta before={row(result.before, level)} after={row(result.after, level)} />
            </TableCell>
            <TableCell align="right">
              <Delta before={row(result.openTasksBefore, level)} after={row(result.openTasksAfter, level)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Progress, failure, cancellation or the figures of a preview, in that order of precedence. */
export function PreviewBody({ state, stale, compact = false }: { state: PreviewState; stale?: boolean; compact?: boolean }) {
  const t = useT();
  if (state.running) return <PreviewProgress state={state} />;
  return (
    <Stack spacing={1.5}>
      {state.error != null && <ErrorAlert title={t('riskConfig.previewFailed')} error={state.error} />}
      {state.cancelled && <Alert severity="info">{t('riskConfig.previewCancelled')}</Alert>}
      {state.result && (
        <>
          {stale && (
            <Alert severity="warning" data-testid="rc-stale">
              {t('riskConfig.previewStale')}
            </Alert>
          )}
          <PreviewSummary result={state.result} />
          {!compact && (
            <Typography variant="caption" color="text.secondary">
              {t('riskConfig.matrix.caption')}
            </Typography>
          )}
          <TransitionTable result={state.result} />
          <LevelTotals result={state.result} />
        </>
      )}
    </Stack>
  );
}
