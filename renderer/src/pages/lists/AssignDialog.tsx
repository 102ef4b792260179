import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { OperationOutput } from '../../../../core/api';
import { useApiQuery, useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useLabels, useT } from '../../i18n';

type Agent = OperationOutput<'agent-list'>['items'][number];
type Result = OperationOutput<'task-assign'>;
type Mode = 'evenly' | 'group' | 'by-column' | 'to';

/** The columns of a work list that usually name who should work a task. */
const namingColumns = ['manager', 'hall'] as const;

/** What to assign: a list's open tasks, or tasks picked by hand in the queue. */
export type AssignTarget = { listId: number; name: string } | { taskIds: number[] };

/** Turns open tasks into agents' tasks: evenly, evenly to a group's members, by a column naming the agent, or all to one agent. */
export function AssignDialog({ target, onClose, onDone }: { target: AssignTarget; onClose(): void; onDone(): void }) {
  const t = useT();
  const labels = useLabels();
  const apiSave = useApiSave();
  const accounts = useApiQuery('agent-list', {});
  const agents: Agent[] | null = useMemo(() => accounts.data?.items.filter((a) => a.active && a.role === 'agent') ?? null, [accounts.data]);
  const [mode, setMode] = useState<Mode>('evenly');
  // Every agent chosen and the first one as the single target, once the accounts are read.
  const [chosenPick, setChosen] = useState<string[] | null>(null);
  const [singlePick, setSingle] = useState<string | null>(null);
  const chosen = chosenPick ?? agents?.map((a) => a.id) ?? [];
  const single = singlePick ?? agents?.[0]?.id ?? '';
  const [column, setColumn] = useState<string>('manager');
  // Agent groups (issue 17 #5): the backend gives the tasks evenly to the group's active members.
  const groupList = useApiQuery('group-list', {});
  const groups = groupList.data?.items ?? [];
  const [groupPick, setGroup] = useState<number | null>(null);
  const groupId = groupPick ?? groups[0]?.id ?? null;
  // Picked by hand means "these, to whom I say"; a whole list by default fills only the gaps.
  const [onlyUnassigned, setOnlyUnassigned] = useState('listId' in target);
  const { busy, error: actionError, run: act } = useAction();
  const error = actionError ?? accounts.error;
  const [result, setResult] = useState<Result | null>(null);


  const ready = mode === 'evenly' ? chosen.length > 0 : mode === 'group' ? groupId !== null : mode === 'to' ? !!single : !!column;
  const m =
    mode === 'evenly'
      ? { kind: 'evenly' as const, agentIds: chosen }
      : mode === 'group'
        ? { kind: 'group' as const, groupId: groupId ?? 0 }
        : mode === 'to'
          ? { kind: 'to' as const, agentId: single }
          : { kind: 'by-column' as const, column };
  const input = { ...('listId' in target ? { listId: target.listId } : { taskIds: target.taskIds }), mode: m, onlyUnassigned };
  // Who would get how many, before anything is written; it follows every change of the settings above.
  const preview = useApiQuery('task-assign-preview', input, { enabled: ready && !!agents && !result, keepPrevious: true });
  const run = () =>
    act(async () => {
      setResult(await apiSave('task-assign', input));
      onDone();
    });
  const nameOf = (id: string) => agents?.find((a) => a.id === id)?.name ?? '';

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="assign-title">
      <DialogTitle id="assign-title">
        {'listId' in target ? t('assign.title', { name: target.name }) : t('queueSelect.assignTitle', { count: target.taskIds.length })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <ToggleButtonGroup exclusive size="small" value={mode} onChange={(_, v: Mode | null) => v && setMode(v)} aria-label={t('assign.mode')}>
            <ToggleButton value="evenly" data-testid="assign-mode-evenly">{t('assign.mode.evenly')}</ToggleButton>
            <ToggleButton value="group" data-testid="assign-mode-group">{t('assign.mode.group')}</ToggleButton>
            <ToggleButton value="by-column" data-testid="assign-mode-column">{t('assign.mode.column')}</ToggleButton>
            <ToggleButton value="to" data-testid="assign-mode-to">{t('assign.mode.to')}</ToggleButton>
          </ToggleButtonGroup>
          {mode === 'evenly' && (
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' }}>
              {(agents ?? []).map((a) => (
                <FormControlLabel
                  key={a.id}
                  control={<Checkbox checked={chosen.includes(a.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))} />}
                  label={t('assign.agent', { id: a.id, name: a.name, open: a.openTasks })}
                />
              ))}
            </Box>
          )}
          {mode === 'group' &&
            (groups.length === 0 ? (
              <Typography variant="body2" color="text.secondary" data-testid="assign-no-groups">
                {t('assign.noGroups')}
              </Typography>
            ) : (
              <TextField
                select
                size="small"
                label={t('assign.group')}
                value={groupId ?? ''}
                onChange={(e) => setGroup(Number(e.target.value))}
                helperText={t('assign.groupHint')}
                slotProps={{ htmlInput: { 'data-testid': 'assign-group' } }}
              >
                {groups.map((g) => (
                  <MenuItem key={g.id} value={g.id}>
                    {t('assign.groupOption', { name: g.name, count: g.agentIds.length })}
                  </MenuItem>
                ))}
              </TextField>
            ))}
          {mode === 'by-column' && (
            <TextField select size="small" label={t('assign.column')} value={column} onChange={(e) => setColumn(e.target.value)} helperText={t('assign.columnHint')}>
              {namingColumns.map((c) => (
                <MenuItem key={c} value={c}>
                  {labels.field(c)}
                </MenuItem>
              ))}
            </TextField>
          )}
          {mode === 'to' && (
            <TextField select size="small" label={t('assign.toAgent')} value={single} onChange={(e) => setSingle(e.target.value)}>
              {(agents ?? []).map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {t('assign.agent', { id: a.id, name: a.name, open: a.openTasks })}
                </MenuItem>
              ))}
            </TextField>
          )}
          <FormControlLabel control={<Checkbox checked={onlyUnassigned} onChange={(e) => setOnlyUnassigned(e.target.checked)} />} label={t('assign.onlyUnassigned')} />
          {(mode === 'evenly' || mode === 'group') && (
            <Typography variant="body2" color="text.secondary">
              {t('assign.evenlyBalances')}
            </Typography>
          )}
          {!result && preview.data && (
            <Box data-testid="assign-preview" sx={{ opacity: preview.isFetching ? 0.6 : 1 }}>
              <Typography variant="subtitle2">
                {preview.data.considered === 0
                  ? t(onlyUnassigned ? 'assign.nothingUnassigned' : 'assign.nothingOpen')
                  : t('assign.preview.summary', { assigned: preview.data.assigned, considered: preview.data.considered })}
              </Typography>
              {preview.data.loads.length > 0 && (
                <Table size="small" aria-label={t('assign.preview.title')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('assign.preview.agent')}</TableCell>
                      <TableCell align="right">{t('assign.preview.before')}</TableCell>
                      <TableCell align="right">{t('assign.preview.adding')}</TableCell>
                      <TableCell align="right">{t('assign.preview.after')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {preview.data.loads.map((l) => (
                      <TableRow key={l.agentId} data-testid="assign-preview-row" data-agent={l.agentId}>
                        <TableCell>{`${l.agentId} ${nameOf(l.agentId)}`}</TableCell>
                        <TableCell align="right">{l.before}</TableCell>
                        <TableCell align="right" sx={{ color: l.after > l.before ? 'success.dark' : l.after < l.before ? 'error.main' : 'text.secondary' }}>
                          {l.after > l.before ? `+${l.after - l.before}` : l.after < l.before ? `−${l.before - l.after}` : '±0'}
                        </TableCell>
                        <TableCell align="right" sx={{ fontWeight: 600 }}>{l.after}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              {preview.data.unmatched.length > 0 && (
                <Typography variant="body2" color="warning.main">
                  {t('assign.unmatched')}
                  {preview.data.unmatched.slice(0, 8).map((u) => `${u.value} (${u.tasks})`).join(t('common.listSeparator'))}
                </Typography>
              )}
            </Box>
          )}
          {preview.error != null && !result && <ErrorAlert error={preview.error} />}
          {result && (
            <Alert severity={result.unmatched.length ? 'warning' : 'success'} data-testid="assign-result">
              <Typography variant="body2">
                {result.considered === 0 ? t(onlyUnassigned ? 'assign.nothingUnassigned' : 'assign.nothingOpen') : t('assign.result', { assigned: result.assigned, considered: result.considered })}
              </Typography>
              {Object.keys(result.perAgent).length > 0 && (
                <Typography variant="body2">{Object.entries(result.perAgent).map(([id, n]) => `${id} ${n}`).join(t('common.listSeparator'))}</Typography>
              )}
              {result.unmatched.length > 0 && (
                <Typography variant="body2">
                  {t('assign.unmatched')}
                  {result.unmatched.slice(0, 8).map((u) => `${u.value} (${u.tasks})`).join(t('common.listSeparator'))}
                </Typography>
              )}
            </Alert>
          )}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" onClick={() => void run()} disabled={busy || !ready || !agents || !!result || preview.data?.assigned === 0} data-testid="assign-run">
          {preview.data && !result ? t('assign.runCount', { count: preview.data.assigned }) : t('assign.run')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
