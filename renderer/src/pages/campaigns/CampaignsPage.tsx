import AddIcon from '@mui/icons-material/Add';
import CampaignIcon from '@mui/icons-material/Campaign';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CampaignView } from '../../../../core/api/ops/campaigns';
import { campaignNameFor } from '../../../../core/campaigns/defaults';
import { formatMessage } from '../../../../core/i18n';
import type { OfferCategory } from '../../../../core/offers/catalogue';
import type { SegmentCondition } from '../../../../core/segments/segment';
import { conditionText } from '../../../../core/segments/words';
import type { ListType } from '../../../../core/worklist/fields';
import { useApiQuery, useApiSave } from '../../api/query';
import { DeleteDialog } from '../../components/DeleteDialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeading, PageTable, type PageColumn } from '../../components/PageTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTypeChip } from '../../components/ListTypeChip';
import { SegmentDialog } from '../queue/SegmentDialog';
import { useAction } from '../../components/useAction';
import { useFormat } from '../../format';
import { useLocale, useT } from '../../i18n';
import { CampaignDialog, scheduleText } from './CampaignDialog';
import { CampaignRunDialog, type RunTarget, type SegmentToLaunch } from './CampaignRunDialog';

const columns: PageColumn[] = [
  { id: 'name', label: 'campaign.col.name' },
  { id: 'type', label: 'campaign.col.listType', width: 156 },
  { id: 'schedule', label: 'campaign.col.schedule', width: 148 },
  { id: 'enabled', label: 'campaign.col.enabled', align: 'center', width: 84 },
  { id: 'lastRun', label: 'campaign.col.lastRun', width: 144 },
  { id: 'results', label: 'campaign.col.results', width: 112 },
  { id: 'actions', label: 'campaign.col.actions', width: 196 },
];

