import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import DownloadIcon from '@mui/icons-material/Download';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import { useFileJobFlow } from '../../components/useFileJobFlow';
import { IsoDatePicker, PickersProvider } from '../../components/DatePickers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RowIssuesTable } from '../../components/ImportReport';
import { useLocale, useT } from '../../i18n';

const ISO = 'YYYY-MM-DD';

/** An agent's outcome workbook for a period (docs/product.md §7.1), optionally password-protected (§7.3). */
export function ExportOutcomesDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  // The working week so far by default: Monday to today.
  const [from, setFrom] = useState<string | null>(dayjs().subtract((dayjs().day() + 6) % 7, 'day').format(ISO));
  const [to, setTo] = useState<string | null>(dayjs().format(ISO));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const badRange = from !== null && to !== null && from > to;

  const submit = () => {
    if (!from || !to || badRange) return;
    setBusy(true);
    setError(null);
    setDone(null);
    api
      .call('outcome-export', { from, to, locale, ...(password && { password }) })
      .then(async (staged) => {
        if (await saveDownload(api, staged)) setDone(staged.name);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <PickersProvider>
      <Dialog open onClose={() => !busy && onClose()} aria-labelledby="export-outcomes-title" maxWidth="sm" fullWidth data-testid="export-outcomes-dialog">
        <DialogTitle id="export-outcomes-title">{t('outcomes.export.title')}</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {t('outcomes.export.body')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, pt: 1 }}>
            <IsoDatePicker label={t('outcomes.export.from')} value={from} onChange={setFrom} testId="export-from" />
            <IsoDatePicker
              label={t('outcomes.export.to')}
              value={to}
              onChange={setTo}
              testId="export-to"
              helperText={badRange ? <Box component="span" sx={{ color: 'error.main' }}>{t('outcomes.export.range')}</Box> : undefined}
            />
          </Box>
          <TextField
            size="small"
            type="password"
            autoComplete="new-password"
            label={t('outcomes.export.password')}
            helperText={t('outcomes.export.passwordHint')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {busy && <LinearProgress aria-label={t('common.loading')} />}
          {done && <Alert severity="success">{t('outcomes.export.done', { name: done })}</Alert>}
          {error != null && <ErrorAlert title={t('outcomes.export.failed')} error={error} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('common.close')}
          </Button>
          <Button variant="contained" startIcon={<DownloadIcon />} onClick={submit} disabled={busy || !from || !to || badRange}>
            {t('outcomes.export.submit')}
          </Button>
        </DialogActions>
      </Dialog>
    </PickersProvider>
  );
}

/** A supervisor merges agents' outcome files: a set union on attempt ids, so nothing is lost or doubled. */
export function MergeOutcomesDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const [password, setPassword] = useState('');
  // Several files, then one job; the password is asked up front, so a protected file is a failure naming it.
  const flow = useFileJobFlow({
    multiple: true,
    asksPassword: false,
    start: (files, pass) =>
      api.call('outcome-merge', {
        files: files.map((f) => f.token),
        ...(pass && { passwords: Object.fromEntries(files.map((f) => [f.token, pass])) }),
      }),
  });
  const { files, progress, error } = flow;
  const running = flow.step === 'running';
  const adding = flow.step === 'uploading';
  const result = flow.step === 'done' ? flow.result : null;
  const rejectedRows = result ? result.files.reduce((n, f) => n + f.rejectedRows, 0) : 0;
  const add = () => void flow.choose();
  const merge = () => void flow.run(password);
  const cancel = flow.cancel;
  const pct = progress?.total ? Math.min(100, (progress.done / progress.total) * 100) : null;

  return (
    <Dialog open onClose={() => !running && onClose()} aria-labelledby="merge-outcomes-title" maxWidth="md" fullWidth data-testid="merge-outcomes-dialog">
      <DialogTitle id="merge-outcomes-title">{t('outcomes.merge.title')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {t('outcomes.merge.body')}
        </Typography>
        {!result && (
          <>
            <List dense sx={{ border: 1, borderColor: 'divider', borderRadius: 1, py: 0, minHeight: 48 }}>
              {files.map((f) => (
                <ListItem
                  key={f.token}
                  secondaryAction={
                    <IconButton edge="end" aria-label={t('outcomes.merge.remove', { name: f.name })} onClick={() => flow.remove(f.token)} disabled={running}>
                      <DeleteOutlineIcon />
                    </IconButton>
                  }
                >
                  <ListItemText primary={f.name} secondary={`${nf.format(Math.ceil(f.size / 1024))} KB`} />
                </ListItem>
              ))}
            </List>
            <Box>
              <Button startIcon={<NoteAddIcon />} onClick={add} disabled={running || adding}>
                {t('outcomes.merge.add')}
              </Button>
            </Box>
            <TextField size="small" type="password" autoComplete="off" label={t('outcomes.merge.password')} value={password} onChange={(e) => setPassword(e.target.value)} />
          </>
        )}
        {(running || adding) && (
          <Box>
            <Typography variant="body2" role="status">
              {t('outcomes.merge.running')}
            </Typography>
            <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? undefined} aria-label={t('import.progress.label')} />
          </Box>
        )}
        {error != null && <ErrorAlert title={t('outcomes.merge.failed')} error={error} />}
        {result && (
          <>
            {/* Rows refused make the summary a warning and say so in it: a green "finished" hid them in the table below. */}
            <Alert severity={rejectedRows > 0 ? 'warning' : 'success'} data-testid="merge-summary" data-severity={rejectedRows > 0 ? 'warning' : 'success'}>
              <AlertTitle>{t('outcomes.merge.done')}</AlertTitle>
              {t('outcomes.merge.total', { attempts: nf.format(result.attemptsNew), feedback: nf.format(result.feedbackNew), tasks: nf.format(result.tasksRecomputed) })}
              {rejectedRows > 0 && <Box data-testid="merge-rejected">{t('outcomes.merge.rejected', { count: rejectedRows })}</Box>}
              {result.liftsNew > 0 && <Box data-testid="merge-lifts">{t('outcomes.merge.lifts', { count: result.liftsNew })}</Box>}
              {result.liftsSuperseded > 0 && <Box data-testid="merge-lifts-superseded">{t('outcomes.merge.liftsSuperseded', { count: result.liftsSuperseded })}</Box>}
              {result.liftsRefused > 0 && <Box data-testid="merge-lifts-refused">{t('outcomes.merge.liftsRefused', { count: result.liftsRefused })}</Box>}
            </Alert>
            <Table size="small" aria-label={t('outcomes.merge.table')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('outcomes.merge.col.file')}</TableCell>
                  <TableCell align="right">{t('outcomes.merge.col.attemptsRead')}</TableCell>
                  <TableCell align="right">{t('outcomes.merge.col.attemptsNew')}</TableCell>
                  <TableCell align="right">{t('outcomes.merge.col.attemptsPresent')}</TableCell>
                  <TableCell align="right">{t('outcomes.merge.col.withoutTask')}</TableCell>
                  <TableCell align="right">{t('outcomes.merge.col.feedbackNew')}</TableCell>
                  <TableCell align="right">{t('outcomes.merge.col.rejected')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.files.map((f, i) => (
                  <TableRow key={i} data-testid="merge-file-row">
                    <TableCell sx={{ wordBreak: 'break-all' }}>{f.fileName}</TableCell>
                    <TableCell align="right">{nf.format(f.attemptsRead)}</TableCell>
                    <TableCell align="right">{nf.format(f.attemptsNew)}</TableCell>
                    <TableCell align="right">{nf.format(f.attemptsPresent)}</TableCell>
                    <TableCell align="right">{nf.format(f.attemptsWithoutTask)}</TableCell>
                    <TableCell align="right">{nf.format(f.feedbackNew)}</TableCell>
                    <TableCell align="right" sx={{ color: f.rejectedRows > 0 ? 'error.dark' : undefined }}>
                      {nf.format(f.rejectedRows)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {/* What was wrong with which row: a rejected row, or a value left empty, is no use as a bare count. */}
            {result.files
              .filter((f) => f.issues.length > 0)
              .map((f, i) => (
                <Box key={i} data-testid="merge-file-issues" sx={{ mt: 2 }}>
                  <Typography variant="subtitle2" sx={{ mb: 0.5, wordBreak: 'break-all' }}>
                    {t(f.issueCount > f.issues.length ? 'outcomes.merge.issuesFirst' : 'outcomes.merge.issues', { file: f.fileName, count: f.issueCount, shown: f.issues.length })}
                  </Typography>
                  <RowIssuesTable
                    maxHeight={220}
                    issues={f.issues.map((issue) => {
                      // The sheet first: an outcome file has several, and a row number alone does not say which.
                      const sheet = issue.params.sheet;
                      if (typeof sheet !== 'string') return issue;
                      const where = issue.columnLetter ? t('import.issues.column', { letter: issue.columnLetter, header: issue.column }) : issue.column;
                      return { ...issue, columnLetter: '', column: where ? `${sheet} · ${where}` : sheet };
                    })}
                  />
                </Box>
              ))}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {running ? (
          <Button onClick={cancel}>{t('common.cancel')}</Button>
        ) : (
          <Button onClick={onClose}>{t('common.close')}</Button>
        )}
        {!result && (
          <Button variant="contained" onClick={merge} disabled={running || adding || files.length === 0}>
            {t('outcomes.merge.submit', { count: nf.format(files.length) })}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
