import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import SaveIcon from '@mui/icons-material/Save';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RiskConfigVersionView } from '../../../../core/api/ops/risk';
import { riskSettingLabel } from '../../../../core/i18n/risk-setting-labels';
import { changedRiskKeys, defaultRiskConfig, type RiskConfig } from '../../../../core/risk/config';
import { settingChanges, type SettingChange } from '../../../../core/setting-changes';
import { useApiQuery, useApiSave } from '../../api/query';
import type { JobUpdate } from '../../api/jobs';
import { changedSettingsList, ConfigVersionsPanel, type ConfigPageKind } from '../../components/ConfigVersionsPanel';
import { ChangesLine, ConfigChangeDialog, type SaveSnapshot } from '../../components/ConfigChangeDialog';
import { ConfigPageHeader } from '../../components/ConfigPageHeader';
import { ConfigPageBody, ConfigPageLoading } from '../../components/ConfigPageLayout';
import { RiskLevelChip } from '../../components/RiskLevelChip';
import { useLocale, useT, type MessageKey, type PlainMessageKey, type TFunction } from '../../i18n';
import { configKey, PreviewBody, usePreviewJob } from './PreviewResult';
import { saveOnVersion, useActiveForm } from '../../components/keptEdits';
import { checkForm, fieldLabelKey, groups, inFormOrder, settingChangeText, sourceFieldName, shownValue, toForm, type ChangeWords, type FieldDef, type FieldError, type FormValues, type GroupDef, type RuleDef } from './riskConfigForm';
import { StickyServicesTable } from './StickyServicesTable';

type Active = { config: RiskConfig; version: number };

const kind: ConfigPageKind = { ns: 'riskConfig', testId: 'rc' };

/** How the risk rules' changes are worded in the page's language (riskConfigForm.ts `settingChangeText`). */
const changeWords = (t: TFunction): ChangeWords => ({
  locale: t.locale,
  amount: (unit, n) => t(`riskConfig.amount.${unit}`, { n }),
  choice: (key) => sourceFieldName(key, t.locale),
  fromTo: (before, after) => t('common.valueChange', { before, after }),
  words: (added, removed) =>
    [added.length > 0 && t('common.wordsAdded', { words: added.join(t('common.listSeparator')) }), removed.length > 0 && t('common.wordsRemoved', { words: removed.join(t('common.listSeparator')) })]
      .filter(Boolean)
      .join(' '),
});

/**
 * The changed settings in the order of the page, by name (the rule, then the field: the audit log's words) and what
 * changed, the first `max` of them, then "and N more".
 */
function changeList(t: TFunction, changes: readonly SettingChange[], max = 3): string {
  const words = changeWords(t);
  return changedSettingsList(t, kind.ns, riskSettingLabel, (c) => settingChangeText(c, words), inFormOrder(changes), max);
}

/** A message chosen at run time from the form's checks (keys and params come from riskConfigForm.ts). */
function errorText(t: TFunction, e: FieldError, path: string): string {
  const params = { ...e.params };
  // The other setting by its field label when it is in the same rule (beside this field), else with its rule.
  if (typeof params.other === 'string') {
    params.other = params.other.split('.')[0] === path.split('.')[0] ? t(fieldLabelKey(params.other) as PlainMessageKey) : riskSettingLabel(t.locale, params.other);
  }
  return (t as unknown as (k: MessageKey, p?: Record<string, string | number>) => string)(e.key, params);
}

/** One labelled number (or word-list) field; changed fields are tinted and say what the active value is. */
const Field = memo(function Field({
  def,
  value,
  error,
  changed,
  activeText,
  onChange,
}: {
  def: FieldDef;
  value: string;
  error: string | null;
  changed: boolean;
  activeText: string;
  onChange(path: string, value: string): void;
}) {
  const t = useT();
  const id = `rc-${def.path.replace('.', '-')}`;
  const helpId = `${id}-help`;
  const help = error ?? (changed ? t('riskConfig.activeWas', { value: activeText }) : def.words ? t('riskConfig.wordsHint') : null);
  return (
    <Box
      data-testid={`rc-field-${def.path}`}
      data-changed={changed ? 'true' : 'false'}
      data-error={error ? 'true' : 'false'}
      // Subgrid: labels, inputs and messages of one row line up even when a label wraps or a message appears.
      sx={{ display: 'grid', gridRow: 'span 3', gridTemplateRows: 'subgrid', rowGap: 0.5, pb: 1.5, minWidth: 0, gridColumn: def.words ? 'span 2' : undefined }}
    >
      <Typography component="label" htmlFor={id} variant="body2" sx={{ alignSelf: 'end', color: 'text.secondary', lineHeight: 1.35 }}>
        {t(fieldLabelKey(def.path) as PlainMessageKey)}
      </Typography>
      <TextField
        id={id}
        size="small"
        fullWidth
        value={value}
        error={error !== null}
        onChange={(e) => onChange(def.path, e.target.value)}
        slotProps={{
          input: {
            endAdornment: def.unit ? <InputAdornment position="end">{t(`riskConfig.unit.${def.unit}` as PlainMessageKey)}</InputAdornment> : undefined,
            sx: changed && !error ? { bgcolor: '#fff8e1', '& .MuiOutlinedInput-notchedOutline': { borderColor: '#e0a100', borderWidth: 2 } } : undefined,
          },
          htmlInput: {
            inputMode: def.words ? 'text' : 'decimal',
            'aria-describedby': help ? helpId : undefined,
            'aria-invalid': error !== null,
            'data-testid': `rc-input-${def.path}`,
            sx: { fontVariantNumeric: 'tabular-nums' },
          },
        }}
      />
      <FormHelperText id={helpId} error={error !== null} sx={{ m: 0, color: error ? undefined : changed ? '#8a5a00' : 'text.secondary', fontWeight: changed && !error ? 600 : 400 }}>
        {help ?? ''}
      </FormHelperText>
    </Box>
  );
});

