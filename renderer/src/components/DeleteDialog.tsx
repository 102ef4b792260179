import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId } from 'react';
import { useT } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './useAction';

/**
 * "Delete this?": what goes and what stays, Cancel and a red confirm. `remove` does it; the dialog closes when it
 * succeeds and shows the error when it does not.
 */
export function DeleteDialog({
  title,
  body,
  confirm,
  testId,
  remove,
  onClose,
  width,
}: {
  title: string;
  body: string;
  confirm: string;
  /** The confirm button's test id. */
  testId: string;
  remove(): Promise<unknown>;
  onClose(): void;
  /** 'xs': a full-width narrow dialog; the default sizes to its text. */
  width?: 'xs';
}) {
  const t = useT();
  const titleId = useId();
  const { busy, error, run } = useAction();
  const go = () =>
    run(async () => {
      await remove();
      onClose();
    });
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} {...(width ? { fullWidth: true, maxWidth: width } : {})}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{body}</DialogContentText>
        {error != null && <ErrorAlert error={error} sx={{ mt: 2 }} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button color="error" variant="contained" onClick={() => void go()} disabled={busy} data-testid={testId}>
          {confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
