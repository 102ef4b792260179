import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { RiskConfigVersionView } from '../../../../core/api/ops/risk';
import { riskSettingLabel } from '../../../../core/i18n/risk-setting-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localDateTime } from '../../format';
import { useT, type TFunction } from '../../i18n';

/** A setting's name as a supervisor reads it: the rule, then the field ("ARPU drop · Points (step 1)"); the audit log's words too. */
export function settingLabel(t: TFunction, path: string): string {
  return riskSettingLabel(t.locale, path);
}

/** The first few changed settings by name, then "and N more". */
export function changeList(t: TFunction, paths: readonly string[], max = 3): string {
  const shown = paths.slice(0, max).map((p) => settingLabel(t, p)).join(t('common.listSeparator'));
  return paths.length > max ? `${shown} ${t('riskConfig.more', { count: paths.length - max })}` : shown;
}

/** Saved versions, newest first: when and by whom, what each changed, and the way back to an earlier one. */
export function VersionsPanel({
  items,
  error,
  onRetry,
  busy,
  onActivate,
  onLoad,
}: {
  items: RiskConfigVersionView[] | null;
  error: unknown;
  onRetry(): void;
  busy: boolean;
  onActivate(v: RiskConfigVersionView): void;
  onLoad(v: RiskConfigVersionView): void;
}) {
  const t = useT();
  if (error != null) return <ErrorAlert title={t('riskConfig.versionsFailed')} error={error} onRetry={onRetry} />;
  if (!items) return <Typography variant="body2" color="text.secondary">{t('common.loading')}</Typography>;
  return (
    <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="rc-versions">
      {items.map((v) => (
        <Box key={v.version} sx={{ py: 1.25 }} data-testid="rc-version" data-version={v.version} data-active={v.active ? 'true' : 'false'}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <Typography variant="subtitle2" component="span">
              {t('riskConfig.version', { version: v.version })}
            </Typography>
            {v.active && <Chip size="small" color="success" label={t('riskConfig.active')} />}
            {v.isDefaults && <Chip size="small" variant="outlined" label={t('riskConfig.defaults')} />}
            <Box sx={{ flex: 1 }} />
            {v.config && (
              <Button size="small" onClick={() => onLoad(v)} disabled={busy} data-testid="rc-load">
                {t('riskConfig.load')}
              </Button>
            )}
            {!v.active && v.config && (
              <Button size="small" variant="outlined" onClick={() => onActivate(v)} disabled={busy} data-testid="rc-activate">
                {t('riskConfig.makeActive')}
              </Button>
            )}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {v.savedAt === null
              ? t('riskConfig.builtIn')
              : t('riskConfig.savedBy', {
                  at: localDateTime(v.savedAt) ?? v.savedAt,
                  who: v.savedBy === null ? t('riskConfig.recordedAutomatically') : [v.savedBy, v.savedByName].filter(Boolean).join(' '),
                })}
          </Typography>
          {v.config === null && (
            <Typography variant="body2" color="error">
              {t('riskConfig.unreadable')}
            </Typography>
          )}
          {v.savedAt !== null && !(v.version === 1 && v.changed.length === 0) && (
            <Typography variant="body2" sx={{ mt: 0.25 }} data-testid="rc-version-changes">
              {v.changed.length === 0 ? t('riskConfig.noChanges') : t('riskConfig.changedList', { list: changeList(t, v.changed) })}
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
}
