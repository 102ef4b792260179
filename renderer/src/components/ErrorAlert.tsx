import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import type { SxProps, Theme } from '@mui/material/styles';
import { describeError } from '../app/errors';
import { useT } from '../i18n';

/**
 * A failure in plain words (its key and parameters in the UI's language, app/errors.ts), under a title where the
 * form around it does not already say what failed. `message` stands in for the error's own description where a
 * page words it further.
 */
export function ErrorAlert({
  title,
  error,
  onRetry,
  testId,
  message,
  sx,
  severity = 'error',
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  testId?: string;
  message?: string;
  sx?: SxProps<Theme>;
  /** 'warning' for a refusal that is no fault (the hall's privacy pause). */
  severity?: 'error' | 'warning';
}) {
  const t = useT();
  return (
    <Alert
      severity={severity}
      data-testid={testId}
      sx={sx}
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    >
      {title !== undefined && <AlertTitle>{title}</AlertTitle>}
      {message ?? describeError(error, t)}
    </Alert>
  );
}
