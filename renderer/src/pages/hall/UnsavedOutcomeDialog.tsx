import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useCallback, useState } from 'react';
import { useT } from '../../i18n';

/**
 * Leaving an outcome form that holds what the agent put in: `leave(go)` goes at once when nothing is held, else
 * asks first (the dialog's props), and goes only on "leave without saving". `setUnsaved` is the form's
 * LogPanel `onUnsavedChange`.
 */
export function useUnsavedGuard() {
  const [unsaved, setUnsaved] = useState(false);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const leave = useCallback((go: () => void) => (unsaved ? setPending(() => go) : go()), [unsaved]);
  const dialog = {
    open: pending !== null,
    onStay: () => setPending(null),
    onLeave: () => {
      setPending(null);
      pending?.();
    },
  };
  return { setUnsaved, leave, asking: pending !== null, dialog };
}

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
