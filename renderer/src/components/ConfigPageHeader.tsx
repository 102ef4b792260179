import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import SaveIcon from '@mui/icons-material/Save';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../i18n';
import type { ConfigPageKind } from './ConfigVersionsPanel';
import { useHoldsUnsaved, useReplaceGuard } from './unsavedWork';
import { ReplaceEditsDialog } from './ReplaceEditsDialog';

/**
 * The header bar of a versioned-configuration page (risk rules, contact policy): title, the active version, discard /
 * defaults / preview / save, how the form stands against the active version, and the last notice. It stays in view
 * while the long form scrolls, so the notice is seen however far the form was scrolled.
 */
export function ConfigPageHeader({
  kind: { ns, testId },
  activeVersion,
  busy,
  edited,
  valid,
  changes,
  errors,
  resetDefaultsHint,
  notice,
  onDiscard,
  onResetDefaults,
  onPreview,
  onSave,
  onCloseNotice,
}: {
  kind: ConfigPageKind;
  activeVersion: number;
  busy: boolean;
  /** Whether any field differs from the active version as typed (discard is then possible). */
  edited: boolean;
  /** Whether the form reads as a configuration (preview and save need one). */
  valid: boolean;
  /** How many settings differ from the active version. */
  changes: number;
  /** How many fields need fixing. */
  errors: number;
  resetDefaultsHint?: string;
  notice: { severity: 'success' | 'info'; text: string } | null;
  onDiscard(): void;
  onResetDefaults(): void;
  onPreview(): void;
  onSave(): void;
  onCloseNotice(): void;
}) {
  const t = useT();
  // Edited settings are asked about before the menu leaves the page (they were dropped without a word).
  useHoldsUnsaved('settings', edited);
  const { replace, dialog } = useReplaceGuard();
  return (
    <Box sx={{ px: 3, pt: 2, pb: 1.5, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2">
          {t(`${ns}.title`)}
        </Typography>
        <Chip size="small" color="primary" variant="outlined" label={t(`${ns}.activeVersion`, { version: activeVersion })} data-testid={`${testId}-active-version`} />
        <Box sx={{ flex: 1 }} />
        <Button onClick={onDiscard} disabled={busy || !edited} data-testid={`${testId}-discard`}>
          {t(`${ns}.discard`)}
        </Button>
        <ReplaceEditsDialog {...dialog} />
        <Button onClick={() => replace(onResetDefaults)} disabled={busy} title={resetDefaultsHint} data-testid={`${testId}-reset-defaults`}>
          {t(`${ns}.resetDefaults`)}
        </Button>
        <Button variant="outlined" startIcon={<PlayArrowIcon />} onClick={onPreview} disabled={busy || !valid} data-testid={`${testId}-preview`}>
          {t(`${ns}.preview`)}
        </Button>
        <Button
          variant="contained"
          startIcon={<SaveIcon />}
          onClick={onSave}
          disabled={busy || !valid || changes === 0}
          title={!valid ? t(`${ns}.fixFirst`) : changes === 0 ? t(`${ns}.nothingToSave`) : undefined}
          data-testid={`${testId}-save`}
        >
          {t(`${ns}.save`)}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {t(`${ns}.intro`)}
      </Typography>
      <Typography
        variant="body2"
        sx={{ mt: 0.5, fontWeight: 600, color: errors > 0 ? 'error.main' : changes > 0 ? '#8a5a00' : 'text.secondary' }}
        data-testid={`${testId}-status`}
        role="status"
      >
        {errors > 0 ? t(`${ns}.err.summary`, { count: errors }) : changes > 0 ? t(`${ns}.changedCount`, { count: changes }) : t(`${ns}.unchanged`)}
      </Typography>
      {notice && (
        <Alert severity={notice.severity} onClose={onCloseNotice} sx={{ mt: 1, py: 0 }} data-testid={`${testId}-notice`}>
          {notice.text}
        </Alert>
      )}
    </Box>
  );
}
