import dayjs from 'dayjs';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ContactPolicyPreviewResult, ContactPolicyVersionView } from '../../../../core/api/ops/contact-policy';
import { channelLabels, channels, type Channel } from '../../../../core/contact/codes';
import { callingHoursText, changedContactPolicyKeys, defaultContactPolicy, phoneCallableWithin, type ContactPolicy } from '../../../../core/contact/policy';
import { settingChanges, type SettingChange } from '../../../../core/setting-changes';
import { contactSettingLabel } from '../../../../core/i18n/contact-setting-labels';
import { useApi } from '../../api/ApiContext';
import type { JobUpdate } from '../../api/jobs';
import { useApiQuery, useApiSave } from '../../api/query';
import { changedSettingsList, ConfigVersionsPanel, type ConfigPageKind } from '../../components/ConfigVersionsPanel';
import { ChangesLine, ConfigChangeDialog, type SaveSnapshot } from '../../components/ConfigChangeDialog';
import { ConfigPageHeader } from '../../components/ConfigPageHeader';
import { ConfigPageBody, ConfigPageLoading } from '../../components/ConfigPageLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConfigPreviewJob, type ConfigPreviewState } from '../../components/useConfigPreviewJob';
import { useLocale, useT, type MessageKey, type PlainMessageKey, type TFunction } from '../../i18n';
import { saveOnVersion, useActiveForm } from '../../components/keptEdits';
import { checkForm, groups, inFormOrder, settingChangeText, shownValue, toForm, type ChangeWords, type FieldDef, type FieldError, type FormValues, type GroupDef } from './contactPolicyForm';

const policyKey = (p: ContactPolicy) => JSON.stringify(p);

const kind: ConfigPageKind = { ns: 'contactPolicy', testId: 'cp' };

/** The first few changed settings by name (the audit log's words), then "and N more". */
/** How the contact rules' changes are worded in the page's language (contactPolicyForm.ts `settingChangeText`). */
const changeWords = (t: TFunction): ChangeWords => ({
  locale: t.locale,
  amount: (unit, n) => t(`contactPolicy.amount.${unit}`, { n }),
  channelName: (c) => (t.locale === 'en' ? channelLabels[c].en : channelLabels[c].zh),
  separator: t('common.listSeparator'),
  off: t('contactPolicy.valueOff'),
  none: t('contactPolicy.noChannels'),
  fromTo: (before, after) => t('common.valueChange', { before, after }),
});

/** The changed settings in the order of the page, by name and what changed, the first `max`, then "and N more". */
function changeList(t: TFunction, changes: readonly SettingChange[], max = 4): string {
  const words = changeWords(t);
  return changedSettingsList(t, kind.ns, contactSettingLabel, (c) => settingChangeText(c, words), inFormOrder(changes), max);
}

const say = (t: TFunction, e: FieldError) => (t as unknown as (k: MessageKey, p?: Record<string, string | number>) => string)(e.key, e.params);

type PreviewState = ConfigPreviewState<ContactPolicy, ContactPolicyPreviewResult>;

/** Runs the read-only preview job for a candidate policy (see useConfigPreviewJob). */
function usePreview(): PreviewState {
  const api = useApi();
  const start = useCallback((policy: ContactPolicy) => api.call('contact-policy-preview', { policy }), [api]);
  return useConfigPreviewJob(start, policyKey);
}

/**
 * A job's progress. The recompute after a save (`steps`) walks the open tasks, then writes those whose time to call
 * changed (its 'writing' step): one bar over both, each step half of it, with the step's own counts in words.
 */
function Progress({ progress, running, starting, steps }: { progress: JobUpdate | null; running: MessageKey; starting: PlainMessageKey; steps?: boolean }) {
  const t = useT();
  const nf = new Intl.NumberFormat(useLocale());
  const writing = progress?.phase === 'writing';
  const share = progress?.total ? Math.min(1, progress.done / progress.total) : null;
  const pct = share === null ? null : steps ? (writing ? 50 : 0) + share * 50 : share * 100;
  const message: MessageKey = writing ? 'contactPolicy.writing' : running;
  return (
    <Stack spacing={1}>
      <Typography variant="body2">
        {progress?.total ? (t as unknown as (k: MessageKey, p: object) => string)(message, { done: nf.format(progress.done), total: nf.format(progress.total) }) : t(starting)}
      </Typography>
      {/* No easing: it trailed the counts above it by 0.4 s (at 307,200 of 1,000,000 it was drawn at 15 %). */}
      <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? 0} sx={pct === null ? undefined : { '& .MuiLinearProgress-bar': { transition: 'none' } }} />
    </Stack>
  );
}

