import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CampaignView } from '../../../../core/api/ops/campaigns';
import { campaignSchedules, MAX_DUE_DAYS, type CampaignSchedule } from '../../../../core/campaigns/campaign';
import { campaignNameFor } from '../../../../core/campaigns/defaults';
import { formatMessage } from '../../../../core/i18n';
import { categoryLabels, offerCategories, type OfferCategory } from '../../../../core/offers/catalogue';
import { listTypes, type ListType } from '../../../../core/worklist/fields';
import { useApiQuery, useApiSave } from '../../api/query';
import { ApiCallError } from '../../api/client';
import { AssignmentControls, useAgentGroups, useAssignableAgents, type Agent } from '../../components/AssignmentControls';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useLabels, useLocale, useT, type TFunction } from '../../i18n';
import { checkCampaignForm, emptyForm, formOf, MAX_NAME, type CampaignForm, type CampaignProblems } from './campaignForm';
import { useEditedSince } from '../../components/keepEditedOpen';

/** Select values that are no segment id nor offer family. */
const KEEP = 'keep';
const NONE = 'none';

export const scheduleLabels = { once: 'campaign.schedule.once', 'after-import': 'campaign.schedule.after-import', daily: 'campaign.schedule.daily' } as const;

/** A schedule that runs on its own but is switched off does not run on its own: "每天" beside an off switch read as daily. */
const autoRunOff = (c: { schedule: CampaignSchedule; enabled: boolean }): boolean => c.schedule !== 'once' && !c.enabled;

/** How a campaign runs, as it will: its schedule, or that schedule said to be off. */
export const scheduleText = (t: TFunction, c: { schedule: CampaignSchedule; enabled: boolean }): string =>
  autoRunOff(c) ? t('campaign.schedule.off', { schedule: t(scheduleLabels[c.schedule]) }) : t(scheduleLabels[c.schedule]);

/**
 * The fields of a campaign: what the edit dialog shows in full, and the launch dialog ("发起挽留") in part — the list
 * type, due days and assignment, the segment and schedule being given there.
 */
