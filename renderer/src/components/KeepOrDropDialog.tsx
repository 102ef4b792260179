import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId } from 'react';

/**
 * "What you put in is not saved": a red button that drops it and goes on, and keeping it as the default (Enter, Esc, a
 * click outside). The outcome form's and the settings pages' questions (UnsavedOutcomeDialog, ReplaceEditsDialog).
 */
export function KeepOrDropDialog({
  open,
  title,
  text,
  dropLabel,
  keepLabel,
  onKeep,
  onDrop,
  restoreFocus = true,
  testIds,
  kind,
}: {
  open: boolean;
  title: string;
  text: string;
  dropLabel: string;
  keepLabel: string;
  onKeep(): void;
  onDrop(): void;
  /** False when keeping puts the focus somewhere itself. */
  restoreFocus?: boolean;
  testIds: { dialog: string; drop: string; keep: string };
  /** What is held, for the tests (data-kind). */
  kind?: string;
}) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onKeep} disableRestoreFocus={!restoreFocus} aria-labelledby={titleId} data-testid={testIds.dialog} data-kind={kind}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={onDrop} data-testid={testIds.drop}>
          {dropLabel}
        </Button>
        <Button variant="contained" autoFocus onClick={onKeep} data-testid={testIds.keep}>
          {keepLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