/**
 * Calling hours that change whether a call may be made this very minute (`opens`: now inside the new hours, not the
 * old): every call stops, or resumes, at once, which the counts (hours are the same for every task) leave out. Going
 * back to hours that hold now said "0 changed" (found by a new supervisor).
 */
type HoursNow = { from: string; to: string; opens: boolean };
function hoursNowChange(from: ContactPolicy | null | undefined, to: ContactPolicy | null | undefined, nowMinute: number): HoursNow | null {
  if (!from || !to) return null;
  const before = phoneCallableWithin(nowMinute, nowMinute, from);
  const after = phoneCallableWithin(nowMinute, nowMinute, to);
  return before === after ? null : { ...callingHoursText(to), opens: after };
}

/** What a preview says: how many open tasks change callability, and which way. */
function PreviewBody({
  state,
  stale,
  closesNow,
  limitRaised,
}: {
  state: PreviewState;
  stale?: boolean;
  closesNow?: HoursNow | null;
  limitRaised?: { from: number; to: number } | null;
}) {
  const t = useT();
  const nf = new Intl.NumberFormat(useLocale());
  if (state.running) return <Progress progress={state.progress} running="contactPolicy.previewRunning" starting="contactPolicy.previewStarting" />;
  if (state.error != null) return <ErrorAlert title={t('contactPolicy.previewFailed')} error={state.error} />;
  const r = state.result;
  if (!r) return null;
  return (
    <Stack spacing={0.5} data-testid="cp-preview-result" data-changed={r.changed}>
      {stale && <Alert severity="warning" sx={{ py: 0 }}>{t('contactPolicy.previewStale')}</Alert>}
      <Typography variant="body1" sx={{ fontWeight: 600 }} data-testid="cp-summary">
        {t('contactPolicy.previewSummary', { open: nf.format(r.openTasks), changed: nf.format(r.changed) })}
      </Typography>
      <Typography variant="body2">{t('contactPolicy.previewBlocked', { count: nf.format(r.becomeBlocked) })}</Typography>
      <Typography variant="body2">{t('contactPolicy.previewCallable', { count: nf.format(r.becomeCallable) })}</Typography>
      {r.closing > 0 && <Typography variant="body2">{t('contactPolicy.previewClosing', { count: nf.format(r.closing) })}</Typography>}
      {/* A task ends as unreachable once: a later version with a higher limit does not reopen it (docs/status-rule.md). */}
      {r.closing > 0 && (
        <Alert severity="warning" sx={{ py: 0 }} data-testid="cp-closing-final">
          {t('contactPolicy.previewClosingFinal')}
        </Alert>
      )}
      {/* Going back to a higher limit after a lower one closed tasks said "0 change" and nothing more (a supervisor
          expected them back): what a higher limit does and does not do. */}
      {limitRaised && (
        <Alert severity="info" sx={{ py: 0 }} data-testid="cp-limit-raised">
          {t('contactPolicy.previewLimitRaised', limitRaised)}
        </Alert>
      )}
      <Typography variant="caption" color="text.secondary">
        {t('contactPolicy.previewHours')}
      </Typography>
      {/* Calling hours are left out of the counts above; an end already past stops every call at once, which the
          0 "changed" did not say (found by a supervisor who set 12:00 at 12:19). */}
      {closesNow && (
        <Alert severity={closesNow.opens ? 'info' : 'warning'} sx={{ py: 0 }} data-testid="cp-hours-now">
          {t(closesNow.opens ? 'contactPolicy.previewHoursOpen' : 'contactPolicy.previewHoursNow', closesNow)}
        </Alert>
      )}
    </Stack>
  );
}

