import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useT } from '../../i18n';

/**
 * A supervisor lifts a customer's request not to be contacted (docs/product.md §6 "要求勿扰"): the customer consents
 * again, or an agent logged it by mistake. The why is required — it is what the audit log keeps beside the masked number.
 */
export function LiftRefusalDialog({ customerRef, onClose }: { customerRef: string; onClose(): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const lift = () =>
    run(async () => {
      await apiSave('contact-refusal-lift', { ref: customerRef, reason: reason.trim() });
      onClose();
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="lift-refusal-title" data-testid="lift-refusal-dialog">
      <DialogTitle id="lift-refusal-title">{t('liftRefusal.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2">{t('liftRefusal.body')}</Typography>
          <TextField
            label={t('liftRefusal.reason')}
            helperText={t('liftRefusal.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
            slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'lift-refusal-reason' } }}
          />
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color="warning" onClick={() => void lift()} disabled={busy || !reason.trim()} data-testid="lift-refusal-save">
          {t('liftRefusal.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