export function CampaignFields({
  form,
  set,
  problems,
  agents,
  segments,
  editing,
  part = 'all',
}: {
  form: CampaignForm;
  set(patch: Partial<CampaignForm>): void;
  problems: CampaignProblems;
  agents: Agent[] | null;
  segments?: { id: number; name: string; condition: unknown }[];
  /** Editing a saved campaign: its own condition may be kept without a segment. */
  editing?: boolean;
  part?: 'all' | 'launch';
}) {
  const t = useT();
  const locale = useLocale();
  const labels = useLabels();
  const say = (p: CampaignProblems[keyof CampaignProblems]) => (p ? t(p) : undefined);
  const groups = useAgentGroups();
  // A segment deleted, or a built-in campaign's own condition: KEEP keeps what is stored (nothing chosen yet: '').
  const segmentValue =
    form.segmentId !== null && segments?.some((s) => s.id === form.segmentId) ? String(form.segmentId) : editing && form.condition != null ? KEEP : '';
  return (
    <>
      <TextField
        size="small"
        label={t('campaign.field.name')}
        value={form.name}
        onChange={(e) => set({ name: e.target.value })}
        error={!!problems.name}
        helperText={say(problems.name)}
        slotProps={{ htmlInput: { maxLength: MAX_NAME, 'data-testid': 'campaign-name' } }}
      />
      {part === 'all' && (
        <TextField
          select
          size="small"
          label={t('campaign.field.segment')}
          value={segmentValue}
          onChange={(e) => {
            const s = segments?.find((x) => String(x.id) === e.target.value);
            if (s) set({ segmentId: s.id, condition: s.condition });
          }}
          error={!!problems.segment}
          helperText={say(problems.segment) ?? (segments && segments.length === 0 ? t('campaign.field.segmentNone') : undefined)}
          slotProps={{ htmlInput: { 'data-testid': 'campaign-segment' } }}
        >
          {editing && form.condition != null && (
            <MenuItem value={KEEP}>
              <em>{t('campaign.field.segmentKeep')}</em>
            </MenuItem>
          )}
          {(segments ?? []).map((s) => (
            <MenuItem key={s.id} value={String(s.id)}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Stack direction="row" spacing={2}>
        <TextField
          select
          size="small"
          label={t('campaign.field.listType')}
          value={form.listType}
          onChange={(e) => set({ listType: e.target.value as ListType })}
          sx={{ flex: 1, minWidth: 0 }}
          slotProps={{ htmlInput: { 'data-testid': 'campaign-list-type' } }}
        >
          {listTypes.map((lt) => (
            <MenuItem key={lt} value={lt}>
              {labels.listType(lt)}
            </MenuItem>
          ))}
        </TextField>
        {part === 'all' && (
          <TextField
            select
            size="small"
            label={t('campaign.field.offerFamily')}
            value={form.offerFamily === '' ? NONE : form.offerFamily}
            onChange={(e) => set({ offerFamily: e.target.value === NONE ? '' : (e.target.value as OfferCategory) })}
            sx={{ flex: 1, minWidth: 0 }}
          >
            <MenuItem value={NONE}>{t('campaign.field.offerFamilyNone')}</MenuItem>
            {offerCategories.map((c) => (
              <MenuItem key={c} value={c}>
                {locale === 'en' ? categoryLabels[c].en : categoryLabels[c].zh}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          size="small"
          label={t('campaign.field.dueDays')}
          value={form.dueDays}
          onChange={(e) => set({ dueDays: e.target.value })}
          error={!!problems.dueDays}
          helperText={say(problems.dueDays) ?? t('campaign.field.dueDaysHint', { max: MAX_DUE_DAYS })}
          sx={{ width: part === 'all' ? 128 : 160, flexShrink: 0 }}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'campaign-due-days' } }}
        />
      </Stack>
      <FormLabel component="div" sx={{ typography: 'body2', mb: -1 }}>
        {t('campaign.field.assignment')}
      </FormLabel>
      <AssignmentControls
        modes={['none', 'evenly', 'group', 'by-column', 'to']}
        mode={form.assignMode}
        onMode={(assignMode) =>
          set({ assignMode, ...(assignMode === 'to' && !form.single && agents?.[0] && { single: agents[0].id }), ...(assignMode === 'group' && form.groupId === null && groups[0] && { groupId: groups[0].id }) })
        }
        agents={agents}
        chosen={form.chosen ?? agents?.map((a) => a.id) ?? []}
        onChosen={(chosen) => set({ chosen })}
        single={form.single}
        onSingle={(single) => set({ single })}
        column={form.column}
        onColumn={(column) => set({ column })}
        groups={groups}
        groupId={form.groupId}
        onGroup={(groupId) => set({ groupId })}
        error={say(problems.assignment) ?? null}
      />
      {form.assignMode === 'to' && problems.assignment && (
        <Typography variant="caption" color="error" role="alert">
          {say(problems.assignment)}
        </Typography>
      )}
      {part === 'all' && (
        <>
          <FormLabel component="div" sx={{ typography: 'body2', mb: -1 }}>
            {t('campaign.field.schedule')}
          </FormLabel>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
            <ToggleButtonGroup exclusive size="small" value={form.schedule} onChange={(_, v: CampaignSchedule | null) => v && set({ schedule: v })} aria-label={t('campaign.field.schedule')}>
              {campaignSchedules.map((s) => (
                <ToggleButton key={s} value={s} data-testid={`campaign-schedule-${s}`}>
                  {t(scheduleLabels[s])}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <FormControlLabel
              control={<Switch checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} slotProps={{ input: { 'data-testid': 'campaign-enabled' } as object }} />}
              label={form.schedule === 'once' ? t('campaign.field.enabledOnce') : t('campaign.field.enabled')}
            />
          </Stack>
          {autoRunOff(form) && (
            <Typography variant="caption" color="text.secondary" sx={{ mt: -1 }} data-testid="campaign-schedule-effect">
              {t('campaign.schedule.offEffect')}
            </Typography>
          )}
        </>
      )}
    </>
  );
}

/** 新建活动 / 编辑: every field of a campaign; a name taken or an agent gone is said by the server, in the dialog. */
export function CampaignDialog({ campaign, onClose }: { campaign: CampaignView | null; onClose(): void }) {
  const t = useT();
  const locale = useLocale();
  const apiSave = useApiSave();
  const { agents, error: agentsError } = useAssignableAgents();
  const segments = useApiQuery('segment-list', {});
  const [form, setForm] = useState<CampaignForm>(() => (campaign ? formOf(campaign) : emptyForm()));
  const { closeUnlessEdited } = useEditedSince(form);
  const [problems, setProblems] = useState<CampaignProblems>({});
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const { busy, error, run } = useAction();
  const set = (patch: Partial<CampaignForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setProblems((p) => {
      const next = { ...p };
      for (const k of Object.keys(patch)) delete next[(k === 'segmentId' ? 'segment' : k === 'chosen' || k === 'single' || k === 'assignMode' ? 'assignment' : k) as keyof CampaignProblems];
      return next;
    });
  };
  const save = () =>
    run(async () => {
      const checked = checkCampaignForm(form, agents?.map((a) => a.id) ?? []);
      if (!checked.ok) return setProblems(checked.problems);
      let r;
      try {
        r = await apiSave('campaign-save', { ...checked.definition, ...(campaign && { id: campaign.id }) });
      } catch (e) {
        // A name another campaign has is said at the name, as the form's own problems are (it was a banner above the
        // buttons; found by a supervisor's pass).
        if (e instanceof ApiCallError && e.error.messageKey === 'api.campaign-name-taken') return setProblems({ name: 'campaign.invalid.nameTaken' });
        throw e;
      }
      // Saved all the same: a column not imported yet refuses only the run (it is said there, by name).
      if (r.warnings.length > 0) setWarnings(r.warnings.map((w) => formatMessage(locale, w.code, w.params)));
      else onClose();
    });

  return (
    <Dialog open onClose={closeUnlessEdited(onClose)} fullWidth maxWidth="sm" aria-labelledby="campaign-edit-title" data-testid="campaign-dialog">
      <DialogTitle id="campaign-edit-title">{campaign ? t('campaign.edit.title', { name: campaignNameFor(locale, campaign) }) : t('campaign.new.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {campaign?.source && (
            <Typography variant="body2" color="text.secondary">
              {t('campaign.source', { source: formatMessage(locale, campaign.source) })}
            </Typography>
          )}
          <CampaignFields form={form} set={set} problems={problems} agents={agents} segments={segments.data?.items} editing={!!campaign} />
          {segments.error != null && <ErrorAlert error={segments.error} onRetry={() => void segments.refetch()} />}
          {agentsError != null && <ErrorAlert error={agentsError} />}
          {error != null && <ErrorAlert error={error} testId="campaign-save-error" />}
          {warnings && (
            <Alert severity="warning" data-testid="campaign-save-warnings">
              <AlertTitle>{t('campaign.savedWithWarnings')}</AlertTitle>
              {warnings.join(' ')}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{warnings ? t('common.close') : t('common.cancel')}</Button>
        {!warnings && (
          <Button variant="contained" onClick={() => void save()} disabled={busy || !agents} data-testid="campaign-save">
            {t('campaign.save')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