function ChannelTicks({ value, onChange, id }: { value: Channel[]; onChange(v: Channel[]): void; id: string }) {
  const locale = useLocale();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }} role="group" aria-labelledby={id}>
      {channels.map((c) => (
        <FormControlLabel
          key={c}
          sx={{ mr: 0.5 }}
          control={
            <Checkbox
              size="small"
              checked={value.includes(c)}
              onChange={(e) => onChange(e.target.checked ? [...value, c] : value.filter((x) => x !== c))}
              slotProps={{ input: { 'data-testid': `cp-${id}-${c}` } as object }}
            />
          }
          label={locale === 'en' ? channelLabels[c].en : channelLabels[c].zh}
        />
      ))}
    </Box>
  );
}

function Field({
  def,
  value,
  error,
  changed,
  activeText,
  onChange,
}: {
  def: FieldDef;
  value: string | Channel[];
  error: string | null;
  changed: boolean;
  activeText: string;
  onChange(path: string, value: string | Channel[]): void;
}) {
  const t = useT();
  const id = `cp-${def.path}`;
  const help = error ?? (changed ? t('contactPolicy.activeWas', { value: activeText }) : def.zeroOff ? t('contactPolicy.zeroOff') : null);
  return (
    <Box data-testid={`cp-field-${def.path}`} data-changed={changed ? 'true' : 'false'} sx={{ display: 'grid', gridTemplateRows: 'subgrid', gridRow: 'span 3', rowGap: 0.5, pb: 1.5, minWidth: 0, gridColumn: def.kind === 'channels' ? 'span 2' : undefined }}>
      <Typography component="label" id={`${id}-label`} htmlFor={def.kind === 'channels' ? undefined : id} variant="body2" sx={{ alignSelf: 'end', color: 'text.secondary', lineHeight: 1.35 }}>
        {t(`contactPolicy.f.${def.path}` as PlainMessageKey)}
      </Typography>
      {def.kind === 'channels' ? (
        <ChannelTicks id={def.path} value={value as Channel[]} onChange={(v) => onChange(def.path, v)} />
      ) : (
        <TextField
          id={id}
          size="small"
          fullWidth
          value={value as string}
          error={error !== null}
          onChange={(e) => onChange(def.path, e.target.value)}
          // The format, not a value: "09:00" in the end-of-hours field read as a suggested end (found by a new phone agent).
          placeholder={def.kind === 'time' ? 'HH:MM' : undefined}
          slotProps={{
            input: {
              endAdornment: def.unit ? <InputAdornment position="end">{t(`contactPolicy.unit.${def.unit}`)}</InputAdornment> : undefined,
              sx: changed && !error ? { bgcolor: '#fff8e1', '& .MuiOutlinedInput-notchedOutline': { borderColor: '#e0a100', borderWidth: 2 } } : undefined,
            },
            htmlInput: { inputMode: def.kind === 'time' ? 'text' : 'numeric', 'aria-invalid': error !== null, 'data-testid': `cp-input-${def.path}`, sx: { fontVariantNumeric: 'tabular-nums' } },
          }}
        />
      )}
      <FormHelperText error={error !== null} sx={{ m: 0, color: error ? undefined : changed ? '#8a5a00' : 'text.secondary', fontWeight: changed && !error ? 600 : 400 }}>
        {help ?? ''}
      </FormHelperText>
    </Box>
  );
}

function GroupCard({ group, children }: { group: GroupDef; children: ReactNode }) {
  const t = useT();
  const title = t(`contactPolicy.group.${group.key}` as PlainMessageKey);
  const hint = group.key === 'history' ? t('contactPolicy.group.history.hint') : group.key === 'porting' ? t('contactPolicy.group.porting.hint') : null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={title} data-testid={`cp-group-${group.key}`}>
      <Typography variant="subtitle1" component="h3" sx={{ color: 'primary.dark', mb: hint ? 0.25 : 1 }}>
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {hint}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', columnGap: 1.5 }}>{children}</Box>
    </Paper>
  );
}

const recomputeProgress = (update: JobUpdate | null) => <Progress progress={update} running="contactPolicy.recomputing" starting="contactPolicy.recomputeStarting" steps />;

/**
 * Supervisors' contact rules (issue 16 #3): every number of the contact policy as versioned configuration, like the
 * risk rules. A change is previewed (how many open queue tasks change whether they can be called) before it is
 * saved; saving makes a new version and recomputes every open task; an earlier version can be made active again.
 */
