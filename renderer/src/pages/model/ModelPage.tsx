import DescriptionIcon from '@mui/icons-material/Description';
import InsightsIcon from '@mui/icons-material/Insights';
import PsychologyIcon from '@mui/icons-material/Psychology';
import RuleIcon from '@mui/icons-material/Rule';
import ScienceIcon from '@mui/icons-material/Science';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { jobError, resultOf } from '../../api/jobs';
import { useState } from 'react';
import { useApiQuery, useApiSave } from '../../api/query';
import { useWorkspace } from '../../app/workspace';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ColumnHeads, type PageColumn } from '../../components/PageTable';
import { useFormat } from '../../format';
import { useLocale, useT } from '../../i18n';
import { JobProgressPanel } from './JobProgressPanel';
import { ModelDetail } from './ModelDetail';
import type { ModelTrainResult } from '../../../../core/api/ops/risk';
import { holdoutOf, methodLabel, type ModelItem } from './modelView';
import { DEMO_HISTORY_ROWS } from '../../../../core/demo/files';
import { PredictDialog } from './PredictDialog';
import { TrainDialog, useHistoryTemplate } from './TrainDialog';
import { useDemoFile } from '../../components/useDemoFile';
import { useJobRunner } from '../../components/useJobRunner';

const columns: PageColumn[] = [
  { id: 'version', label: 'model.col.version', width: 64 },
  { id: 'method', label: 'model.col.method', width: 120 },
  { id: 'trainedAt', label: 'model.col.trainedAt', width: 140 },
  { id: 'by', label: 'model.col.by', width: 84 },
  { id: 'source', label: 'model.col.source' },
  { id: 'rows', label: 'model.col.rows', align: 'right', width: 84 },
  { id: 'auc', label: 'model.col.auc', align: 'right', width: 72 },
  { id: 'lift', label: 'model.col.lift', align: 'right', width: 104 },
  { id: 'status', label: 'model.col.status', width: 96 },
  { id: 'actions', label: 'model.col.actions', width: 112 },
];

/**
 * The last thing that finished, shown in one place (a newer outcome replaces the older one, so a "trained, not
 * active yet" note never lingers beside "now active"): a training, or the recompute after a switch.
 */
type Outcome =
  | { kind: 'trained'; result: ModelTrainResult }
  | { kind: 'recomputed'; version: number | null; subscribers: number; scoresChanged: number };

