import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useT } from '../../i18n';

/**
 * Asked before the outcome form is left with what the agent put in and has not saved (logForm.ts `holdsUnsaved`):
 * the next task (J), back to the queue, another number in the hall. Going back to the form is the default (Enter).
 */
export function UnsavedOutcomeDialog({ open, leaveLabel, onStay, onLeave }: { open: boolean; leaveLabel: string; onStay(): void; onLeave(): void }) {
  const t = useT();
  return (
    <Dialog open={open} onClose={onStay} aria-labelledby="unsaved-title" data-testid="unsaved-dialog">
      <DialogTitle id="unsaved-title">{t('queue.unsaved.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('queue.unsaved.text')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={onLeave} data-testid="unsaved-leave">
          {leaveLabel}
        </Button>
        <Button variant="contained" autoFocus onClick={onStay} data-testid="unsaved-stay">
          {t('queue.unsaved.stay')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