function RuleRow({ rule, children }: { rule: RuleDef; children: ReactNode }) {
  const t = useT();
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 0.75, p: 0 }}>
        {t(`riskConfig.rule.${rule.key}` as PlainMessageKey)}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', columnGap: 1.5 }}>{children}</Box>
    </Box>
  );
}

/** What each level means with the bounds in the form (or the active ones while the form is invalid). */
function LevelLadder({ cfg }: { cfg: RiskConfig }) {
  const t = useT();
  const l = cfg.levels;
  const rows: [Parameters<typeof RiskLevelChip>[0]['level'], string][] = [
    ['high', t('riskConfig.range.high', { max: l.mediumMax, calls: l.highCompetitorCsCalls })],
    ['medium', t('riskConfig.range.band', { min: l.lowMax, max: l.mediumMax })],
    ['low', t('riskConfig.range.band', { min: l.stableMax, max: l.lowMax })],
    ['stable', t('riskConfig.range.stable', { max: l.stableMax })],
  ];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.75, alignItems: 'center', mb: 1.5 }} data-testid="rc-ladder">
      {rows.map(([level, text]) => (
        <Box key={level} sx={{ display: 'contents' }}>
          <Box>
            <RiskLevelChip level={level} />
          </Box>
          <Typography variant="body2" data-testid={`rc-ladder-${level}`}>
            {text}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function GroupCard({ group, children, extra }: { group: GroupDef; children: ReactNode; extra?: ReactNode }) {
  const t = useT();
  const title = t(`riskConfig.group.${group.key}` as PlainMessageKey);
  if (group.secondary) {
    return (
      <Accordion variant="outlined" disableGutters data-testid={`rc-group-${group.key}`} sx={{ '&::before': { display: 'none' } }}>
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Box>
            <Typography variant="subtitle1" component="h3" sx={{ color: 'primary.dark' }}>
              {title}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('riskConfig.group.tags.hint')}
            </Typography>
          </Box>
        </AccordionSummary>
        <AccordionDetails>{children}</AccordionDetails>
      </Accordion>
    );
  }
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid={`rc-group-${group.key}`} component="section" aria-label={title}>
      <Typography variant="subtitle1" component="h3" sx={{ color: 'primary.dark', mb: 1 }}>
        {title}
      </Typography>
      {extra}
      <Stack spacing={1}>{children}</Stack>
    </Paper>
  );
}

/** The recompute job's steps other than scoring (electron/backend/jobs/risk-recompute.ts). */
const recomputeStepKeys: Partial<Record<string, 'riskConfig.packing' | 'riskConfig.reordering'>> = { packing: 'riskConfig.packing', queue: 'riskConfig.reordering' };

function RecomputeProgress({ progress }: { progress: JobUpdate | null }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const pct = progress?.total ? Math.min(100, (progress.done / progress.total) * 100) : null;
  return (
    <Stack spacing={1} data-testid="rc-recompute-progress">
      <Typography variant="body2">
        {progress?.total ? t(recomputeStepKeys[progress.phase] ?? 'riskConfig.recomputing', { done: nf.format(progress.done), total: nf.format(progress.total) }) : t('riskConfig.recomputeStarting')}
      </Typography>
      {/* Keyed by the step: a new step's bar starts empty instead of sliding back from the last step's value. */}
      <LinearProgress key={progress?.phase ?? ''} variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? 0} />
    </Stack>
  );
}

const recomputeProgress = (update: JobUpdate | null) => <RecomputeProgress progress={update} />;