/** A segment's new name: the same rules as saving one (unique, 1–60 characters), said at the field. */
function RenameSegmentDialog({ segment, onClose }: { segment: { id: number; name: string }; onClose(): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const [name, setName] = useState(segment.name);
  const { busy, error, run } = useAction();
  const trimmed = name.trim();
  const save = () =>
    run(async () => {
      await apiSave('segment-rename', { id: segment.id, name: trimmed });
      onClose();
    });
  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="segment-rename-title" data-testid="segment-rename-dialog">
      <DialogTitle id="segment-rename-title">{t('campaign.segments.rename.title', { name: segment.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 1 }}>
          <TextField
            size="small"
            autoFocus
            label={t('campaign.segments.rename.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && trimmed !== '' && !busy) save();
            }}
            helperText={t('campaign.segments.rename.hint')}
            slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'segment-rename-name' } }}
          />
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={save} disabled={busy || trimmed === ''} data-testid="segment-rename-save">
          {t('campaign.segments.rename.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The saved segments, each one click from a one-off campaign ("发起挽留"). */
function SegmentStrip({ onLaunch }: { onLaunch(s: SegmentToLaunch): void }) {
  const t = useT();
  const locale = useLocale();
  const segments = useApiQuery('segment-list', {});
  const items = segments.data?.items ?? [];
  // A segment written condition by condition (tags, fields, level): the queue's filters alone could not say "高危 and
  // dual-SIM" (found by a new supervisor).
  const [writing, setWriting] = useState(false);
  // A segment saved by mistake could not go (found by a new supervisor); campaigns made from it keep their condition.
  const [deleting, setDeleting] = useState<{ id: number; name: string } | null>(null);
  // A typo in a name meant deleting the segment and saving it again (found by a new supervisor).
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const apiSave = useApiSave();
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1.5 }} data-testid="campaign-segments">
      {writing && <SegmentDialog filters="written" onClose={() => setWriting(false)} />}
      {renaming && <RenameSegmentDialog segment={renaming} onClose={() => setRenaming(null)} />}
      {deleting && (
        <DeleteDialog
          title={t('campaign.segments.delete.title', { name: deleting.name })}
          body={t('campaign.segments.delete.body')}
          confirm={t('campaign.segments.delete.confirm')}
          testId="segment-delete-confirm"
          remove={() => apiSave('segment-delete', { id: deleting.id })}
          onClose={() => setDeleting(null)}
        />
      )}
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ mr: 0.5 }}>
          {t('campaign.segments.title')}
        </Typography>
        <Button size="small" variant="outlined" startIcon={<AddIcon fontSize="small" />} onClick={() => setWriting(true)} data-testid="campaign-segment-new">
          {t('campaign.segments.new')}
        </Button>
        {segments.error != null && <ErrorAlert error={segments.error} onRetry={() => void segments.refetch()} />}
        {segments.data && items.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('campaign.segments.empty')}
          </Typography>
        )}
        {items.map((s) => (
          <Box
            key={s.id}
            data-testid="campaign-segment"
            data-segment={s.name}
            sx={{ display: 'flex', alignItems: 'center', gap: 0.5, border: 1, borderColor: 'divider', borderRadius: 4, pl: 1.5, pr: 0.5, maxWidth: 320 }}
          >
            {/* Its name, and on hover what it selects in words. */}
            <Typography variant="body2" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={t('common.labelled', { label: s.name, value: conditionText(locale, s.condition as SegmentCondition) })}>
              {s.name}
            </Typography>
            <Button
              size="small"
              startIcon={<RocketLaunchIcon fontSize="small" />}
              onClick={() => onLaunch(s)}
              sx={{ flexShrink: 0 }}
              aria-label={t('campaign.segments.launchLabel', { name: s.name })}
              data-testid="campaign-segment-launch"
            >
              {t('campaign.segments.launch')}
            </Button>
            <Tooltip title={t('campaign.segments.rename.label', { name: s.name })}>
              <IconButton size="small" onClick={() => setRenaming({ id: s.id, name: s.name })} aria-label={t('campaign.segments.rename.label', { name: s.name })} data-testid="campaign-segment-rename">
                <EditOutlinedIcon fontSize="small" />
              </IconButton>
            </Tooltip>
            <Tooltip title={t('campaign.segments.delete.label', { name: s.name })}>
              <IconButton size="small" onClick={() => setDeleting({ id: s.id, name: s.name })} aria-label={t('campaign.segments.delete.label', { name: s.name })} data-testid="campaign-segment-delete">
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

/** 挽留活动 (issue 17 #2): the desk's own work — a condition, the list it makes, who gets it and when it runs. */
export function CampaignsPage() {
  const t = useT();
  const locale = useLocale();
  const fmt = useFormat();
  /** Under a campaign's name: a built-in's source (programme · model: rule), else what its condition selects. */
  /** A built-in campaign not renamed reads in the reader's language; a supervisor's name as typed. */
  const nameOf = (c: CampaignView): string => campaignNameFor(locale, c);
  const whatOf = (c: CampaignView): string => (c.source ? formatMessage(locale, c.source) : conditionText(locale, c.condition as SegmentCondition));
  const nf = new Intl.NumberFormat(locale);
  const apiSave = useApiSave();
  const { data, isFetching: loading, error, refetch } = useApiQuery('campaign-list', {});
  const items = data?.items ?? null;
  const [editing, setEditing] = useState<CampaignView | 'new' | null>(null);
  const [running, setRunning] = useState<RunTarget | null>(null);
  const [deleting, setDeleting] = useState<CampaignView | null>(null);
  const toggle = useAction();
  const [toggling, setToggling] = useState<number | null>(null);

  // On/off is a save of the campaign as it is, with `enabled` flipped.
  const setEnabled = (c: CampaignView, enabled: boolean) =>
    toggle.run(async () => {
      setToggling(c.id);
      try {
        await apiSave('campaign-save', {
          id: c.id,
          name: c.name,
          segmentId: c.segmentId,
          condition: c.condition as SegmentCondition,
          listType: c.listType as ListType,
          offerFamily: c.offerFamily as OfferCategory | null,
          dueDays: c.dueDays,
          assignment: c.assignment,
          schedule: c.schedule,
          enabled,
        });
      } finally {
        setToggling(null);
      }
    });

  return (
    <Box sx={{ p: 3, pb: 2, display: 'flex', flexDirection: 'column', gap: 2, flex: 1, minHeight: 0 }}>
      <PageHeading title={t('campaign.title')} count={items ? t('campaign.count', { count: nf.format(items.length) }) : null} countTestId="campaigns-total">
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')} data-testid="campaign-new">
          {t('campaign.new')}
        </Button>
      </PageHeading>

      <SegmentStrip onLaunch={(segment) => setRunning({ kind: 'launch', segment })} />

      {error != null && <ErrorAlert title={t('campaign.error.title')} error={error} onRetry={() => void refetch()} />}
      {toggle.error != null && <ErrorAlert error={toggle.error} />}

      <PageTable
        label={t('campaign.table.label')}
        loading={loading}
        columns={columns}
        empty={
          items && items.length === 0 && (
            <EmptyState
              icon={<CampaignIcon />}
              title={t('campaign.empty.title')}
              body={t('campaign.empty.body')}
              action={
                <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
                  {t('campaign.new')}
                </Button>
              }
            />
          )
        }
      >
        {(items ?? []).map((c) => (
          <TableRow key={c.id} hover data-testid="campaign-row" data-campaign={c.name}>
            <TableCell sx={{ px: 1.5 }}>
              <Box
                // Up to two lines, as a list's name: a campaign is known by its whole name ("Care for customers with no
                // care or s…" at 1366×768 in English, found by a new user).
                sx={{ overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', fontWeight: 500 }}
                title={nameOf(c)}
                data-testid="campaign-shown-name"
              >
                {nameOf(c)}
              </Box>
              {/* Two lines: a built-in's source is what tells the 15 apart; a supervisor's own says what it selects. */}
              <Typography
                variant="caption"
                color="text.secondary"
                component="div"
                data-testid="campaign-what"
                sx={{ overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}
                title={whatOf(c)}
              >
                {whatOf(c)}
              </Typography>
            </TableCell>
            <TableCell sx={{ px: 1.5 }}>
              <ListTypeChip type={c.listType as ListType} name={nameOf(c)} />
            </TableCell>
            <TableCell sx={{ px: 1.5, color: c.enabled ? undefined : 'text.secondary' }} data-testid="campaign-schedule">
              {scheduleText(t, c)}
            </TableCell>
            <TableCell align="center" sx={{ px: 0.5 }}>
              {/* What on means depends on how it runs: say it where the switch is, not only in the dialog. */}
              <Tooltip title={t(c.schedule === 'once' ? 'campaign.field.enabledOnce' : 'campaign.field.enabled')}>
                <Switch
                  size="small"
                  checked={c.enabled}
                  disabled={toggling === c.id}
                  onChange={(e) => void setEnabled(c, e.target.checked)}
                  slotProps={{ input: { 'aria-label': t('campaign.enabledLabel', { name: nameOf(c) }), 'data-testid': 'campaign-enabled-switch' } as object }}
                />
              </Tooltip>
            </TableCell>
            <TableCell sx={{ px: 1.5 }} data-testid="campaign-last-run">
              {c.lastRun ? (
                <>
                  <Box sx={{ whiteSpace: 'nowrap' }}>{fmt.date(c.lastRun.runDay)}</Box>
                  {/* Wraps at its · rather than cut: in English "275 new · 55 joi…" lost the joined count. */}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t('campaign.lastRun.counts', { newTasks: nf.format(c.lastRun.newTasks), joined: nf.format(c.lastRun.joined) })}
                  </Typography>
                </>
              ) : (
                <Box component="span" sx={{ color: 'text.disabled' }}>
                  {t('campaign.lastRun.never')}
                </Box>
              )}
            </TableCell>
            <TableCell sx={{ px: 1.5 }} data-testid="campaign-results">
              {c.results.lists > 0 ? (
                <>
                  <Box sx={{ whiteSpace: 'nowrap' }}>{t('campaign.results.issued', { count: nf.format(c.results.issued) })}</Box>
                  <Typography variant="caption" color="text.secondary" component="div" sx={{ whiteSpace: 'nowrap' }}>
                    {t('campaign.results.open', { count: nf.format(c.results.open) })}
                  </Typography>
                </>
              ) : (
                <Box component="span" sx={{ color: 'text.disabled' }}>
                  —
                </Box>
              )}
            </TableCell>
            <TableCell sx={{ px: 1, whiteSpace: 'nowrap' }}>
              <Button
                size="small"
                startIcon={<PlayArrowIcon />}
                onClick={() => setRunning({ kind: 'saved', campaign: c })}
                data-testid="campaign-preview-run"
                aria-label={t('campaign.previewRun.label', { name: nameOf(c) })}
              >
                {t('campaign.previewRun')}
              </Button>
              <Tooltip title={t('campaign.edit')}>
                <IconButton size="small" onClick={() => setEditing(c)} data-testid="campaign-edit" aria-label={t('campaign.edit.label', { name: nameOf(c) })}>
                  <EditOutlinedIcon fontSize="small" />
                </IconButton>
              </Tooltip>
              <Tooltip title={t('campaign.delete')}>
                <IconButton size="small" onClick={() => setDeleting(c)} data-testid="campaign-delete" aria-label={t('campaign.delete.label', { name: nameOf(c) })}>
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </PageTable>

      {editing && <CampaignDialog campaign={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {running && <CampaignRunDialog target={running} onClose={() => setRunning(null)} />}
      {deleting && (
        <DeleteDialog
          title={t('campaign.delete.title', { name: nameOf(deleting) })}
          body={t('campaign.delete.body')}
          confirm={t('campaign.delete.confirm')}
          testId="campaign-delete-confirm"
          remove={() => apiSave('campaign-delete', { id: deleting.id })}
          onClose={() => setDeleting(null)}
        />
      )}
    </Box>
  );
}
