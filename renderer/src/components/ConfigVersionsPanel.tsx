import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ConfigVersionMeta } from '../../../core/api';
import type { SettingChange } from '../../../core/setting-changes';
import { localDateTime } from '../format';
import { useT, type Locale, type TFunction } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { ReplaceEditsDialog } from './ReplaceEditsDialog';
import { useReplaceGuard } from './unsavedWork';

/**
 * Which versioned configuration a page edits: its message namespace (the words) and its test-id prefix. The risk rules
 * and the contact policy have the same messages under their own namespace, worded for each.
 */
export type ConfigPageKind = { ns: 'riskConfig'; testId: 'rc' } | { ns: 'contactPolicy'; testId: 'cp' };

/** Saved versions, newest first: when and by whom, what each changed, and the way back to an earlier one. */
export function ConfigVersionsPanel<V extends ConfigVersionMeta>({
  kind: { ns, testId },
  items,
  error,
  onRetry,
  readable,
  changeList,
  busy,
  onActivate,
  onLoad,
}: {
  kind: ConfigPageKind;
  items: V[] | null;
  error: unknown;
  onRetry(): void;
  /** False for a version this app cannot read (saved by a newer app): it can be neither loaded nor made active. */
  readable(v: NoInfer<V>): boolean;
  /** The changed settings in the page's words, with their values: the first few, or `max` (the tooltip: all). */
  changeList(changes: readonly SettingChange[], max?: number): string;
  busy: boolean;
  onActivate(v: NoInfer<V>): void;
  onLoad(v: NoInfer<V>): void;
}) {
  const t = useT();
  const { replace, dialog } = useReplaceGuard();
  if (error != null) return <ErrorAlert title={t(`${ns}.versionsFailed`)} error={error} onRetry={onRetry} />;
  if (!items) return <Typography variant="body2" color="text.secondary">{t('common.loading')}</Typography>;
  return (
    <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid={`${testId}-versions`}>
      <ReplaceEditsDialog {...dialog} />
      {items.map((v) => (
        <Box key={v.version} sx={{ py: 1.25 }} data-testid={`${testId}-version`} data-version={v.version} data-active={v.active ? 'true' : 'false'}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <Typography variant="subtitle2" component="span">
              {t(`${ns}.version`, { version: v.version })}
            </Typography>
            {v.active && <Chip size="small" color="success" label={t(`${ns}.active`)} />}
            {v.isDefaults && <Chip size="small" variant="outlined" label={t(`${ns}.defaults`)} />}
            <Box sx={{ flex: 1 }} />
            {readable(v) && (
              <Button size="small" onClick={() => replace(() => onLoad(v))} disabled={busy} data-testid={`${testId}-load`}>
                {t(`${ns}.load`)}
              </Button>
            )}
            {!v.active && readable(v) && (
              <Button size="small" variant="outlined" onClick={() => onActivate(v)} disabled={busy} data-testid={`${testId}-activate`}>
                {t(`${ns}.makeActive`)}
              </Button>
            )}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {v.savedAt === null
              ? t(`${ns}.builtIn`)
              : t(`${ns}.savedBy`, {
                  at: localDateTime(v.savedAt) ?? v.savedAt,
                  who: v.savedBy === null ? t(`${ns}.recordedAutomatically`) : [v.savedBy, v.savedByName].filter(Boolean).join(' '),
                })}
          </Typography>
          {!readable(v) && (
            <Typography variant="body2" color="error">
              {t(`${ns}.unreadable`)}
            </Typography>
          )}
          {v.savedAt !== null && !(v.version === 1 && v.changes.length === 0) && (
            <Typography variant="body2" sx={{ mt: 0.25 }} data-testid={`${testId}-version-changes`} title={v.changes.length > 0 ? changeList(v.changes, Number.POSITIVE_INFINITY) : undefined}>
              {v.changes.length === 0 ? t(`${ns}.noChanges`) : t(`${ns}.changedList`, { list: changeList(v.changes) })}
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
}

/**
 * The first few changed settings by name (the audit log's words, from `settingLabel`), each with what the version did
 * to it as the page's form shows values (`changeText`: "20 分 → 16 分"), then "and N more". Changes are separated by
 * '；' — word and channel lists inside one are joined with '、' — so one never reads as a value of the one before.
 */
export function changedSettingsList(
  t: TFunction,
  ns: ConfigPageKind['ns'],
  settingLabel: (locale: Locale, path: string) => string,
  changeText: (c: SettingChange) => string,
  changes: readonly SettingChange[],
  max = Number.POSITIVE_INFINITY,
): string {
  const separator = t('common.changeSeparator');
  const shown = changes
    .slice(0, max)
    .map((c) => t('common.settingChange', { setting: settingLabel(t.locale, c.path), change: changeText(c) }))
    .join(separator);
  return changes.length > max ? `${shown}${separator}${t(`${ns}.more`, { count: changes.length - max })}` : shown;
}
