import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useLocale, useT, type PlainMessageKey } from '../../i18n';
import { CalibrationChart, ChartPanel, GainsChart, RocChart, usePercent } from './ModelCharts';
import { calibrationGap, comparedOf, holdoutOf, methodLabel, qualityOf, type ModelItem, type Quality } from './modelView';

const IMPORTANCE_SHOWN = 10;

const qualityTone: Record<Quality, { bg: string; fg: string; label: PlainMessageKey }> = {
  good: { bg: '#e3f3e6', fg: '#1b5e20', label: 'model.quality.good' },
  fair: { bg: '#fff4d6', fg: '#6b4a00', label: 'model.quality.fair' },
  weak: { bg: '#fde7e7', fg: '#8e1c1c', label: 'model.quality.weak' },
};

function Figure({ label, value, extra, explain, testId }: { label: string; value: string; extra?: ReactNode; explain: string; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, flex: 1, minWidth: 0 }} data-testid={testId}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="p" sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }} data-testid={`${testId}-value`}>
          {value}
        </Typography>
        {extra}
      </Stack>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {explain}
      </Typography>
    </Paper>
  );
}

/**
 * One version's holdout quality, in figures and in words a supervisor can weigh before activating it: AUC,
 * top-decile lift, ROC, gains, calibration, the methods it was chosen from, and what it looks at most.
 */
export function ModelDetail({ item, busy, onActivate }: { item: ModelItem; busy: boolean; onActivate(): void }) {
  const t = useT();
  const locale = useLocale();
  const pct = usePercent();
  const nf = new Intl.NumberFormat(locale);
  const lift = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const holdout = holdoutOf(item);
  const compared = comparedOf(item);
  const gap = calibrationGap(holdout.calibration);
  const auc = Number.isFinite(holdout.auc) ? holdout.auc : null;
  const quality = auc === null ? null : qualityTone[qualityOf(auc)];
  const topLift = Number.isFinite(holdout.topDecileLift) ? lift.format(holdout.topDecileLift) : '—';
  const maxImportance = Math.max(1e-9, ...item.importance.map((f) => f.importance));
  // A version trained before cross-validation has none: its table compares one validation split.
  const cv = item.cv;
  const auc2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const auc3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');

  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="model-detail" data-version={item.version}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h3">
          {t('model.detail.title', { version: item.version, method: methodLabel(item.method, t) })}
        </Typography>
        {item.active && <Chip size="small" color="success" label={t('model.active')} />}
        <Box sx={{ flex: 1 }} />
        {!item.active && (
          <Button variant="contained" onClick={onActivate} disabled={busy} data-testid="model-detail-activate">
            {t('model.activate.button', { version: item.version })}
          </Button>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" data-testid="model-holdout-note">
        {t('model.detail.holdout', { n: nf.format(holdout.n), positives: nf.format(holdout.positives), rows: nf.format(item.rows) })}
      </Typography>
      {cv && (
        <Typography variant="body2" data-testid="model-cv">
          {t('model.detail.cv', { auc: auc2.format(cv.auc.mean), sd: auc2.format(cv.auc.sd), folds: cv.folds })}
        </Typography>
      )}

      <Stack direction="row" spacing={2}>
        <Figure
          testId="model-auc"
          label={t('model.metric.auc')}
          value={auc === null ? '—' : auc.toFixed(3)}
          extra={quality && <Chip size="small" label={t(quality.label)} sx={{ bgcolor: quality.bg, color: quality.fg }} data-testid="model-quality" />}
          explain={auc === null ? t('model.chart.none') : t('model.metric.auc.explain', { auc: auc.toFixed(2), pct: pct(auc) })}
        />
        <Figure
          testId="model-lift"
          label={t('model.metric.lift')}
          value={topLift === '—' ? topLift : `${topLift}×`}
          explain={topLift === '—' ? t('model.chart.none') : t('model.metric.lift.explain', { lift: topLift })}
        />
      </Stack>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 2 }}>
        <RocChart holdout={holdout} />
        <GainsChart holdout={holdout} />
        <CalibrationChart holdout={holdout} gap={gap} />
      </Box>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 2, alignItems: 'start' }}>
        <ChartPanel testId="model-compared" title={t('model.compared.title')} caption={cv ? t('model.compared.caption.cv', { folds: cv.folds }) : t('model.compared.caption')}>
          <Table size="small" sx={{ mt: 0.5, '& td, & th': { px: 1, whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('model.compared.method')}</TableCell>
                <TableCell align="right">{t(cv ? 'model.compared.cv' : 'model.compared.validation')}</TableCell>
                <TableCell align="right">{t('model.compared.holdout')}</TableCell>
                <TableCell align="right">{t('model.compared.time')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {compared.map((c) => (
                <TableRow key={c.method} data-testid="model-compared-row" data-method={c.method} selected={c.method === item.method}>
                  <TableCell>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <span>{methodLabel(c.method, t)}</span>
                      {c.method === item.method && <Chip size="small" variant="outlined" color="primary" label={t('model.compared.chosen')} />}
                    </Stack>
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {auc3(c.validationAuc)}
                    {typeof c.validationAucSd === 'number' && Number.isFinite(c.validationAucSd) && ` ± ${c.validationAucSd.toFixed(3)}`}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {auc3(c.holdoutAuc)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {typeof c.trainMs === 'number' ? t('model.compared.seconds', { s: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(c.trainMs / 1000) }) : '—'}
                  </TableCell>
                </TableRow>
              ))}
              {compared.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                    {t('model.chart.none')}
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </ChartPanel>

        <ChartPanel testId="model-importance" title={t('model.importance.title')} caption={t('model.importance.caption')}>
          <Box component="ol" sx={{ m: 0, mt: 0.5, p: 0, listStyle: 'none', display: 'grid', gap: 0.5 }}>
            {item.importance.slice(0, IMPORTANCE_SHOWN).map((f) => (
              <Box
                component="li"
                key={f.feature}
                data-testid="model-feature"
                data-feature={f.feature}
                sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 14rem) minmax(0, 1fr) 3.5rem', gap: 1, alignItems: 'center' }}
              >
                <Typography variant="body2" noWrap title={locale === 'zh-CN' ? `${f.labelZh}（${f.label}）` : `${f.label} (${f.labelZh})`}>
                  {locale === 'zh-CN' ? f.labelZh : f.label}
                </Typography>
                <Box sx={{ height: 10, borderRadius: 1, bgcolor: 'action.hover', overflow: 'hidden' }} aria-hidden>
                  <Box sx={{ height: '100%', width: `${(f.importance / maxImportance) * 100}%`, bgcolor: 'primary.main', opacity: 0.75 }} />
                </Box>
                <Typography variant="body2" sx={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  {pct(f.importance)}
                </Typography>
              </Box>
            ))}
          </Box>
        </ChartPanel>
      </Box>
    </Box>
  );
}
