import GroupAddIcon from '@mui/icons-material/GroupAdd';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
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
import type { GroupView, OperationOutput } from '../../../../core/api';
import { useApiQuery, useApiSave } from '../../api/query';
import { DeleteDialog } from '../../components/DeleteDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useT } from '../../i18n';

type Account = OperationOutput<'agent-list'>['items'][number];

function GroupDialog({ group, accounts, onClose }: { group: GroupView | null; accounts: readonly Account[]; onClose(): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const [name, setName] = useState(group?.name ?? '');
  const [members, setMembers] = useState<string[]>(group?.agentIds ?? []);
  const { busy, error, run } = useAction();
  const label = (id: string) => {
    const a = accounts.find((x) => x.id === id);
    return a ? `${a.id} ${a.name}${a.active ? '' : ` (${t('accounts.off')})`}` : id;
  };
  const save = () =>
    run(async () => {
      await apiSave('group-save', { ...(group ? { id: group.id } : {}), name: name.trim(), agentIds: members });
      onClose();
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="group-title">
      <DialogTitle id="group-title">{group ? t('groups.edit', { name: group.name }) : t('groups.new')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={t('groups.name')}
            placeholder={t('groups.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
            slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'group-name' } }}
          />
          <Autocomplete
            multiple
            disableCloseOnSelect
            options={accounts.map((a) => a.id)}
            value={members}
            onChange={(_, v) => setMembers(v)}
            getOptionLabel={label}
            renderInput={(params) => (
              <TextField
                {...params}
                label={t('groups.members')}
                helperText={t('groups.membersHint')}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'group-members' } }}
              />
            )}
          />
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || !name.trim()} data-testid="group-save">
          {t('accounts.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Agent groups (issue 17 #5) on the accounts page: a team by name (滨江营业厅外呼组) and its members; an agent may be in
 * several. Groups are what the assign dialog can give a list to evenly, and rows of their own in the reports.
 */
export function GroupsPanel({ accounts }: { accounts: readonly Account[] }) {
  const t = useT();
  const groups = useApiQuery('group-list', {});
  const apiSave = useApiSave();
  const [editing, setEditing] = useState<GroupView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<GroupView | null>(null);
  const nameOf = (id: string) => accounts.find((a) => a.id === id)?.name ?? '';
  const items = groups.data?.items ?? [];
  return (
    <Box sx={{ display: 'grid', gap: 1 }} data-testid="groups">
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h6" component="h2">
            {t('groups.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('groups.hint')}
          </Typography>
        </Box>
        <Button variant="outlined" startIcon={<GroupAddIcon />} onClick={() => setEditing('new')} data-testid="group-new">
          {t('groups.new')}
        </Button>
      </Stack>
      {groups.error != null && <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />}
      <Paper variant="outlined">
        <Table size="small" aria-label={t('groups.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('groups.name')}</TableCell>
              <TableCell>{t('groups.members')}</TableCell>
              <TableCell>{t('lists.col.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.length === 0 && groups.data && (
              <TableRow>
                <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                  {t('groups.none')}
                </TableCell>
              </TableRow>
            )}
            {items.map((g) => (
              <TableRow key={g.id} data-testid="group-row" data-group={g.name}>
                <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{g.name}</TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                    {g.agentIds.length === 0 && <Typography variant="body2" color="text.secondary">{t('groups.noMembers')}</Typography>}
                    {g.agentIds.map((id) => (
                      <Chip key={id} size="small" variant="outlined" label={`${id} ${nameOf(id)}`.trim()} />
                    ))}
                  </Box>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => setEditing(g)}>
                    {t('accounts.editButton')}
                  </Button>
                  <Button size="small" color="error" onClick={() => setDeleting(g)}>
                    {t('groups.delete')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {editing && <GroupDialog group={editing === 'new' ? null : editing} accounts={accounts} onClose={() => setEditing(null)} />}
      {deleting && (
        <DeleteDialog
          title={t('groups.deleteTitle', { name: deleting.name })}
          body={t('groups.deleteBody')}
          confirm={t('groups.delete')}
          testId="group-delete-confirm"
          width="xs"
          remove={() => apiSave('group-delete', { id: deleting.id })}
          onClose={() => setDeleting(null)}
        />
      )}
    </Box>
  );
}
