import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { JobUpdate } from '../../api/jobs';
import { useLocale, useT, type PlainMessageKey } from '../../i18n';

/** Phases the model jobs report (reading/checking from the shared file check, then training stages or scoring). */
const phaseKeys: Record<string, PlainMessageKey> = {
  starting: 'model.phase.starting',
  reading: 'model.phase.reading',
  checking: 'model.phase.checking',
  'training:prepare': 'model.phase.prepare',
  'training:logistic': 'model.phase.logistic',
  'training:gbdt': 'model.phase.gbdt',
  'training:refit': 'model.phase.refit',
  'training:evaluate': 'model.phase.evaluate',
  // Before scoring, the customers' data packed again (a model over extra columns made active: docs/scoring-storage.md).
  packing: 'model.phase.packing',
  scoring: 'model.phase.scoring',
  // The recompute after a mass change: the open tasks given the priorities of their new figures.
  queue: 'model.phase.queue',
};

const phaseLabel = (phase: string | undefined, t: (k: PlainMessageKey) => string): string =>
  t(phase && phaseKeys[phase] ? phaseKeys[phase] : 'model.phase.working');

/** A job's phase, a bar (determinate once the job knows its total) and the counts, with an optional Cancel. */
export function JobProgressPanel({
  title,
  progress,
  onCancel,
  testId,
  unit = 'rows',
}: {
  title: string;
  progress: JobUpdate | null;
  onCancel?: () => void;
  testId: string;
  /** What `done`/`total` count: rows of a file or customers being rescored. */
  unit?: 'rows' | 'customers';
}) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const total = progress?.total ?? null;
  const pct = total && total > 0 ? Math.min(100, ((progress?.done ?? 0) / total) * 100) : null;
  // Training stages report percent of the whole training (0–100 of 100), not rows.
  const percentOnly = progress?.phase.startsWith('training:') ?? false;
  const detail =
    !progress || !total
      ? '\u00a0'
      : percentOnly
        ? t('model.progress.percent', { pct: Math.round(pct ?? 0) })
        : t(progress.phase === 'queue' ? 'model.progress.tasks' : unit === 'customers' ? 'model.progress.customers' : 'model.progress.rows', { done: nf.format(progress.done), total: nf.format(total) });
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid={testId} data-phase={progress?.phase ?? ''}>
      <Typography variant="subtitle1" component="p" role="status">
        {title}
        {progress && (
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            {phaseLabel(progress.phase, t)}
          </Typography>
        )}
      </Typography>
      {/* Keyed by the phase: a new phase's bar starts empty instead of sliding back from the last phase's value. */}
      <LinearProgress key={progress?.phase ?? ''} variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? undefined} aria-label={title} sx={{ height: 8, borderRadius: 4 }} />
      <Box sx={{ display: 'flex', alignItems: 'center', minHeight: 36 }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, fontVariantNumeric: 'tabular-nums' }}>
          {detail}
        </Typography>
        {onCancel && (
          <Button variant="outlined" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t('common.cancel')}
          </Button>
        )}
      </Box>
    </Box>
  );
}
