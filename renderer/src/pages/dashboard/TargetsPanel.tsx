import FlagIcon from '@mui/icons-material/Flag';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { DashboardView, TargetProgressView } from '../../../../core/api';
import { targetShare, type TargetScopeKind } from '../../../../core/report/targets';
import { useApiQuery, useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useFormat } from '../../format';
import { useLabels, useT } from '../../i18n';

type Scope = TargetProgressView['scope'];
/**
 * The scopes a supervisor sets targets for: a list, an agent, a group, or a campaign — whose figures are those of
 * every list it made (core/report/targets.ts), so a daily campaign's week is one target, not one per day's list
 * (docs/product.md §11.4; a supervisor asked for "本周挽留活动 200 个接触" and could set it only list by list).
 */
const kinds = ['list', 'agent', 'group', 'campaign'] as const satisfies readonly TargetScopeKind[];
type Kind = (typeof kinds)[number];

/** "12 / 40" with a bar of the share reached (none without a target). */
function FigureCell({ figure, testId }: { figure: TargetProgressView['contacts']; testId: string }) {
  const fmt = useFormat();
  const share = targetShare(figure);
  return (
    <TableCell align="right" data-testid={testId} sx={{ minWidth: 120 }}>
      <Box sx={{ whiteSpace: 'nowrap' }}>
        <strong>{fmt.count(figure.value)}</strong>
        {figure.target !== null && <Box component="span" sx={{ color: 'text.secondary' }}>{` / ${fmt.count(figure.target)}`}</Box>}
        {share !== null && <Box component="span" sx={{ color: 'text.secondary', ml: 0.75, fontSize: '0.75rem' }}>{fmt.rate(share)}</Box>}
      </Box>
      {share !== null && (
        <LinearProgress variant="determinate" value={Math.min(100, share * 100)} color={share >= 1 ? 'success' : 'primary'} sx={{ mt: 0.5, height: 4, borderRadius: 2 }} aria-hidden />
      )}
    </TableCell>
  );
}

/** A target as typed: empty (none), a whole number of at most 7 digits, or a problem to say at the field. */
const figureProblem = (v: string): 'targets.notWhole' | null => (v.trim() === '' || /^\d{1,7}$/u.test(v.trim()) ? null : 'targets.notWhole');

/**
 * Sets (or clears) a weekly target: for a list, an agent or a group; for the week shown or for every week (the
 * default a week without its own target takes). An empty figure is "no target"; both empty removes it.
 */
