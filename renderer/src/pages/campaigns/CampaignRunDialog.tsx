import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CampaignRunOutcomeView, CampaignView } from '../../../../core/api/ops/campaigns';
import type { CampaignDefinition } from '../../../../core/campaigns/campaign';
import { campaignNameFor } from '../../../../core/campaigns/defaults';
import { contactReasonShort } from '../../../../core/risk/messages';
import { useApi } from '../../api/ApiContext';
import { resultOf, type JobUpdate } from '../../api/jobs';
import { useApiSave } from '../../api/query';
import { navigate } from '../../app/router';
import { useAgentGroups, useAssignableAgents } from '../../components/AssignmentControls';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useJobRunner } from '../../components/useJobRunner';
import { useFormat } from '../../format';
import { useLabels, useLocale, useT } from '../../i18n';
import { CampaignFields } from './CampaignDialog';
import { checkCampaignForm, launchForm, type CampaignForm } from './campaignForm';

export interface SegmentToLaunch {
  id: number;
  name: string;
  condition: unknown;
}

/** A saved campaign to preview and run, or "发起挽留" from a segment: a one-off campaign saved and run in one click. */
export type RunTarget = { kind: 'saved'; campaign: CampaignView } | { kind: 'launch'; segment: SegmentToLaunch };

/** The local day, YYYY-MM-DD (the launch names its campaign after it). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function JobProgress({ progress }: { progress: JobUpdate | null }) {
  const t = useT();
  const nf = new Intl.NumberFormat(useLocale());
  const pct = progress?.total ? Math.min(100, (progress.done / progress.total) * 100) : null;
  return (
    <Stack spacing={0.5} data-testid="campaign-progress">
      <Typography variant="body2">
        {progress?.total ? t('campaign.progress', { done: nf.format(progress.done), total: nf.format(progress.total) }) : t('campaign.progress.starting')}
      </Typography>
      <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? 0} />
    </Stack>
  );
}

/** "1,234 位客户：800 个新任务，400 个并入已有任务，34 个排除（免打扰 30、营销间隔未满 4）" and the customers issued already. */
export function OutcomeCounts({ o }: { o: CampaignRunOutcomeView }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const why = o.excludedBy.map((e) => `${contactReasonShort(locale, e.reason)} ${nf.format(e.count)}`).join(t('common.listSeparator'));
  return (
    <Stack spacing={0.5} data-testid="campaign-preview" data-customers={o.customers} data-new={o.newTasks} data-joined={o.joined} data-already={o.already} data-excluded={o.excluded}>
      <Typography variant="body1" sx={{ fontWeight: 600 }} data-testid="campaign-summary">
        {t('campaign.preview.summary', {
          customers: nf.format(o.customers),
          newTasks: nf.format(o.newTasks),
          joined: nf.format(o.joined),
          excluded: nf.format(o.excluded),
          why: why ? t('campaign.preview.why', { list: why }) : '',
        })}
      </Typography>
      {/* Only when some are left out for it: "0 more are on this campaign's list already" tells a supervisor nothing. */}
      {o.already > 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="campaign-already">
          {t('campaign.preview.already', { count: nf.format(o.already) })}
        </Typography>
      )}
      {o.unmatched.length > 0 && (
        <Typography variant="body2" color="warning.main">
          {t('assign.unmatched')}
          {o.unmatched.slice(0, 8).map((u) => `${u.value} (${u.tasks})`).join(t('common.listSeparator'))}
        </Typography>
      )}
    </Stack>
  );
}

/**
 * 预览并运行: the preview starts as the dialog opens (a job over every stored customer, with its progress); 运行 then
 * makes the list and its tasks (a job: progress and Cancel, all or nothing) and says what it made. "发起挽留" adds the
 * few fields a one-off needs, previews as they change, and saves the campaign just before it runs it.
 */
/**
 * How many new tasks each agent gets (the preview's plan, the run's result): "evenly" levels each one's open tasks, so
 * the numbers differ, and a supervisor had promised an even split (found by a new one).
 */
function TasksPerAgent({ byAgent, testId }: { byAgent: readonly { agentId: string; tasks: number }[]; testId: string }) {
  const t = useT();
  const locale = useLocale();
  const { agents } = useAssignableAgents();
  if (byAgent.length === 0) return null;
  const nf = new Intl.NumberFormat(locale);
  const named = (id: string) => {
    const name = agents?.find((x) => x.id === id)?.name;
    return name ? `${id} ${name}` : id;
  };
  return (
    <Typography variant="body2" data-testid={testId}>
      {t('campaign.byAgent', { list: byAgent.map((a) => `${named(a.agentId)} ${nf.format(a.tasks)}`).join(' · ') })}
    </Typography>
  );
}

