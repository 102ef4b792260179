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
import { jobError } from '../../api/jobs';
import { useState } from 'react';
import type { RowIssueView, StagedFileView, WorklistPreview } from '../../../../core/api';
import { formatMessage } from '../../../../core/i18n';
import { useApi } from '../../api/ApiContext';
import { pickFile, saveDownload } from '../../api/files';
import { describeError } from '../../app/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocale, useT } from '../../i18n';
import { importExtensions, passwordProblem } from '../lists/useImportFlow';
import { JobProgressPanel } from './JobProgressPanel';
import { inLocale, type TrainResult } from './modelView';
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
export function TrainDialog({ onClose, onTrained }: { onClose(): void; onTrained(result: TrainResult): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const job = useJobRunner();
  const template = useHistoryTemplate();
  const [stage, setStage] = useState<Stage>('pick');
  const [file, setFile] = useState<StagedFileView | null>(null);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const [preview, setPreview] = useState<WorklistPreview | null>(null);
  const [password, setPassword] = useState('');
  const [passwordDraft, setPasswordDraft] = useState('');
  const [passwordWrong, setPasswordWrong] = useState(false);
  const [failure, setFailure] = useState<{ title: 'model.train.failed' | 'model.train.readFailed' | 'model.template.failed'; error: unknown } | null>(null);
  const readFailed = (error: unknown) => setFailure({ title: 'model.train.readFailed', error });
  const [notice, setNotice] = useState<string | null>(null);

  /** Reads and checks the file (a preview job); `back` is where a failure or Cancel returns to. */
  const read = async (staged: StagedFileView, sheet: string | undefined, pass: string, back: Stage) => {
    setFailure(null);
    setNotice(null);
    setStage('reading');
    try {
      const done = await job.run(() =>
        api.call('worklist-import-preview', { file: staged.token, ...(sheet !== undefined && { sheet }), ...(pass && { password: pass }) }),
      );
      if (!done) return;
      if (done.state === 'done') {
        setPreview(done.result as WorklistPreview);
        setPasswordWrong(false);
        setStage('ready');
        return;
      }
      if (done.state === 'cancelled') {
        setNotice(t('model.train.readCancelled'));
        return setStage(back);
      }
      const e = jobError(done);
      const pw = passwordProblem(e);
      if (pw) {
        setPasswordWrong(pw === 'wrong' || pass !== '');
        setPasswordDraft('');
        return setStage('password');
      }
      readFailed(e);
      setStage(back);
    } catch (e) {
      readFailed(e);
      setStage(back);
    }
  };

  const choose = () => {
    // Runs in the click handler: browser mode's file input needs the user's gesture.
    void pickFile(api, {
      extensions: importExtensions,
      title: t('model.train.pickTitle'),
      onChosen: ([name]) => {
        setChosenName(name ?? null);
        setFailure(null);
        setNotice(null);
        setStage('uploading');
      },
    }).then(
      (staged) => {
        if (!staged) return setStage((s) => (s === 'uploading' ? (preview ? 'ready' : 'pick') : s));
        setFile(staged);
        setPreview(null);
        setPassword('');
        void read(staged, undefined, '', 'pick');
      },
      (e: unknown) => {
        readFailed(e);
        setStage('pick');
      },
    );
  };

  const train = async () => {
    if (!file || !preview) return;
    setFailure(null);
    setNotice(null);
    setStage('training');
    try {
      const done = await job.run(() => api.call('model-train', { file: file.token, sheet: preview.sheet, ...(password && { password }) }));
      if (!done) return;
      if (done.state === 'done') return onTrained(done.result as TrainResult);
      if (done.state === 'cancelled') setNotice(t('model.train.cancelled'));
      else setFailure({ title: 'model.train.failed', error: jobError(done) });
    } catch (e) {
      setFailure({ title: 'model.train.failed', error: e });
    }
    setStage('ready');
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
                    (name) => name && setNotice(t('templates.saved', { name })),
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
            title={t(stage === 'uploading' ? 'model.train.uploading' : 'model.train.reading', { name: chosenName ?? '' })}
            progress={job.progress}
            onCancel={stage === 'reading' ? job.cancel : undefined}
            testId="model-train-progress"
          />
        )}

        {stage === 'password' && (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!file || !passwordDraft) return;
              setPassword(passwordDraft);
              void read(file, undefined, passwordDraft, 'password');
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
              {chosenName}
            </Typography>
            <TextField
              type="password"
              label={t('import.password.label')}
              value={passwordDraft}
              onChange={(e) => setPasswordDraft(e.target.value)}
              autoFocus
              autoComplete="off"
              error={passwordWrong}
              helperText={passwordWrong ? t('import.password.wrong') : t('import.password.body')}
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
                  onChange={(e) => file && void read(file, e.target.value, password, 'ready')}
                  sx={{ minWidth: 200 }}
                  slotProps={{ htmlInput: { 'data-testid': 'model-train-sheet' } }}
                >
                  {preview.sheets.map((s) => (
                    <MenuItem key={s.name} value={s.name}>
                      {t('model.train.sheetOption', { name: s.name, rows: nf.format(s.rows) })}
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
            <JobProgressPanel title={t('model.train.training', { name: preview?.fileName ?? '' })} progress={job.progress} onCancel={job.cancel} testId="model-train-progress" />
            <Typography variant="body2" color="text.secondary">
              {t('model.train.wait', { rows: nf.format(preview?.check.valid ?? 0) })}
            </Typography>
          </>
        )}

        {notice && (
          <Alert severity="info" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {failure && <ErrorAlert title={t(failure.title)} error={failure.error} message={inLocale(describeError(failure.error, t), locale)} testId="model-train-error" />}
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
