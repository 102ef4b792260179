import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DescriptionIcon from '@mui/icons-material/Description';
import LockIcon from '@mui/icons-material/Lock';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { RowIssueView } from '../../../../core/api';
import { formatMessage } from '../../../../core/i18n';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import { jobOutcome } from '../../api/fileJobFlow';
import { describeError } from '../../app/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocale, useT, type TFunction } from '../../i18n';
import { JobProgressPanel } from './JobProgressPanel';
import type { ModelTrainResult } from '../../../../core/api/ops/risk';
import { inLocale } from './modelView';
import { useFileJobFlow } from '../../components/useFileJobFlow';
import { useJobRunner } from '../../components/useJobRunner';

type Stage = 'pick' | 'uploading' | 'reading' | 'password' | 'ready' | 'training';

/** Issues shown in the dialog; a history file with many bad rows is better fixed at the source than read here. */
const ISSUES_SHOWN = 5;

/** Blank history workbook (work-list columns plus 是否离网 / 离网日期) with its notes sheet. */
export function useHistoryTemplate() {
  const api = useApi();
  const locale = useLocale();
  return async (): Promise<string | null> => {
    const staged = await api.call('template-export', { kind: 'history', locale });
    return (await saveDownload(api, staged)) ? staged.name : null;
  };
}

/**
 * Train from a history file: choose it (and its password), let the same check the import uses read it — which
 * sheet, whether the churned column is there, which rows cannot be read — then train on the machine with
 * progress and Cancel. The new version is stored inactive; the page selects it so its figures are in view.
 */
