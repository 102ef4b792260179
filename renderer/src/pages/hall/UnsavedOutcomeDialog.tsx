import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useHoldsUnsaved, type UnsavedKind } from '../../components/unsavedWork';
import { useT } from '../../i18n';

/** Kept by the outcome form (LogPanel): whether it holds anything unsaved now; nothing once it is gone. */
export function useHoldsOutcome(held: boolean): void {
  useHoldsUnsaved('outcome', held);
}

/**
 * Asked before the outcome form is left with what the agent put in and has not saved (logForm.ts `holdsUnsaved`):
 * the next task (J), back to the queue, another number in the hall. Going back to the form is the default (Enter).
 */
export function UnsavedOutcomeDialog({
  open,
  kind = 'outcome',
  leaveLabel,
  onStay,
  onLeave,
  restoreFocus = true,
}: {
  open: boolean;
  /** False when staying puts the focus somewhere itself (the hall: back on the outcome form, not the number box). */
  restoreFocus?: boolean;
  /** What is held: an outcome, or edited settings (the menu leaving a configuration page). */
  kind?: UnsavedKind;
  leaveLabel: string;
  onStay(): void;
  onLeave(): void;
}) {
  const t = useT();
  return (
    <Dialog open={open} onClose={onStay} disableRestoreFocus={!restoreFocus} aria-labelledby="unsaved-title" data-testid="unsaved-dialog" data-kind={kind}>
      <DialogTitle id="unsaved-title">{t(kind === 'settings' ? 'shell.unsavedSettings.title' : 'queue.unsaved.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t(kind === 'settings' ? 'shell.unsavedSettings.text' : 'queue.unsaved.text')}</DialogContentText>
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