/** Making an earlier version active, with a preview (of its own) of what it would do now. */
function ActivateDialog({
  version,
  active,
  onClose,
  onDone,
}: {
  version: RiskConfigVersionView;
  active: Active;
  onClose(): void;
  onDone(total: number): void;
}) {
  const t = useT();
  const apiSave = useApiSave();
  const preview = usePreviewJob();
  const run = preview.run;
  useEffect(() => {
    if (version.config) void run(version.config);
  }, [run, version.config]);
  return (
    <ConfigChangeDialog
      kind={kind}
      change="activate"
      title={t('riskConfig.activateTitle', { version: version.version })}
      preview={<PreviewBody state={preview} compact />}
      progress={recomputeProgress}
      confirmLabel={t('riskConfig.makeActive')}
      confirmDisabled={false}
      failedTitle={t('riskConfig.activateFailed')}
      start={() => apiSave('risk-config-activate', { version: version.version })}
      onClose={onClose}
      onDone={(r) => onDone(r.subscribers)}
    >
      <Typography variant="body2">{t('riskConfig.activateBody', { version: version.version, active: active.version })}</Typography>
      {/* What going back changes, against the active rules: as the save dialog says it. */}
      {version.config && <ChangesLine testId="rc-activate-changes" text={t('riskConfig.saveChanges', { list: changeList(t, settingChanges(active.config, version.config, changedRiskKeys), Number.POSITIVE_INFINITY) })} />}
    </ConfigChangeDialog>
  );
}

/**
 * Supervisors' risk rules (docs/product.md §4.1): every point and bound of the rule score as versioned configuration.
 * A change is previewed (how many customers move between levels) before it is saved; saving makes a new
 * version and recomputes everyone; an earlier version can be made active again.
 */
