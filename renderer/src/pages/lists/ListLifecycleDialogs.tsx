import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { WorkListSummary } from '../../../../core/api';
import { useApiSave } from '../../api/query';
import { IsoDatePicker, PickersProvider } from '../../components/DatePickers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useFormat } from '../../format';
import { useLabels, useT } from '../../i18n';

/** Moves a list's due date: open tasks follow, a date already past expires them, a later one reopens expired ones. */
export function DueDateDialog({ list, onClose }: { list: WorkListSummary; onClose(): void }) {
  const t = useT();
  const labels = useLabels();
  const apiSave = useApiSave();
  const fmt = useFormat();
  const [dueDate, setDueDate] = useState<string | null>(list.dueDate);
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<{ tasksMoved: number; reopened: number; expired: number } | null>(null);
  const save = () => run(async () => setResult(await apiSave('worklist-set-due', { listId: list.id, dueDate })));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="due-title">
      <DialogTitle id="due-title">{t('listLife.due.title', { name: labels.listName(list.name) })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('listLife.due.current', { date: fmt.date(list.dueDate) })}
          </Typography>
          <PickersProvider>
            <IsoDatePicker label={t('listLife.due.new')} value={dueDate} onChange={setDueDate} helperText={t('listLife.due.hint')} testId="due-date" />
          </PickersProvider>
          {result && (
            <Alert severity="success" data-testid="due-result">
              {t('listLife.due.result', { moved: result.tasksMoved, reopened: result.reopened, expired: result.expired })}
            </Alert>
          )}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || result !== null || dueDate === list.dueDate} data-testid="due-save">
          {t('listLife.due.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Closes a list after saying what it does to its open tasks; irreversible, so it asks first. */
export function CloseListDialog({ list, onClose }: { list: WorkListSummary; onClose(): void }) {
  const t = useT();
  const labels = useLabels();
  const apiSave = useApiSave();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<{ closedTasks: number; keptOpen: number } | null>(null);
  const close = () => run(async () => setResult(await apiSave('worklist-close', { listId: list.id })));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="close-list-title">
      <DialogTitle id="close-list-title">{t('listLife.close.title', { name: labels.listName(list.name) })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {!result && (
            <Typography variant="body2">{t('listLife.close.body', { open: list.open })}</Typography>
          )}
          {result && (
            <Alert severity="success" data-testid="close-result">
              {t('listLife.close.result', { closed: result.closedTasks, kept: result.keptOpen })}
            </Alert>
          )}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{result ? t('common.close') : t('common.cancel')}</Button>
        {!result && (
          <Button variant="contained" color="error" onClick={() => void close()} disabled={busy} data-testid="close-list-confirm">
            {t('listLife.close.confirm')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