export function TrainDialog({ onClose, onTrained }: { onClose(): void; onTrained(result: ModelTrainResult): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  // Reading the file is the shared flow (pick, password, a preview job); training is a second job on the same file.
  const read = useFileJobFlow({
    title: t('model.train.pickTitle'),
    start: ([file], password) => api.call('worklist-import-preview', { file: file!.token, ...(password && { password }) }),
  });
  const training = useJobRunner();
  const template = useHistoryTemplate();
  const [passwordDraft, setPasswordDraft] = useState('');
  const [failure, setFailure] = useState<{ title: 'model.train.failed' | 'model.template.failed'; error: unknown } | null>(null);
  // Worded at render (a language switched afterwards words it too).
  const [notice, setNotice] = useState<((tr: TFunction) => string) | null>(null);
  const preview = read.result;
  const stage: Stage = training.running
    ? 'training'
    : read.step === 'uploading'
      ? 'uploading'
      : read.step === 'running'
        ? 'reading'
        : read.step === 'password'
          ? 'password'
          : preview
            ? 'ready'
            : 'pick';
  const shownFailure = failure ?? (read.error != null ? { title: 'model.train.readFailed' as const, error: read.error } : null);
  const readNotice = read.step === 'cancelled' ? t('model.train.readCancelled') : null;

  const choose = () => {
    // Runs in the click handler: browser mode's file input needs the user's gesture.
    setFailure(null);
    setNotice(null);
    void read.choose();
  };

  /** Reads another sheet of the same file; a failure or Cancel leaves the sheet read before on screen. */
  const readSheet = (sheet: string) => {
    setFailure(null);
    setNotice(null);
    void read.run(read.password, ([file], password) => api.call('worklist-import-preview', { file: file!.token, sheet, ...(password && { password }) }));
  };

  const train = async () => {
    const file = read.files[0];
    if (!file || !preview) return;
    setFailure(null);
    setNotice(null);
    const password = read.password;
    try {
      const done = await training.run(() => api.call('model-train', { file: file.token, sheet: preview.sheet, ...(password && { password }) }));
      if (!done) return;
      const outcome = jobOutcome(done, password !== '');
      if (outcome.kind === 'done') return onTrained(outcome.result);
      if (outcome.kind === 'cancelled') setNotice(() => (tr: TFunction) => tr('model.train.cancelled'));
      else setFailure({ title: 'model.train.failed', error: outcome.error });
    } catch (e) {
      setFailure({ title: 'model.train.failed', error: e });
    }
  };

  const busy = stage === 'uploading' || stage === 'reading' || stage === 'training';
  const labelColumn = preview?.columns.find((c) => c.target.kind === 'field' && c.target.field === 'churned') ?? null;
  // Rows the check rejects, then cells of the label it could not read: both shrink what training sees.
  const issues: RowIssueView[] = preview
    ? [...preview.check.issues.filter((i) => i.severity === 'error'), ...preview.check.issues.filter((i) => i.severity !== 'error' && i.field === 'churned')]
    : [];
  const nf = new Intl.NumberFormat(locale);

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="model-train-title" data-testid="model-train-dialog">
      <DialogTitle id="model-train-title">{t('model.train.title')}</DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 2, minHeight: 300, alignContent: 'start' }}>
        {stage === 'pick' && (
          <>
            <Typography variant="body2">{t('model.train.intro')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('model.train.needs')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
              <Button variant="contained" startIcon={<UploadFileIcon />} onClick={choose} autoFocus data-testid="model-train-choose">
                {t('model.train.choose')}
              </Button>
              <Button
                startIcon={<DescriptionIcon />}
                onClick={() =>
                  void template().then(
                    (name) => name && setNotice(() => (tr: TFunction) => tr('templates.saved', { name })),
                    (error: unknown) => setFailure({ title: 'model.template.failed', error }),
                  )
                }
                data-testid="model-train-template"
              >
                {t('model.template')}
              </Button>
            </Box>
          </>
        )}

        {(stage === 'uploading' || stage === 'reading') && (
          <JobProgressPanel
            title={t(stage === 'uploading' ? 'model.train.uploading' : 'model.train.reading', { name: read.chosen[0] ?? '' })}
            progress={read.progress}
            onCancel={stage === 'reading' ? read.cancel : undefined}
            testId="model-train-progress"
          />
        )}

        {stage === 'password' && (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!passwordDraft) return;
              read.submitPassword(passwordDraft);
              setPasswordDraft('');
            }}
            sx={{ display: 'grid', gap: 2 }}
          >
            <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
              <LockIcon color="primary" aria-hidden />
              <Typography variant="subtitle1" component="h3">
                {t('import.password.title')}
              </Typography>
            </Box>
            <Typography variant="body2" color="text.secondary">
              {read.chosen[0]}
            </Typography>
            <TextField
              type="password"
              label={t('import.password.label')}
              value={passwordDraft}
              onChange={(e) => setPasswordDraft(e.target.value)}
              autoFocus
              autoComplete="off"
              error={read.passwordWrong}
              helperText={read.passwordWrong ? t('import.password.wrong') : t('import.password.body')}
              slotProps={{ htmlInput: { 'data-testid': 'model-train-password' } }}
            />
            <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
              <Button onClick={choose}>{t('import.pick.another')}</Button>
              <Button type="submit" variant="contained" disabled={!passwordDraft}>
                {t('import.password.submit')}
              </Button>
            </Box>
          </Box>
        )}

        {stage === 'ready' && preview && (
          <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="model-train-ready">
            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600, minWidth: 0, overflowWrap: 'anywhere' }} data-testid="model-train-file">
                {preview.fileName}
              </Typography>
              {preview.sheets.length > 1 && (
                <TextField
                  select
                  size="small"
                  label={t('model.train.sheet')}
                  value={preview.sheet}
                  onChange={(e) => readSheet(e.target.value)}
                  sx={{ minWidth: 200 }}
                  slotProps={{ htmlInput: { 'data-testid': 'model-train-sheet' } }}
                >
                  {preview.sheets.map((s) => (
                    <MenuItem key={s.name} value={s.name}>
                      {s.rows === null ? s.name : t('model.train.sheetOption', { name: s.name, rows: nf.format(s.rows) })}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <Box sx={{ flex: 1 }} />
              <Button onClick={choose}>{t('import.pick.another')}</Button>
            </Box>
            <Typography variant="body2" data-testid="model-train-rows" data-value={preview.check.valid}>
              {t('model.train.rows', { valid: nf.format(preview.check.valid) })}
            </Typography>
            {labelColumn ? (
              <Alert severity="success" icon={<CheckCircleIcon />} data-testid="model-train-label" data-found="true">
                {t('model.train.labelFound', { letter: labelColumn.letter, header: labelColumn.header })}
              </Alert>
            ) : (
              <Alert severity="error" data-testid="model-train-label" data-found="false">
                {t('model.train.labelMissing')}
              </Alert>
            )}
            {issues.length > 0 && (
              <Alert severity="warning" data-testid="model-train-issues">
                <AlertTitle>
                  {preview.check.rejected > 0 ? t('model.train.rejected', { rejected: nf.format(preview.check.rejected) }) : t('model.train.unreadableLabels')}
                </AlertTitle>
                <Table size="small" sx={{ '& td, & th': { px: 1, py: 0.25, borderColor: 'transparent' } }}>
                  <TableHead>
                    <TableRow>
                      <TableCell sx={{ width: 64 }}>{t('model.train.issue.row')}</TableCell>
                      <TableCell sx={{ width: 160 }}>{t('model.train.issue.column')}</TableCell>
                      <TableCell>{t('model.train.issue.problem')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {issues.slice(0, ISSUES_SHOWN).map((i, n) => (
                      <TableRow key={n} data-testid="model-train-issue" data-row={i.row} data-code={i.code}>
                        <TableCell>{i.row}</TableCell>
                        <TableCell>
                          {i.columnLetter} {i.column}
                        </TableCell>
                        <TableCell>{formatMessage(locale, i.code, i.params)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Alert>
            )}
            <Typography variant="body2" color="text.secondary">
              {t('model.train.how')}
            </Typography>
          </Box>
        )}

        {stage === 'training' && (
          <>
            <JobProgressPanel title={t('model.train.training', { name: preview?.fileName ?? '' })} progress={training.progress} onCancel={training.cancel} testId="model-train-progress" />
            <Typography variant="body2" color="text.secondary">
              {t('model.train.wait', { rows: nf.format(preview?.check.valid ?? 0) })}
            </Typography>
          </>
        )}

        {(notice ?? readNotice) && (
          <Alert severity="info" onClose={notice ? () => setNotice(null) : undefined}>
            {notice ? notice(t) : readNotice}
          </Alert>
        )}
        {shownFailure && (
          <ErrorAlert title={t(shownFailure.title)} error={shownFailure.error} message={inLocale(describeError(shownFailure.error, t), locale)} testId="model-train-error" />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.close')}
        </Button>
        {(stage === 'ready' || stage === 'training') && (
          <Button variant="contained" onClick={() => void train()} disabled={busy || !labelColumn} data-testid="model-train-submit">
            {t('model.train.submit')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
