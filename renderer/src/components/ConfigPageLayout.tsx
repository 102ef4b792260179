import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import type { ConfigPageKind } from './ConfigVersionsPanel';
import { ErrorAlert } from './ErrorAlert';

/** A versioned-configuration page before its active version is read: reading, or why it could not be read. */
export function ConfigPageLoading({ kind: { ns }, error, onRetry }: { kind: ConfigPageKind; error: unknown; onRetry(): void }) {
  const t = useT();
  if (error != null) {
    return (
      <Box sx={{ p: 3 }}>
        <ErrorAlert title={t(`${ns}.loadFailed`)} error={error} onRetry={onRetry} />
      </Box>
    );
  }
  return (
    <Box sx={{ p: 3 }} role="status">
      <Typography color="text.secondary">{t(`${ns}.loading`)}</Typography>
      <LinearProgress sx={{ mt: 1, maxWidth: 320 }} />
    </Box>
  );
}

/**
 * Below a configuration page's header: the form, which scrolls, and beside it the preview and the saved versions.
 * The preview section says what to do while there is no preview yet (`previewEmpty`).
 */
export function ConfigPageBody({
  kind: { ns, testId },
  sideWidth,
  form,
  previewTitleExtra,
  previewEmpty,
  preview,
  versions,
}: {
  kind: ConfigPageKind;
  sideWidth: number;
  form: ReactNode;
  previewTitleExtra?: ReactNode;
  previewEmpty: boolean;
  preview: ReactNode;
  versions: ReactNode;
}) {
  const t = useT();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: `minmax(0, 1fr) ${sideWidth}px`, minHeight: 0 }}>
      <Box sx={{ overflowY: 'auto', p: 2.5, display: 'grid', gap: 2, alignContent: 'start' }} data-testid={`${testId}-form`}>
        {form}
      </Box>
      <Box sx={{ overflowY: 'auto', borderLeft: 1, borderColor: 'divider', bgcolor: 'background.paper', p: 2, display: 'grid', gap: 2.5, alignContent: 'start' }}>
        <Box component="section" aria-labelledby={`${testId}-preview-title`} data-testid={`${testId}-preview-panel`}>
          <Typography id={`${testId}-preview-title`} variant="subtitle1" component="h3" sx={{ color: 'primary.dark', mb: 1 }}>
            {t(`${ns}.previewTitle`)}
            {previewTitleExtra}
          </Typography>
          {previewEmpty ? (
            <Typography variant="body2" color="text.secondary">
              {t(`${ns}.previewEmpty`)}
            </Typography>
          ) : (
            preview
          )}
        </Box>
        <Box component="section" aria-labelledby={`${testId}-versions-title`}>
          <Typography id={`${testId}-versions-title`} variant="subtitle1" component="h3" sx={{ color: 'primary.dark' }}>
            {t(`${ns}.versions`)}
          </Typography>
          {versions}
        </Box>
      </Box>
    </Box>
  );
}
