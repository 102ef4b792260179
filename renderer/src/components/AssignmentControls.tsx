import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useMemo } from 'react';
import type { OperationOutput } from '../../../core/api';
import { useApiQuery } from '../api/query';
import { useLabels, useT, type PlainMessageKey } from '../i18n';

export type Agent = OperationOutput<'agent-list'>['items'][number];
/** How tasks go to agents: as the assign dialog hands out a list's tasks, and as a campaign hands out its new ones. */
export type AssignMode = 'none' | 'evenly' | 'group' | 'by-column' | 'to';
export type Group = OperationOutput<'group-list'>['items'][number];

/** The columns of a work list that usually name who should work a task. */
export const namingColumns = ['manager', 'hall'] as const;

/** The active agents who can be given tasks (null until the accounts are read), and the read's error. */
export function useAssignableAgents(): { agents: Agent[] | null; error: unknown } {
  const accounts = useApiQuery('agent-list', {});
  const agents = useMemo(() => accounts.data?.items.filter((a) => a.active && a.role === 'agent') ?? null, [accounts.data]);
  return { agents, error: accounts.error };
}

/** The agent groups (issue 17 #5): the backend gives tasks evenly to a group's active members. */
export function useAgentGroups(): Group[] {
  return useApiQuery('group-list', {}).data?.items ?? [];
}

const modeLabels: Record<AssignMode, PlainMessageKey> = {
  none: 'assign.mode.none',
  evenly: 'assign.mode.evenly',
  group: 'assign.mode.group',
  'by-column': 'assign.mode.column',
  to: 'assign.mode.to',
};
const modeTestIds: Record<AssignMode, string> = { none: 'assign-mode-none', evenly: 'assign-mode-evenly', group: 'assign-mode-group', 'by-column': 'assign-mode-column', to: 'assign-mode-to' };

/**
 * The assignment controls: the way (evenly among the agents ticked, by a column naming the agent, all to one agent,
 * or — for a campaign — nobody yet), and what that way needs. The caller keeps the state.
 */
export function AssignmentControls({
  modes,
  mode,
  onMode,
  agents,
  chosen,
  onChosen,
  single,
  onSingle,
  column,
  onColumn,
  groups = [],
  groupId = null,
  onGroup = () => undefined,
  error,
}: {
  modes: readonly AssignMode[];
  mode: AssignMode;
  onMode(m: AssignMode): void;
  agents: Agent[] | null;
  chosen: string[];
  onChosen(ids: string[]): void;
  single: string;
  onSingle(id: string): void;
  column: string;
  onColumn(c: string): void;
  groups?: readonly Group[];
  groupId?: number | null;
  onGroup?(id: number): void;
  /** A problem with the choice, shown under it (no agent ticked). */
  error?: string | null;
}) {
  const t = useT();
  const labels = useLabels();
  return (
    <>
      <ToggleButtonGroup exclusive size="small" value={mode} onChange={(_, v: AssignMode | null) => v && onMode(v)} aria-label={t('assign.mode')} sx={{ flexWrap: 'wrap' }}>
        {modes.map((m) => (
          <ToggleButton key={m} value={m} data-testid={modeTestIds[m]}>
            {t(modeLabels[m])}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {mode === 'evenly' && (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' }} role="group" aria-label={t('assign.mode.evenly')}>
          {(agents ?? []).map((a) => (
            <FormControlLabel
              key={a.id}
              control={
                <Checkbox
                  checked={chosen.includes(a.id)}
                  onChange={(e) => onChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
                  slotProps={{ input: { 'data-agent': a.id } as object }}
                />
              }
              label={t('assign.agent', { id: a.id, name: a.name, open: a.openTasks })}
            />
          ))}
          {error && (
            <Box sx={{ gridColumn: '1 / -1', color: 'error.main', typography: 'caption' }} role="alert">
              {error}
            </Box>
          )}
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
            onChange={(e) => onGroup(Number(e.target.value))}
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
        <TextField select size="small" label={t('assign.column')} value={column} onChange={(e) => onColumn(e.target.value)} helperText={t('assign.columnHint')}>
          {namingColumns.map((c) => (
            <MenuItem key={c} value={c}>
              {labels.field(c)}
            </MenuItem>
          ))}
        </TextField>
      )}
      {mode === 'to' && (
        <TextField select size="small" label={t('assign.toAgent')} value={single} onChange={(e) => onSingle(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'assign-to-agent' } }}>
          {(agents ?? []).map((a) => (
            <MenuItem key={a.id} value={a.id} data-agent={a.id}>
              {t('assign.agent', { id: a.id, name: a.name, open: a.openTasks })}
            </MenuItem>
          ))}
        </TextField>
      )}
    </>
  );
}
