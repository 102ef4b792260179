import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useT } from '../i18n';

/** Asked before a version or the defaults replace settings edited and not saved (unsavedWork.ts useReplaceGuard). */
export function ReplaceEditsDialog({ open, onCancel, onReplace }: { open: boolean; onCancel(): void; onReplace(): void }) {
  const t = useT();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="replace-edits-title" data-testid="replace-edits-dialog">
      <DialogTitle id="replace-edits-title">{t('config.replaceEdits.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('config.replaceEdits.text')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={onReplace} data-testid="replace-edits-confirm">
          {t('config.replaceEdits.replace')}
        </Button>
        <Button variant="contained" autoFocus onClick={onCancel} data-testid="replace-edits-cancel">
          {t('config.replaceEdits.cancel')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
