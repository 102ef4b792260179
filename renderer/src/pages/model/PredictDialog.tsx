import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { jobError } from '../../api/jobs';
import { useState } from 'react';
import type { StagedFileView } from '../../../../core/api';
import { useApi } from '../../api/ApiContext';
import { pickFile, saveDownload } from '../../api/files';
import { describeError } from '../../app/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocale, useT } from '../../i18n';
import { importExtensions, passwordProblem } from '../lists/useImportFlow';
import { JobProgressPanel } from './JobProgressPanel';
import { inLocale, type PredictResult } from './modelView';
import { useJobRunner } from '../../components/useJobRunner';

/**
 * Score a workbook without importing it: the active model's probability and the rule level for every row,
 * written to a new workbook in the UI language for the central side.
 */
export function PredictDialog({ activeVersion, onClose }: { activeVersion: number | null; onClose(): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const job = useJobRunner();
  const [file, setFile] = useState<StagedFileView | null>(null);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [needsPassword, setNeedsPassword] = useState<'needs' | 'wrong' | null>(null);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<PredictResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const score = async (staged: StagedFileView, pass: string) => {
    setError(null);
    setNotice(null);
    setResult(null);
    setSaved(null);
    try {
      const done = await job.run(() => api.call('model-predict', { file: staged.token, locale, ...(pass && { password: pass }) }));
      if (!done) return;
      if (done.state === 'done') {
        setNeedsPassword(null);
        return setResult(done.result as PredictResult);
      }
      if (done.state === 'cancelled') return setNotice(t('model.predict.cancelled'));
      const e = jobError(done);
      const pw = passwordProblem(e);
      if (pw) return setNeedsPassword(pw === 'wrong' || pass !== '' ? 'wrong' : 'needs');
      setError(e);
    } catch (e) {
      setError(e);
    }
  };

  const choose = () => {
    void pickFile(api, {
      extensions: importExtensions,
      title: t('model.predict.title'),
      onChosen: ([name]) => {
        setChosenName(name ?? null);
        setUploading(true);
      },
    }).then(
      (staged) => {
        setUploading(false);
        if (!staged) return;
        setFile(staged);
        setPassword('');
        setNeedsPassword(null);
        void score(staged, '');
      },
      (e: unknown) => {
        setUploading(false);
        setError(e);
      },
    );
  };

  const download = async () => {
    if (!result) return;
    try {
      // The job names the download by token and name; its size is not needed to fetch or save it.
      if (await saveDownload(api, { ...result.download, size: 0 })) setSaved(result.download.name);
    } catch (e) {
      setError(e);
    }
  };

  const busy = uploading || job.running;
  const nf = new Intl.NumberFormat(locale);
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="model-predict-title" data-testid="model-predict-dialog">
      <DialogTitle id="model-predict-title">{t('model.predict.title')}</DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 2, alignContent: 'start', minHeight: 200 }}>
        <Typography variant="body2">{t('model.predict.intro')}</Typography>
        <Alert severity={activeVersion === null ? 'warning' : 'info'}>
          {activeVersion === null ? t('model.predict.noModel') : t('model.predict.withModel', { version: activeVersion })}
        </Alert>
        {busy ? (
          <JobProgressPanel
            title={t(uploading ? 'model.train.uploading' : 'model.predict.scoring', { name: chosenName ?? '' })}
            progress={job.progress}
            onCancel={job.running ? job.cancel : undefined}
            testId="model-predict-progress"
          />
        ) : needsPassword && file ? (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (password) void score(file, password);
            }}
            sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
          >
            <TextField
              type="password"
              size="small"
              label={t('import.password.label')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus
              autoComplete="off"
              error={needsPassword === 'wrong'}
              helperText={needsPassword === 'wrong' ? t('import.password.wrong') : t('import.password.body')}
              sx={{ flex: 1 }}
            />
            <Button type="submit" variant="contained" disabled={!password}>
              {t('import.password.submit')}
            </Button>
          </Box>
        ) : (
          <Box>
            <Button variant={result ? 'outlined' : 'contained'} startIcon={<UploadFileIcon />} onClick={choose} data-testid="model-predict-choose">
              {t(result ? 'model.predict.another' : 'model.predict.choose')}
            </Button>
          </Box>
        )}
        {result && (
          <Alert
            severity="success"
            data-testid="model-predict-result"
            action={
              <Button color="inherit" startIcon={<DownloadIcon />} onClick={() => void download()} data-testid="model-predict-download">
                {t('model.predict.download')}
              </Button>
            }
          >
            {t('model.predict.done', { rows: nf.format(result.rows), name: result.download.name })}
            {saved && (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {t('templates.saved', { name: saved })}
              </Typography>
            )}
          </Alert>
        )}
        {notice && <Alert severity="info">{notice}</Alert>}
        {error != null && <ErrorAlert title={t('model.predict.failed')} error={error} message={inLocale(describeError(error, t), locale)} testId="model-predict-error" />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