export function RiskConfigPage() {
  const t = useT();
  const apiSave = useApiSave();
  const locale = useLocale();
  const activeQuery = useApiQuery('risk-config-get', {});
  const versionsQuery = useApiQuery('risk-config-versions', {});
  const active: Active | null = useMemo(() => (activeQuery.data ? { config: activeQuery.data.config, version: activeQuery.data.version } : null), [activeQuery.data]);
  const loadError = active ? null : activeQuery.error;
  const versions: RiskConfigVersionView[] | null = versionsQuery.data?.items ?? null;
  const versionsError = versionsQuery.error;
  // Kept as a way to say it, not as words: a language switch re-says the notice in the new language.
  const [notice, setNotice] = useState<{ severity: 'success' | 'info'; say: (t: TFunction, nf: Intl.NumberFormat) => string } | null>(null);
  // The form shows the active rules when they change (after a save or a switch, here or elsewhere), keeping what the
  // user typed and had not saved; a language switch only changes how word lists are joined.
  const [values, setValues] = useActiveForm(
    active,
    (a): FormValues => toForm(a.config, locale),
    (version) => setNotice({ severity: 'info', say: (tr) => tr('config.keptEdits', { version }) }),
  );
  const [saving, setSaving] = useState<SaveSnapshot<SettingChange> | null>(null);
  const [activating, setActivating] = useState<RiskConfigVersionView | null>(null);
  const preview = usePreviewJob();

  const onChange = useCallback((path: string, value: string) => setValues((v) => (v ? { ...v, [path]: value } : v)), [setValues]);
  const check = useMemo(() => (values && active ? checkForm(values, active.config, active.config) : null), [values, active]);
  const candidate = check?.config ?? null;
  const candidateKey = candidate ? configKey(candidate) : null;
  const changes = useMemo(() => (candidate && active ? settingChanges(active.config, candidate, changedRiskKeys) : []), [candidate, active]);
  // While saving, the preview stays measured against the version that was active when the dialog opened.
  const fresh = preview.result !== null && preview.forKey === candidateKey && preview.result.activeVersion === (saving?.activeVersion ?? active?.version);
  const nextVersion = (versions?.[0]?.version ?? active?.version ?? 0) + 1;

  const runPreview = () => {
    if (!candidate) return;
    setNotice(null);
    void preview.run(candidate);
  };
  const openSave = () => {
    if (!candidate || !active) return;
    setNotice(null);
    if (!fresh) void preview.run(candidate);
    setSaving({ version: nextVersion, activeVersion: active.version, changes });
  };

  if (!active || !values || !check) return <ConfigPageLoading kind={kind} error={loadError} onRetry={() => void activeQuery.refetch()} />;

  const errorCount = check.errors.size;
  const busy = preview.running || saving !== null || activating !== null;
  const stickyCell = (path: string) => {
    const e = check.errors.get(path);
    return { value: values[path] ?? '', error: e ? errorText(t, e, path) : null, changed: check.changed.has(path), activeText: shownValue(active.config, path, locale) };
  };
  const field = (def: FieldDef) => {
    const e = check.errors.get(def.path);
    return (
      <Field
        key={def.path}
        def={def}
        value={values[def.path] ?? ''}
        error={e ? errorText(t, e, def.path) : null}
        changed={check.changed.has(def.path)}
        activeText={shownValue(active.config, def.path, locale)}
        onChange={onChange}
      />
    );
  };

  return (
    <Box sx={{ flex: 1, display: 'grid', gridTemplateRows: 'auto minmax(0, 1fr)', minHeight: 0 }} data-testid="risk-config">
      <ConfigPageHeader
        kind={kind}
        activeVersion={active.version}
        busy={busy}
        edited={check.changed.size > 0}
        valid={candidate !== null}
        changes={changes.length}
        errors={errorCount}
        resetDefaultsHint={t('riskConfig.resetDefaultsHint')}
        notice={notice && { severity: notice.severity, text: notice.say(t, new Intl.NumberFormat(locale)) }}
        onDiscard={() => setValues(toForm(active.config, locale))}
        onResetDefaults={() => setValues(toForm(defaultRiskConfig, locale))}
        onPreview={runPreview}
        onSave={openSave}
        onCloseNotice={() => setNotice(null)}
      />

      <ConfigPageBody
        kind={kind}
        sideWidth={410}
        form={
          groups.map((g) => (
            <GroupCard key={g.key} group={g} extra={g.key === 'levels' ? <LevelLadder cfg={candidate ?? active.config} /> : undefined}>
              {g.key === 'sticky' ? (
                <>
                  <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 1.5 }}>
                    {g.rules[0]!.fields.filter((d) => !d.path.startsWith('sticky.services.')).map(field)}
                  </Box>
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                    {t('riskConfig.sticky.hint')}
                  </Typography>
                  <StickyServicesTable cell={stickyCell} onChange={onChange} />
                </>
              ) : g.rules.map((r) =>
                // A rule named like its group (levels, contract, tags) needs no caption of its own.
                r.key === g.key ? (
                  <Box key={r.key} sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', columnGap: 1.5 }}>
                    {r.fields.map(field)}
                  </Box>
                ) : (
                  <RuleRow key={r.key} rule={r}>
                    {r.fields.map(field)}
                  </RuleRow>
                ),
              )}
            </GroupCard>
          ))
        }
        previewTitleExtra={
          preview.result && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
              {t('riskConfig.previewVs', { version: preview.result.activeVersion })}
            </Typography>
          )
        }
        previewEmpty={!preview.running && !preview.result && preview.error == null && !preview.cancelled}
        preview={
          <Box data-testid="rc-preview-result">
            <PreviewBody state={preview} stale={!fresh} />
          </Box>
        }
        versions={
          <ConfigVersionsPanel
            kind={kind}
            items={versions}
            readable={(v) => v.config !== null}
            changeList={(changes, max) => changeList(t, changes, max)}
            error={versionsError}
            onRetry={() => void versionsQuery.refetch()}
            busy={busy}
            onActivate={setActivating}
            onLoad={(v) => {
              if (!v.config) return;
              setValues(toForm(v.config, locale));
              setNotice({ severity: 'info', say: (tr) => tr('riskConfig.loaded', { version: v.version }) });
            }}
          />
        }
      />

      {saving && candidate && (
        <ConfigChangeDialog
          kind={kind}
          change="save"
          title={t('riskConfig.saveTitle', { version: saving.version })}
          preview={<PreviewBody state={preview} compact />}
          progress={recomputeProgress}
          confirmLabel={t('riskConfig.save')}
          confirmIcon={<SaveIcon />}
          confirmDisabled={preview.running}
          failedTitle={t('riskConfig.saveFailed')}
          start={() =>
            saveOnVersion(
              () => apiSave('risk-config-save', { config: candidate, basedOn: saving.activeVersion }),
              () => void Promise.all([activeQuery.refetch(), versionsQuery.refetch()]),
            )
          }
          onClose={() => setSaving(null)}
          onDone={({ subscribers: total }) => {
            const { version } = saving;
            setSaving(null);
            preview.clear();
            setNotice({ severity: 'success', say: (tr, nf) => tr('riskConfig.saved', { version, total: nf.format(total) }) });
          }}
        >
          <Typography variant="body2">{t('riskConfig.saveBody')}</Typography>
          <ChangesLine text={t('riskConfig.saveChanges', { list: changeList(t, saving.changes, Number.POSITIVE_INFINITY) })} />
          {preview.running && !preview.progress && <Typography variant="body2">{t('riskConfig.savePreviewing')}</Typography>}
        </ConfigChangeDialog>
      )}
      {activating && (
        <ActivateDialog
          version={activating}
          active={active}
          onClose={() => setActivating(null)}
          onDone={(total) => {
            const v = activating.version;
            setActivating(null);
            preview.clear();
            setNotice({ severity: 'success', say: (tr, nf) => tr('riskConfig.activated', { version: v, total: nf.format(total) }) });
          }}
        />
      )}
    </Box>
  );
}
