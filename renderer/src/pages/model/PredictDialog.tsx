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
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import { describeError } from '../../app/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocale, useT } from '../../i18n';
import { JobProgressPanel } from './JobProgressPanel';
import { inLocale } from './modelView';
import { useFileJobFlow } from '../../components/useFileJobFlow';

/**
 * Score a workbook without importing it: the active model's probability and the rule level for every row,
 * written to a new workbook in the UI language for the central side.
 */
export function PredictDialog({ activeVersion, onClose }: { activeVersion: number | null; onClose(): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const flow = useFileJobFlow({
    title: t('model.predict.title'),
    start: ([file], password) => api.call('model-predict', { file: file!.token, locale, ...(password && { password }) }),
  });
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // A new file clears it; it stays on screen while the file dialog is open.
  const result = flow.result;
  const error = downloadError ?? flow.error;

  const choose = () => {
    setPassword('');
    setSaved(null);
    setDownloadError(null);
    void flow.choose();
  };

  const download = async () => {
    if (!result) return;
    setDownloadError(null);
    try {
      // The job names the download by token and name; its size is not needed to fetch or save it.
      if (await saveDownload(api, { ...result.download, size: 0 })) setSaved(result.download.name);
    } catch (e) {
      setDownloadError(e);
    }
  };

  const busy = flow.busy;
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
            title={t(flow.step === 'running' ? 'model.predict.scoring' : 'model.train.uploading', { name: flow.chosen[0] ?? '' })}
            progress={flow.progress}
            onCancel={flow.step === 'running' ? flow.cancel : undefined}
            testId="model-predict-progress"
          />
        ) : flow.step === 'password' ? (
          <Box
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (password) flow.submitPassword(password);
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
              error={flow.passwordWrong}
              helperText={flow.passwordWrong ? t('import.password.wrong') : t('import.password.body')}
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
        {flow.step === 'cancelled' && <Alert severity="info">{t('model.predict.cancelled')}</Alert>}
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
