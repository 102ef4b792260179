import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useCallback, useEffect, useState } from 'react';
import { create } from 'zustand';
import { useT } from '../../i18n';

/**
 * Whether the outcome form on screen holds what the agent put in and has not saved (one form is on screen at a time):
 * the page that shows it and the navigation menu both ask before leaving it.
 */
const useOutcomeHeld = create<{ held: boolean }>(() => ({ held: false }));

/** Kept by the outcome form (LogPanel): whether it holds anything unsaved now; nothing once it is gone. */
export function useHoldsOutcome(held: boolean): void {
  useEffect(() => useOutcomeHeld.setState({ held }), [held]);
  useEffect(() => () => useOutcomeHeld.setState({ held: false }), []);
}

/**
 * Leaving the outcome form on screen: `leave(go)` goes at once when it holds nothing unsaved, else asks first (the
 * dialog's props), and goes only on "leave without saving".
 */
export function useUnsavedGuard() {
  const unsaved = useOutcomeHeld((s) => s.held);
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
  return { unsaved, leave, asking: pending !== null, dialog };
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