function TargetDialog({ week, initial, onClose }: { week: string; initial: { scope: Scope; week: string | null } | null; onClose(): void }) {
  const t = useT();
  const labels = useLabels();
  const apiSave = useApiSave();
  const lists = useApiQuery('worklist-list', {});
  const agents = useApiQuery('agent-list', {});
  const groups = useApiQuery('group-list', {});
  const campaigns = useApiQuery('campaign-list', {});
  const stored = useApiQuery('target-list', {});
  const [kind, setKind] = useState<Kind>((initial?.scope.kind as Kind | undefined) ?? 'agent');
  const [id, setId] = useState(initial?.scope.id ?? '');
  const [forWeek, setForWeek] = useState<string | null>(initial ? initial.week : null);
  // The figures typed; until typed, those stored for the scope and week chosen.
  const [typed, setTyped] = useState<{ key: string; contacts: string; successes: string } | null>(null);
  const key = `${kind}|${id}|${forWeek ?? '*'}`;
  const current = stored.data?.items.find((x) => x.scope.kind === kind && x.scope.id === id && x.week === forWeek);
  const contacts = typed?.key === key ? typed.contacts : current?.contacts != null ? String(current.contacts) : '';
  const successes = typed?.key === key ? typed.successes : current?.successes != null ? String(current.successes) : '';
  const { busy, error, run } = useAction();
  const options: { id: string; label: string }[] =
    kind === 'list'
      ? (lists.data?.items ?? []).map((l) => ({ id: String(l.id), label: labels.listName(l.name) }))
      : kind === 'agent'
        ? (agents.data?.items ?? []).filter((a) => a.active).map((a) => ({ id: a.id, label: `${a.id} ${a.name}` }))
        : kind === 'group'
          ? (groups.data?.items ?? []).map((g) => ({ id: String(g.id), label: g.name }))
          : (campaigns.data?.items ?? []).map((c) => ({ id: String(c.id), label: c.name }));
  // Typed text is kept as typed and checked: "2.5" became 25 and "-5" 5 without a word (found by a new supervisor).
  const contactsProblem = figureProblem(contacts);
  const successesProblem = figureProblem(successes);
  const moreSuccessesThanContacts = !contactsProblem && !successesProblem && contacts.trim() !== '' && successes.trim() !== '' && Number(successes) > Number(contacts);
  const save = (clear: boolean) =>
    run(async () => {
      const n = (v: string) => (clear || v.trim() === '' ? null : Number(v.trim()));
      await apiSave('target-save', { scope: { kind, id }, week: forWeek, contacts: n(contacts), successes: n(successes) });
      onClose();
    });
  const loadError = lists.error ?? agents.error ?? groups.error ?? campaigns.error ?? stored.error;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="target-title">
      <DialogTitle id="target-title">{t('targets.dialogTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            size="small"
            label={t('targets.for')}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setId('');
            }}
            disabled={initial !== null}
          >
            {kinds.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`targets.kind.${k}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={t(`targets.kind.${kind}`)}
            value={options.some((o) => o.id === id) ? id : ''}
            onChange={(e) => setId(e.target.value)}
            disabled={initial !== null}
            helperText={kind === 'group' && options.length === 0 ? t('targets.noGroups') : kind === 'campaign' ? t('targets.campaignHint') : undefined}
            slotProps={{ htmlInput: { 'data-testid': 'target-scope' } }}
          >
            {options.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('targets.week')} value={forWeek ?? '*'} onChange={(e) => setForWeek(e.target.value === '*' ? null : e.target.value)}>
            <MenuItem value="*">{t('targets.everyWeek')}</MenuItem>
            <MenuItem value={initial?.week ?? week}>{t('targets.onlyWeek', { week: initial?.week ?? week })}</MenuItem>
          </TextField>
          <Stack direction="row" spacing={1.5}>
            <TextField
              size="small"
              label={t('targets.contacts')}
              value={contacts}
              onChange={(e) => setTyped({ key, contacts: e.target.value, successes })}
              error={contactsProblem !== null}
              helperText={contactsProblem && t(contactsProblem)}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'target-contacts' } }}
            />
            <TextField
              size="small"
              label={t('targets.successes')}
              value={successes}
              onChange={(e) => setTyped({ key, contacts, successes: e.target.value })}
              error={successesProblem !== null}
              helperText={successesProblem && t(successesProblem)}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'target-successes' } }}
            />
          </Stack>
          {moreSuccessesThanContacts && (
            <Alert severity="warning" sx={{ py: 0 }} data-testid="target-more-successes">
              {t('targets.moreSuccessesThanContacts')}
            </Alert>
          )}
          {forWeek === null && current && (
            <Typography variant="body2" color="text.secondary" data-testid="target-from-now">
              {t('targets.everyWeekFromNow')}
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {t('targets.dialogHint')}
          </Typography>
          {loadError != null && <ErrorAlert error={loadError} />}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        {current && (
          <Button color="error" onClick={() => void save(true)} disabled={busy} sx={{ mr: 'auto' }}>
            {t('targets.clear')}
          </Button>
        )}
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save(false)} disabled={busy || !id || (contacts.trim() === '' && successes.trim() === '') || contactsProblem !== null || successesProblem !== null} data-testid="target-save">
          {t('accounts.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * 周目标 (issue 17 #5, docs/product.md §7.4): each list, agent and group with a target this week, its contacts and
 * successes against it ("12 / 40"), and where supervisors set them. Targets are weekly: another period says so.
 */
export function TargetsPanel({ targets, week }: { targets: DashboardView['targets']; week: string }) {
  const t = useT();
  const [editing, setEditing] = useState<{ scope: Scope; week: string | null } | 'new' | null>(null);
  const fromWord = (r: TargetProgressView) => t(`targets.from.${r.from}`);
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid="dash-targets">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ color: 'primary.dark', flex: 1 }}>
          {t('targets.title', { week: targets?.week ?? week })}
        </Typography>
        <Button size="small" startIcon={<FlagIcon />} onClick={() => setEditing('new')} data-testid="target-new">
          {t('targets.set')}
        </Button>
      </Stack>
      {targets === null ? (
        <Typography variant="body2" color="text.secondary">
          {t('targets.weekOnly')}
        </Typography>
      ) : targets.rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('targets.none')}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('targets.col.for')}</TableCell>
              <TableCell align="right">{t('targets.col.contacts')}</TableCell>
              <TableCell align="right">{t('targets.col.successes')}</TableCell>
              <TableCell>{t('targets.col.from')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {targets.rows.map((r) => (
              <TableRow key={`${r.scope.kind} ${r.scope.id}`} data-testid="dash-target-row" data-scope={`${r.scope.kind} ${r.scope.id}`}>
                <TableCell>
                  <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>
                    {t(`targets.kind.${r.scope.kind}`)}
                  </Box>
                  {r.name ?? r.scope.id}
                </TableCell>
                <FigureCell figure={r.contacts} testId="dash-target-contacts" />
                <FigureCell figure={r.successes} testId="dash-target-successes" />
                <TableCell sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>{fromWord(r)}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => setEditing({ scope: r.scope, week: r.from === 'every-week' ? null : targets.week })}>
                    {t('accounts.editButton')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && <TargetDialog week={targets?.week ?? week} initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