/** Where a saved campaign's new tasks will go (a preview assigns nobody): said before 运行, a warning when nobody. */
function WhoGetsTasks({ assignment: a }: { assignment: CampaignView['assignment'] }) {
  const t = useT();
  const { agents } = useAssignableAgents();
  const groups = useAgentGroups();
  const labels = useLabels();
  const agentName = (id: string) => agents?.find((x) => x.id === id)?.name ?? '';
  if (a.kind === 'none') return <Alert severity="warning" data-testid="campaign-assign-none">{t('campaign.preview.assign.none')}</Alert>;
  const text =
    a.kind === 'evenly'
      ? t('campaign.preview.assign.evenly', { count: a.agentIds.length })
      : a.kind === 'group'
        ? t('campaign.preview.assign.group', { name: groups.find((g) => g.id === a.groupId)?.name ?? String(a.groupId) })
        : a.kind === 'by-column'
          ? t('campaign.preview.assign.column', { column: labels.field(a.column) })
          : t('campaign.preview.assign.to', { id: a.agentId, name: agentName(a.agentId) });
  return (
    <Typography variant="body2" data-testid="campaign-assign">
      {text}
    </Typography>
  );
}

export function CampaignRunDialog({ target, onClose }: { target: RunTarget; onClose(): void }) {
  const t = useT();
  const locale = useLocale();
  const fmt = useFormat();
  const api = useApi();
  const apiSave = useApiSave();
  const nf = new Intl.NumberFormat(locale);
  const { agents } = useAssignableAgents();
  const previewJob = useJobRunner({ cancelOnUnmount: true });
  const runJob = useJobRunner();

  const [form, setForm] = useState<CampaignForm | null>(() => (target.kind === 'launch' ? launchForm(target.segment, localToday()) : null));
  const checked = useMemo(() => (form ? checkCampaignForm(form, agents?.map((a) => a.id) ?? []) : null), [form, agents]);
  // The launch's campaign once saved (a run cancelled or failed is tried again on the same campaign).
  const [savedId, setSavedId] = useState<number | null>(target.kind === 'saved' ? target.campaign.id : null);
  const definition: CampaignDefinition | null = checked?.ok ? checked.definition : null;
  const previewInput = target.kind === 'saved' ? { id: target.campaign.id } : definition && { definition };
  // The name does not change what a preview says: it follows the rest. The assignment does: who gets how many new tasks.
  const previewKey = previewInput
    ? JSON.stringify('id' in previewInput || target.kind !== 'launch' ? previewInput : { definition: { ...previewInput.definition, name: target.segment.name } })
    : null;

  const [previewRead, setPreview] = useState<CampaignRunOutcomeView | null>(null);
  // A form made invalid since has no preview: the last one would be of another campaign.
  const preview = previewKey ? previewRead : null;
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [done, setDone] = useState<CampaignRunOutcomeView | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const first = useRef(true);

  const { run: runPreview } = previewJob;
  useEffect(() => {
    if (!previewKey || done) return;
    const input = JSON.parse(previewKey) as { id: number } | { definition: CampaignDefinition };
    // The first preview at once; later ones once the supervisor stops typing.
    const timer = setTimeout(
      () => {
        setPreviewError(null);
        runPreview(() => api.call('campaign-preview', input))
          .then((job) => job && setPreview(resultOf(job)))
          .catch((e: unknown) => (setPreview(null), setPreviewError(e)));
      },
      first.current ? 0 : 400,
    );
    first.current = false;
    return () => clearTimeout(timer);
  }, [previewKey, api, runPreview, done]);

  const run = async () => {
    setRunError(null);
    setSaveError(null);
    setCancelled(false);
    try {
      let id = savedId;
      if (id === null) {
        if (!checked?.ok) return;
        try {
          id = (await apiSave('campaign-save', checked.definition)).campaign.id;
        } catch (e) {
          // Not saved (a name taken…): nothing ran either; the supervisor changes the field and tries again.
          return setSaveError(e);
        }
        setSavedId(id);
      }
      const campaignId = id;
      const job = await runJob.run(() => api.call('campaign-run', { id: campaignId }));
      if (!job) return;
      if (job.state === 'cancelled') return setCancelled(true);
      setDone(resultOf(job));
    } catch (e) {
      setRunError(e);
    }
  };

  const set = (patch: Partial<CampaignForm>) => {
    setForm((f) => f && { ...f, ...patch });
    setSaveError(null);
  };
  const busy = runJob.running;
  const assigning = (target.kind === 'saved' ? target.campaign.assignment.kind : form?.assignMode) !== 'none';
  const nothingToRun = preview !== null && preview.newTasks + preview.joined === 0;
  // The day's list is named after the campaign: a built-in one's reads as the campaign does (its stored name stays).
  const listNameOf = (o: CampaignRunOutcomeView) =>
    target.kind === 'saved' && o.listName === target.campaign.name ? campaignNameFor(locale, target.campaign) : o.listName;
  const title = target.kind === 'saved' ? t('campaign.run.title', { name: campaignNameFor(locale, target.campaign) }) : t('campaign.launch.title', { name: target.segment.name });

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="campaign-run-title" data-testid="campaign-run-dialog">
      <DialogTitle id="campaign-run-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {form && (
            <>
              <Typography variant="body2" color="text.secondary">
                {t('campaign.launch.hint')}
              </Typography>
              <Box component="fieldset" disabled={busy || savedId !== null} sx={{ border: 0, p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
                <CampaignFields form={form} set={set} problems={checked && !checked.ok ? checked.problems : {}} agents={agents} part="launch" />
              </Box>
            </>
          )}
          {!done && (
            <Box sx={{ minHeight: 72 }}>
              {previewJob.running && <JobProgress progress={previewJob.progress} />}
              {!previewJob.running && previewError != null && <ErrorAlert title={t('campaign.preview.failed')} error={previewError} testId="campaign-preview-error" />}
              {!previewJob.running && previewError == null && preview && (
                <Stack spacing={1}>
                  <OutcomeCounts o={preview} />
                  {/* Only new tasks are given to someone (joined ones keep theirs): none new, nothing to say of it. */}
                  {target.kind === 'saved' && preview.newTasks > 0 && <WhoGetsTasks assignment={target.campaign.assignment} />}
                  {preview.newTasks > 0 && <TasksPerAgent byAgent={preview.byAgent} testId="campaign-preview-by-agent" />}
                  {nothingToRun && <Alert severity="info">{t('campaign.preview.nothing')}</Alert>}
                </Stack>
              )}
              {!previewJob.running && !preview && previewError == null && checked && !checked.ok && (
                <Typography variant="body2" color="text.secondary">
                  {t('campaign.preview.waiting')}
                </Typography>
              )}
            </Box>
          )}
          {busy && <JobProgress progress={runJob.progress} />}
          {cancelled && <Alert severity="info">{t('campaign.run.cancelled')}</Alert>}
          {saveError != null && <ErrorAlert error={saveError} testId="campaign-save-error" />}
          {runError != null && <ErrorAlert title={t('campaign.run.failed')} error={runError} testId="campaign-run-error" />}
          {done && (
            <Alert severity="success" data-testid="campaign-run-result" data-new={done.newTasks} data-assigned={done.assigned}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {t('campaign.result.list', { list: listNameOf(done), due: fmt.date(done.dueDate) })}
              </Typography>
              <Typography variant="body2">
                {t('campaign.result.counts', { newTasks: nf.format(done.newTasks), joined: nf.format(done.joined), excluded: nf.format(done.excluded) })}
              </Typography>
              {/* Nothing new was made: nothing to assign (the customers joined tasks already open, with their agents). */}
              {done.newTasks > 0 && (
                <Typography variant="body2">
                  {assigning ? t('campaign.result.assigned', { count: nf.format(done.assigned) }) : t('campaign.result.unassigned')}
                </Typography>
              )}
              {done.newTasks > 0 && <TasksPerAgent byAgent={done.byAgent} testId="campaign-result-by-agent" />}
              {done.unmatched.length > 0 && (
                <Typography variant="body2" color="warning.main">
                  {t('assign.unmatched')}
                  {done.unmatched.slice(0, 8).map((u) => `${u.value} (${u.tasks})`).join(t('common.listSeparator'))}
                </Typography>
              )}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {busy ? (
          <Button onClick={runJob.cancel} data-testid="campaign-run-cancel">
            {t('common.cancel')}
          </Button>
        ) : (
          <Button onClick={onClose}>{t('common.close')}</Button>
        )}
        {done ? (
          <Button
            variant="contained"
            onClick={() => {
              onClose();
              navigate('lists');
            }}
            data-testid="campaign-view-lists"
          >
            {t('campaign.result.viewLists')}
          </Button>
        ) : (
          <Button
            variant="contained"
            onClick={() => void run()}
            disabled={busy || previewJob.running || !preview || previewError != null || nothingToRun}
            data-testid="campaign-run"
          >
            {target.kind === 'launch' && savedId === null ? t('campaign.launch.run') : t('campaign.run.button')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
