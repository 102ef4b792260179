import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import { useMemo, type ReactNode } from 'react';
import { useLocale, useT } from '../../i18n';
import type { Holdout } from './modelView';

const MODEL = '#1565c0';
const BASELINE = '#9e9e9e';
const OBSERVED = '#ef6c00';
const CHART_HEIGHT = 230;
// The reference line is drawn dashed so nobody reads it as a second model.
const dashedBaseline = { [`& .${lineClasses.line}[data-series="baseline"]`]: { strokeDasharray: '5 4' } };

export function usePercent(digits = 0) {
  const locale = useLocale();
  return useMemo(() => {
    const f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits });
    return (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : f.format(v));
  }, [locale, digits]);
}

export function ChartPanel({ title, caption, children, testId }: { title: string; caption: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0, display: 'flex', flexDirection: 'column' }} data-testid={testId}>
      <Typography variant="subtitle2" component="h4" sx={{ color: 'primary.dark' }}>
        {title}
      </Typography>
      {children}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {caption}
      </Typography>
    </Paper>
  );
}

const unitAxis = (label: string, pct: (v: number) => string) => ({ scaleType: 'linear' as const, min: 0, max: 1, label, valueFormatter: pct, tickNumber: 5 });

/** ROC curve on the holdout, with the diagonal a coin toss would give. */
export function RocChart({ holdout }: { holdout: Holdout }) {
  const t = useT();
  const pct = usePercent();
  const pct1 = usePercent(1);
  const fpr = holdout.roc.map((p) => p.fpr);
  return (
    <ChartPanel
      testId="model-roc"
      title={t('model.chart.roc')}
      caption={t('model.chart.roc.caption', { auc: Number.isFinite(holdout.auc) ? holdout.auc.toFixed(3) : '—' })}
    >
      <LineChart
        height={CHART_HEIGHT}
        xAxis={[{ ...unitAxis(t('model.chart.roc.x'), pct), data: fpr, height: 60 }]}
        yAxis={[{ ...unitAxis(t('model.chart.roc.y'), pct), width: 66 }]}
        series={[
          { id: 'model', data: holdout.roc.map((p) => p.tpr), label: t('model.chart.series.model'), color: MODEL, showMark: false, curve: 'linear', valueFormatter: (v) => pct1(v) },
          { id: 'baseline', data: fpr, label: t('model.chart.series.random'), color: BASELINE, showMark: false, curve: 'linear', valueFormatter: (v) => pct1(v) },
        ]}
        margin={{ right: 24, top: 12 }}
        sx={dashedBaseline}
      />
    </ChartPanel>
  );
}

/** Cumulative gains: share of churners reached when contacting the riskiest customers first, against random order. */
export function GainsChart({ holdout }: { holdout: Holdout }) {
  const t = useT();
  const pct = usePercent();
  const x = [0, ...holdout.gains.map((g) => g.customersPct)];
  const second = holdout.gains[1];
  return (
    <ChartPanel
      testId="model-gains"
      title={t('model.chart.gains')}
      caption={second ? t('model.chart.gains.caption', { share: pct(second.customersPct), captured: pct(second.capturedPct) }) : t('model.chart.none')}
    >
      <LineChart
        height={CHART_HEIGHT}
        xAxis={[{ ...unitAxis(t('model.chart.gains.x'), pct), data: x, height: 60 }]}
        yAxis={[{ ...unitAxis(t('model.chart.gains.y'), pct), width: 66 }]}
        series={[
          { id: 'model', data: [0, ...holdout.gains.map((g) => g.capturedPct)], label: t('model.chart.series.model'), color: MODEL, curve: 'linear', valueFormatter: (v) => pct(v) },
          { id: 'baseline', data: x, label: t('model.chart.series.random'), color: BASELINE, showMark: false, curve: 'linear', valueFormatter: (v) => pct(v) },
        ]}
        margin={{ right: 24, top: 12 }}
        sx={dashedBaseline}
      />
    </ChartPanel>
  );
}

/** Calibration: in each band of predicted probability, the mean prediction beside the share that actually left. */
export function CalibrationChart({ holdout, gap }: { holdout: Holdout; gap: number | null }) {
  const t = useT();
  const pct = usePercent();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const bins = holdout.calibration;
  const value = (v: number, n: number) => (n > 0 && Number.isFinite(v) ? v : null);
  return (
    <ChartPanel
      testId="model-calibration"
      title={t('model.chart.calibration')}
      caption={gap === null ? t('model.chart.none') : t('model.chart.calibration.caption', { gap: nf.format(gap * 100) })}
    >
      <BarChart
        height={CHART_HEIGHT}
        xAxis={[{ scaleType: 'band', data: bins.map((b) => `${Math.round(b.lo * 100)}–${Math.round(b.hi * 100)}`), label: t('model.chart.calibration.x'), height: 60 }]}
        yAxis={[{ min: 0, max: 1, valueFormatter: (v: number) => pct(v), width: 48, tickNumber: 5 }]}
        series={[
          { id: 'predicted', data: bins.map((b) => value(b.meanPredicted, b.n)), label: t('model.chart.series.predicted'), color: MODEL, valueFormatter: (v) => pct(v) },
          {
            id: 'observed',
            data: bins.map((b) => value(b.observed, b.n)),
            label: t('model.chart.series.observed'),
            color: OBSERVED,
            valueFormatter: (v, { dataIndex }) => (v === null ? t('model.chart.calibration.empty') : t('model.chart.calibration.tip', { pct: pct(v), n: bins[dataIndex]?.n ?? 0 })),
          },
        ]}
        margin={{ right: 24, top: 12 }}
      />
    </ChartPanel>
  );
}