export function ContactPolicyPage() {
  const t = useT();
  const locale = useLocale();
  const apiSave = useApiSave();
  const activeQuery = useApiQuery('contact-policy-get', {});
  const versionsQuery = useApiQuery('contact-policy-versions', {});
  const active = activeQuery.data ?? null;
  const versions = versionsQuery.data?.items ?? null;
  const [notice, setNotice] = useState<{ severity: 'success' | 'info'; say: (t: TFunction) => string } | null>(null);
  // The form follows the active rules when they change, keeping what the user typed and had not saved.
  const [values, setValues] = useActiveForm(
    active,
    (a): FormValues => toForm(a.policy),
    (version) => setNotice({ severity: 'info', say: (tr) => tr('config.keptEdits', { version }) }),
  );
  const [saving, setSaving] = useState<SaveSnapshot<SettingChange> | null>(null);
  const [activating, setActivating] = useState<ContactPolicyVersionView | null>(null);
  const preview = usePreview();
  const activatePreview = usePreview();
  const runActivatePreview = activatePreview.run;
  useEffect(() => {
    if (activating?.policy) void runActivatePreview(activating.policy);
  }, [activating, runActivatePreview]);

  const onChange = useCallback((path: string, value: string | Channel[]) => setValues((v) => (v ? { ...v, [path]: value } : v)), [setValues]);
  const check = useMemo(() => (values && active ? checkForm(values, active.policy, active.policy) : null), [values, active]);
  const candidate = check?.policy ?? null;
  const changes = useMemo(() => (candidate && active ? settingChanges(active.policy, candidate, changedContactPolicyKeys) : []), [candidate, active]);
  // New calling hours that leave out this very minute, where the active ones include it: every call stops on saving.
  const clock = dayjs();
  const nowMinute = clock.hour() * 60 + clock.minute();
  const closesNow = hoursNowChange(active?.policy, candidate, nowMinute);
  const activatingHours = hoursNowChange(active?.policy, activating?.policy, nowMinute);
  /** The notice after a save or a switch: how many tasks changed, and calls stopping or resuming now. */
  const hoursSaid = (tr: TFunction, hours: HoursNow | null) => (hours ? ` ${tr(hours.opens ? 'contactPolicy.doneHoursOpen' : 'contactPolicy.doneHoursClosed', hours)}` : '');
  /** A higher attempt limit than the active one: it reopens nothing the lower one closed. */
  const limitRaised = (to: ContactPolicy | null | undefined) => (to && active && to.maxAttempts > active.policy.maxAttempts ? { from: active.policy.maxAttempts, to: to.maxAttempts } : null);
  // While saving, the preview stays measured against the version that was active when the dialog opened.
  const fresh = preview.result !== null && candidate !== null && preview.forKey === policyKey(candidate) && preview.result.activeVersion === (saving?.activeVersion ?? active?.version);
  const nextVersion = (versions?.[0]?.version ?? active?.version ?? 0) + 1;
  const nf = new Intl.NumberFormat(locale);
  const channelName = (c: Channel) => (locale === 'en' ? channelLabels[c].en : channelLabels[c].zh);

  if (!active || !values || !check) return <ConfigPageLoading kind={kind} error={active ? null : activeQuery.error} onRetry={() => void activeQuery.refetch()} />;
  const busy = preview.running || saving !== null || activating !== null;
  const errorCount = check.errors.size;

  return (
    <Box sx={{ flex: 1, display: 'grid', gridTemplateRows: 'auto minmax(0, 1fr)', minHeight: 0 }} data-testid="contact-policy">
      <ConfigPageHeader
        kind={kind}
        activeVersion={active.version}
        busy={busy}
        edited={check.changed.size > 0}
        valid={candidate !== null}
        changes={changes.length}
        errors={errorCount}
        notice={notice && { severity: notice.severity, text: notice.say(t) }}
        onDiscard={() => setValues(toForm(active.policy))}
        onResetDefaults={() => setValues(toForm(defaultContactPolicy))}
        onPreview={() => candidate && void preview.run(candidate)}
        onSave={() => {
          if (!candidate) return;
          setNotice(null);
          if (!fresh) void preview.run(candidate);
          setSaving({ version: nextVersion, activeVersion: active.version, changes });
        }}
        onCloseNotice={() => setNotice(null)}
      />

      <ConfigPageBody
        kind={kind}
        sideWidth={380}
        form={
          groups.map((g) => (
            <GroupCard key={g.key} group={g}>
              {g.fields.map((def) => {
                const e = check.errors.get(def.path);
                return (
                  <Field
                    key={def.path}
                    def={def}
                    value={values[def.path] ?? ''}
                    error={e ? say(t, e) : null}
                    changed={check.changed.has(def.path)}
                    activeText={shownValue(active.policy, def, channelName, t('common.listSeparator'))}
                    onChange={onChange}
                  />
                );
              })}
            </GroupCard>
          ))
        }
        previewEmpty={!preview.running && !preview.result && preview.error == null}
        preview={<PreviewBody state={preview} stale={!fresh} closesNow={closesNow} limitRaised={limitRaised(candidate)} />}
        versions={
          <ConfigVersionsPanel
            kind={kind}
            items={versions}
            error={versionsQuery.error}
            onRetry={() => void versionsQuery.refetch()}
            readable={(v) => v.policy !== null}
            changeList={(changes, max) => changeList(t, changes, max)}
            busy={busy}
            onActivate={setActivating}
            onLoad={(v) => {
              if (!v.policy) return;
              setValues(toForm(v.policy));
              setNotice({ severity: 'info', say: (tr) => tr('contactPolicy.loaded', { version: v.version }) });
            }}
          />
        }
      />

      {saving && candidate && (
        <ConfigChangeDialog
          kind={kind}
          change="save"
          title={t('contactPolicy.saveTitle', { version: saving.version })}
          preview={<PreviewBody state={preview} closesNow={closesNow} limitRaised={limitRaised(candidate)} />}
          progress={recomputeProgress}
          confirmDisabled={preview.running}
          confirmLabel={t('contactPolicy.save')}
          failedTitle={t('contactPolicy.saveFailed')}
          start={() =>
            saveOnVersion(
              () => apiSave('contact-policy-save', { policy: candidate, basedOn: saving.activeVersion }),
              () => void Promise.all([activeQuery.refetch(), versionsQuery.refetch()]),
            )
          }
          onClose={() => setSaving(null)}
          onDone={(effect) => {
            const { version } = saving;
            const hours = closesNow;
            setSaving(null);
            preview.clear();
            setNotice({ severity: 'success', say: (tr) => tr('contactPolicy.saved', { version, changed: nf.format(effect.changed) }) + hoursSaid(tr, hours) });
          }}
        >
          <Typography variant="body2">{t('contactPolicy.saveBody')}</Typography>
          <ChangesLine text={t('contactPolicy.saveChanges', { list: changeList(t, saving.changes, Number.POSITIVE_INFINITY) })} />
        </ConfigChangeDialog>
      )}
      {activating && (
        <ConfigChangeDialog
          kind={kind}
          change="activate"
          title={t('contactPolicy.activateTitle', { version: activating.version })}
          preview={<PreviewBody state={activatePreview} closesNow={activatingHours} limitRaised={limitRaised(activating.policy)} />}
          progress={recomputeProgress}
          confirmDisabled={activatePreview.running}
          confirmLabel={t('contactPolicy.makeActive')}
          failedTitle={t('contactPolicy.activateFailed')}
          start={() => apiSave('contact-policy-activate', { version: activating.version })}
          onClose={() => {
            activatePreview.clear();
            setActivating(null);
          }}
          onDone={(effect) => {
            const v = activating.version;
            const hours = activatingHours;
            activatePreview.clear();
            setActivating(null);
            preview.clear();
            setNotice({ severity: 'success', say: (tr) => tr('contactPolicy.activated', { version: v, changed: nf.format(effect.changed) }) + hoursSaid(tr, hours) });
          }}
        >
          <Typography variant="body2">{t('contactPolicy.activateBody', { version: activating.version, active: active.version })}</Typography>
          {/* What going back changes, against the active rules: as the save dialog says it. */}
          {activating.policy && (
            <ChangesLine
              testId="cp-activate-changes"
              text={t('contactPolicy.saveChanges', { list: changeList(t, settingChanges(active.policy, activating.policy, changedContactPolicyKeys), Number.POSITIVE_INFINITY) })}
            />
          )}
        </ConfigChangeDialog>
      )}
    </Box>
  );
}
