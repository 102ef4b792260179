import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { JobView } from '../../../core/api';
import { resultOf, type JobUpdate } from '../api/jobs';
import { useT } from '../i18n';
import type { ConfigPageKind } from './ConfigVersionsPanel';
import { ErrorAlert } from './ErrorAlert';
import { useJobRunner } from './useJobRunner';

/**
 * What a save dialog says, taken when it opens: the version it saves as, the version its preview compared with, the
 * changes. Saving makes the new version active before its recompute ends, and the page's own figures follow it — the
 * dialog read "save as version 3" with no change listed while version 2 was being saved, and the preview behind it
 * "the rules changed after the preview".
 */
/** The line of a save or make-active dialog that says what the change does to the settings ("改动：…"). */
export function ChangesLine({ text, testId }: { text: string; testId?: string }) {
  return (
    <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid={testId}>
      {text}
    </Typography>
  );
}

export interface SaveSnapshot<Change> {
  version: number;
  activeVersion: number;
  changes: readonly Change[];
}

/**
 * Confirmation before a configuration change that recomputes (saving a version, or making an earlier one active):
 * what the preview says it would do, then the recompute's progress, and its failure if it fails. `start` asks the
 * backend for the change and returns the recompute job; `onDone` gets the job's result.
 */
export function ConfigChangeDialog<J extends JobView>({
  kind: { testId },
  change,
  title,
  preview,
  progress,
  confirmLabel,
  confirmIcon,
  confirmDisabled,
  failedTitle,
  start,
  onClose,
  onDone,
  children,
}: {
  kind: ConfigPageKind;
  /** Names the dialog's test ids: <testId>-<change>-dialog, <testId>-<change>-confirm. */
  change: 'save' | 'activate';
  title: string;
  /** The preview's figures. */
  preview: ReactNode;
  /** The recompute's progress while it runs. */
  progress(update: JobUpdate | null): ReactNode;
  confirmLabel: string;
  confirmIcon?: ReactNode;
  confirmDisabled: boolean;
  failedTitle: string;
  /** The operations that change the configuration all answer with a recompute job. */
  start(): Promise<J>;
  onClose(): void;
  onDone(result: NonNullable<J['result']>): void;
  /** What is said above the preview's figures. */
  children: ReactNode;
}) {
  const t = useT();
  const recompute = useJobRunner();
  const [error, setError] = useState<unknown>(null);
  const working = recompute.running;
  const confirm = async () => {
    setError(null);
    try {
      const end = await recompute.run(start);
      if (end) onDone(resultOf(end));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog open onClose={working ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={`${testId}-${change}-title`} data-testid={`${testId}-${change}-dialog`}>
      <DialogTitle id={`${testId}-${change}-title`}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5}>
          {children}
          {preview}
          {working && progress(recompute.progress)}
          {error != null && <ErrorAlert title={failedTitle} error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={working}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" startIcon={confirmIcon} onClick={() => void confirm()} disabled={working || confirmDisabled} data-testid={`${testId}-${change}-confirm`}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