export function ModelPage() {
  const t = useT();
  const apiSave = useApiSave();
  const locale = useLocale();
  const fmt = useFormat();
  const subscribers = useWorkspace().data?.counts.subscribers ?? null;
  const models = useApiQuery('model-list', {});
  const items: ModelItem[] | null = models.data?.items ?? null;
  const loading = models.isFetching;
  const loadError = models.error;
  // The version the supervisor picked; when it is not (or no longer) in the list: the active one, else the newest.
  const [picked, setSelected] = useState<number | null>(null);
  const selected = items?.some((m) => m.version === picked) ? picked : ((items?.find((m) => m.active) ?? items?.[0])?.version ?? null);
  const [dialog, setDialog] = useState<'train' | 'predict' | null>(null);
  // `undefined`: no confirmation open; `null`: confirming "rule score only".
  const [confirm, setConfirm] = useState<number | null | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [activating, setActivating] = useState<number | null | undefined>(undefined);
  const [activateError, setActivateError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const recompute = useJobRunner();
  const template = useHistoryTemplate();
  const demoHistory = useDemoFile('history');

  const activate = async (version: number | null) => {
    setConfirm(undefined);
    setActivateError(null);
    setOutcome(null);
    setActivating(version);
    try {
      const done = await recompute.run(async () => {
        const job = await apiSave('model-activate', { version });
        // The switch itself is immediate (the save stales the list); the recompute that follows only refreshes the stored scores.
        return job;
      });
      if (done?.state === 'done') {
        const r = resultOf(done);
        setOutcome({ kind: 'recomputed', version, subscribers: r.subscribers, scoresChanged: r.scoresChanged });
      } else if (done) setActivateError(jobError(done));
    } catch (e) {
      setActivateError(e);
    } finally {
      setActivating(undefined);
    }
  };

  const saved = (download: () => Promise<string | null>) => () =>
    void download().then(
      (name) => name && setMessage(t('templates.saved', { name })),
      (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
    );
  const downloadTemplate = saved(template);
  // Only the demo workspace offers one: its customers are generated, and so is the history to try the model with.
  const demoHistoryButton = demoHistory ? (
    <Tooltip title={t('model.demoHistory.hint', { rows: fmt.count(DEMO_HISTORY_ROWS) })}>
      <Button startIcon={<ScienceIcon />} onClick={saved(demoHistory)} data-testid="model-demo-history">
        {t('model.demoHistory')}
      </Button>
    </Tooltip>
  ) : null;

  const active = items?.find((m) => m.active) ?? null;
  const current = items?.find((m) => m.version === selected) ?? null;
  const nf = new Intl.NumberFormat(locale);
  const lift = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const switching = recompute.running;
  // Who trained it as the versions panels of the rule pages say it: id and name.
  const byText = (by: string | null, name: string | null) => (by === null ? t('model.by.cli') : [by, name].filter(Boolean).join(' '));

  return (
    <Box sx={{ p: 3, display: 'grid', gap: 2, alignContent: 'start' }} data-testid="model-page">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2">
          {t('model.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {items && items.length > 0 && demoHistoryButton}
        <Button startIcon={<DescriptionIcon />} onClick={downloadTemplate} data-testid="model-template">
          {t('model.template')}
        </Button>
        <Button startIcon={<InsightsIcon />} onClick={() => setDialog('predict')} data-testid="model-predict">
          {t('model.predict.button')}
        </Button>
        <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => setDialog('train')} data-testid="model-train">
          {t('model.train.button')}
        </Button>
      </Stack>

      {/* What scores customers right now: the one thing a supervisor must never have to guess. */}
      {items && (
        <Paper
          variant="outlined"
          sx={{ p: 2, display: 'flex', gap: 2, alignItems: 'center', borderLeft: 4, borderLeftColor: active ? 'success.main' : 'grey.500' }}
          data-testid="model-active"
          data-version={active?.version ?? ''}
        >
          <Box sx={{ color: active ? 'success.main' : 'text.secondary', display: 'flex' }} aria-hidden>
            {active ? <PsychologyIcon fontSize="large" /> : <RuleIcon fontSize="large" />}
          </Box>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }} data-testid="model-active-title">
              {active
                ? t('model.active.title', { version: active.version, method: methodLabel(active.method, t), auc: holdoutOf(active).auc.toFixed(3) })
                : t('model.ruleOnly.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {active
                ? t('model.active.body', { at: fmt.dateTime(active.trainedAt), by: byText(active.trainedBy, active.trainedByName), file: active.sourceFile ?? t('common.missing'), rows: nf.format(active.rows) })
                : t('model.ruleOnly.body')}
            </Typography>
          </Box>
          {active && (
            <Button variant="outlined" onClick={() => setConfirm(null)} disabled={switching} data-testid="model-rule-only">
              {t('model.ruleOnly.button')}
            </Button>
          )}
        </Paper>
      )}

      {switching && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <JobProgressPanel
            testId="model-recompute"
            unit="customers"
            title={activating === null ? t('model.recompute.ruleOnly') : t('model.recompute.model', { version: activating ?? '' })}
            progress={recompute.progress}
          />
        </Paper>
      )}
      {outcome?.kind === 'recomputed' && (
        <Alert severity="success" onClose={() => setOutcome(null)} data-testid="model-recomputed">
          {t(outcome.version === null ? 'model.recomputed.ruleOnly' : 'model.recomputed.model', {
            version: outcome.version ?? '',
            n: nf.format(outcome.subscribers),
            changed: nf.format(outcome.scoresChanged),
          })}
        </Alert>
      )}
      {outcome?.kind === 'trained' && (
        <Alert severity="success" onClose={() => setOutcome(null)} data-testid="model-trained">
          {t('model.trained', {
            version: outcome.result.version,
            method: methodLabel(outcome.result.method, t),
            rows: nf.format(outcome.result.rows),
            positives: nf.format(outcome.result.positives),
          })}
          {outcome.result.unlabelled > 0 && ` ${t('model.trained.unlabelled', { n: nf.format(outcome.result.unlabelled) })}`}
        </Alert>
      )}
      {activateError != null && <ErrorAlert title={t('model.activate.failed')} error={activateError} />}
      {loadError != null && <ErrorAlert title={t('model.error.load')} error={loadError} onRetry={() => void models.refetch()} />}
      {/* Only the first load shows a bar; a refresh after a switch is quick and keeps the figures in place. */}
      {loading && !items && <LinearProgress aria-label={t('common.loading')} />}

      {items && items.length === 0 && (
        <Paper variant="outlined">
          <EmptyState
            icon={<PsychologyIcon />}
            title={t('model.empty.title')}
            body={t('model.empty.body')}
            action={
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                {demoHistoryButton}
                <Button onClick={downloadTemplate} startIcon={<DescriptionIcon />}>
                  {t('model.template')}
                </Button>
                <Button variant="contained" onClick={() => setDialog('train')} startIcon={<UploadFileIcon />}>
                  {t('model.train.button')}
                </Button>
              </Stack>
            }
          />
        </Paper>
      )}

      {items && items.length > 0 && (
        <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
          <TableContainer sx={{ maxHeight: 260 }}>
            <Table stickyHeader size="small" aria-label={t('model.table.label')} sx={{ tableLayout: 'fixed', minWidth: 1000 }}>
              <ColumnHeads columns={columns} />
              <TableBody>
                {items.map((m) => {
                  const h = holdoutOf(m);
                  return (
                    <TableRow
                      key={m.version}
                      hover
                      selected={m.version === selected}
                      onClick={() => setSelected(m.version)}
                      sx={{ cursor: 'pointer' }}
                      aria-selected={m.version === selected}
                      data-testid="model-row"
                      data-version={m.version}
                      data-active={m.active}
                    >
                      <TableCell sx={{ px: 1.5, fontWeight: 600 }}>v{m.version}</TableCell>
                      <TableCell sx={{ px: 1.5 }}>{methodLabel(m.method, t)}</TableCell>
                      <TableCell sx={{ px: 1.5, whiteSpace: 'nowrap' }}>{fmt.dateTime(m.trainedAt)}</TableCell>
                      <TableCell sx={{ px: 1.5 }}>{byText(m.trainedBy, m.trainedByName)}</TableCell>
                      <TableCell sx={{ px: 1.5, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={m.sourceFile ?? undefined}>
                        {fmt.text(m.sourceFile)}
                      </TableCell>
                      <TableCell align="right" sx={{ px: 1.5, fontVariantNumeric: 'tabular-nums' }}>
                        {nf.format(m.rows)}
                      </TableCell>
                      <TableCell align="right" sx={{ px: 1.5, fontVariantNumeric: 'tabular-nums' }} data-testid="model-row-auc">
                        {Number.isFinite(h.auc) ? h.auc.toFixed(3) : t('common.missing')}
                      </TableCell>
                      <TableCell align="right" sx={{ px: 1.5, fontVariantNumeric: 'tabular-nums' }}>
                        {Number.isFinite(h.topDecileLift) ? `${lift.format(h.topDecileLift)}×` : t('common.missing')}
                      </TableCell>
                      <TableCell sx={{ px: 1.5 }}>
                        {m.active ? <Chip size="small" color="success" label={t('model.active')} data-testid="model-active-chip" /> : null}
                      </TableCell>
                      <TableCell sx={{ px: 1 }}>
                        {!m.active && (
                          <Button
                            size="small"
                            onClick={(e) => {
                              e.stopPropagation();
                              setConfirm(m.version);
                            }}
                            disabled={switching}
                            data-testid="model-row-activate"
                          >
                            {t('model.activate.short')}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}

      {current && <ModelDetail key={current.version} item={current} busy={switching} onActivate={() => setConfirm(current.version)} />}

      {confirm !== undefined && (
        <Dialog open onClose={() => setConfirm(undefined)} maxWidth="xs" fullWidth aria-labelledby="model-confirm-title" data-testid="model-confirm">
          <DialogTitle id="model-confirm-title">
            {confirm === null ? t('model.ruleOnly.confirmTitle') : t('model.activate.confirmTitle', { version: confirm })}
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              {confirm === null
                ? t('model.ruleOnly.confirmBody', { n: subscribers === null ? '…' : nf.format(subscribers) })
                : t('model.activate.confirmBody', { n: subscribers === null ? '…' : nf.format(subscribers) })}
            </DialogContentText>
            {confirm !== null && active && (
              <DialogContentText sx={{ mt: 1 }}>{t('model.activate.replaces', { version: active.version })}</DialogContentText>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirm(undefined)}>{t('common.cancel')}</Button>
            <Button variant="contained" onClick={() => void activate(confirm)} data-testid="model-confirm-ok">
              {confirm === null ? t('model.ruleOnly.button') : t('model.activate.short')}
            </Button>
          </DialogActions>
        </Dialog>
      )}

      {dialog === 'train' && (
        <TrainDialog
          onClose={() => setDialog(null)}
          onTrained={(r) => {
            setDialog(null);
            setOutcome({ kind: 'trained', result: r });
            setSelected(r.version);
          }}
        />
      )}
      {dialog === 'predict' && <PredictDialog activeVersion={active?.version ?? null} onClose={() => setDialog(null)} />}
      <Snackbar open={message !== null} autoHideDuration={4000} onClose={() => setMessage(null)} message={message ?? ''} />
    </Box>
  );
}
