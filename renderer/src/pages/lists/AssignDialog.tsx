import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { OperationOutput } from '../../../../core/api';
import { useApiQuery, useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { AssignmentControls, useAgentGroups, useAssignableAgents, type AssignMode } from '../../components/AssignmentControls';
import { useT } from '../../i18n';

type Result = OperationOutput<'task-assign'>;
type Mode = Exclude<AssignMode, 'none'>;

/** What to assign: a list's open tasks, or tasks picked by hand in the queue. */
export type AssignTarget = { listId: number; name: string } | { taskIds: number[] };

/** Turns open tasks into agents' tasks: evenly, evenly to a group's members, by a column naming the agent, or all to one agent. */
export function AssignDialog({ target: opened, onClose, onDone }: { target: AssignTarget; onClose(): void; onDone(): void }) {
  const t = useT();
  // The tasks as the dialog was opened on them: once assigned, the queue clears its selection, and the title said
  // "分配所选的 0 个任务" beside the result for 3.
  const [target] = useState(opened);
  const apiSave = useApiSave();
  const { agents, error: agentsError } = useAssignableAgents();
  const [mode, setMode] = useState<Mode>('evenly');
  // Every agent chosen and the first one as the single target, once the accounts are read.
  const [chosenPick, setChosen] = useState<string[] | null>(null);
  const [singlePick, setSingle] = useState<string | null>(null);
  const chosen = chosenPick ?? agents?.map((a) => a.id) ?? [];
  const single = singlePick ?? agents?.[0]?.id ?? '';
  const [column, setColumn] = useState<string>('manager');
  // Agent groups (issue 17 #5): the backend gives the tasks evenly to the group's active members.
  const groups = useAgentGroups();
  const [groupPick, setGroup] = useState<number | null>(null);
  const groupId = groupPick ?? groups[0]?.id ?? null;
  // Picked by hand means "these, to whom I say"; a whole list by default fills only the gaps.
  const [onlyUnassigned, setOnlyUnassigned] = useState('listId' in target);
  const { busy, error: actionError, run: act } = useAction();
  const error = actionError ?? agentsError;
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
  // Every account, not only the agents offered above: a column may name a supervisor, and a result outlives a change.
  const accounts = useApiQuery('agent-list', {}).data?.items;
  const agentLabel = (id: string) => {
    const name = accounts?.find((a) => a.id === id)?.name;
    return name ? `${id} ${name}` : id;
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="assign-title">
      <DialogTitle id="assign-title">
        {'listId' in target ? t('assign.title', { name: target.name }) : t('queueSelect.assignTitle', { count: target.taskIds.length })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <AssignmentControls
            modes={['evenly', 'group', 'by-column', 'to']}
            mode={mode}
            onMode={(m) => setMode(m as Mode)}
            agents={agents}
            chosen={chosen}
            onChosen={setChosen}
            single={single}
            onSingle={setSingle}
            column={column}
            onColumn={setColumn}
            groups={groups}
            groupId={groupId}
            onGroup={setGroup}
          />
          <FormControlLabel control={<Checkbox checked={onlyUnassigned} onChange={(e) => setOnlyUnassigned(e.target.checked)} />} label={t('assign.onlyUnassigned')} />
          {(mode === 'evenly' || mode === 'group') && (
            <Typography variant="body2" color="text.secondary">
              {t('assign.evenlyBalances')}
            </Typography>
          )}
          {/* Only for a way that can run: the last preview is kept while the next loads, and a way that cannot (no agent
              group yet) kept the column way's 未匹配到坐席 under its own explanation. */}
          {!result && ready && preview.data && (
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
                        <TableCell>{agentLabel(l.agentId)}</TableCell>
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
          {preview.error != null && !result && ready && <ErrorAlert error={preview.error} />}
          {result && (
            <Alert severity={result.unmatched.length ? 'warning' : 'success'} data-testid="assign-result">
              <Typography variant="body2">
                {result.considered === 0 ? t(onlyUnassigned ? 'assign.nothingUnassigned' : 'assign.nothingOpen') : t('assign.result', { assigned: result.assigned, considered: result.considered })}
              </Typography>
              {Object.keys(result.perAgent).length > 0 && (
                <Typography variant="body2">
                  {Object.entries(result.perAgent)
                    .map(([id, n]) => t('assign.result.agent', { agent: agentLabel(id), count: n }))
                    .join(t('common.listSeparator'))}
                </Typography>
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
