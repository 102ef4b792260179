import PersonAddIcon from '@mui/icons-material/PersonAdd';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { OperationOutput } from '../../../../core/api';
import { useApiQuery, useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useFormat } from '../../format';
import { useT } from '../../i18n';
import { GroupsPanel } from './GroupsPanel';

type Account = OperationOutput<'agent-list'>['items'][number];
const pinOk = (p: string) => /^\d{6,12}$/u.test(p);

function AccountDialog({ account, accounts, onClose, onSaved }: { account: Account | null; accounts: readonly Account[]; onClose(): void; onSaved(): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const isNew = account === null;
  const [id, setId] = useState(account?.id ?? '');
  const [name, setName] = useState(account?.name ?? '');
  const [role, setRole] = useState<'agent' | 'supervisor'>(account?.role ?? 'agent');
  const [hall, setHall] = useState(account?.hall ?? '');
  const [active, setActive] = useState(account?.active ?? true);
  const [pin, setPin] = useState('');
  const { busy, error, run } = useAction();
  // A new account under a taken id is refused by the backend too (api.account-exists); said here as it is typed.
  const taken = isNew ? accounts.find((a) => a.id === id.trim()) : undefined;
  const ready = id.trim() && name.trim() && !taken && (!isNew || pinOk(pin));
  const save = () =>
    run(async () => {
      await apiSave('agent-save', { id: id.trim(), name: name.trim(), role, hall: hall.trim() || null, active, ...(isNew ? { pin } : {}) });
      onSaved();
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="account-title">
      <DialogTitle id="account-title">{isNew ? t('accounts.new') : t('accounts.edit', { id: account.id })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={t('signIn.agentId')}
            value={id}
            onChange={(e) => setId(e.target.value)}
            disabled={!isNew}
            autoFocus={isNew}
            error={taken !== undefined}
            helperText={taken ? t('accounts.idTaken', { id: taken.id, name: taken.name }) : undefined}
            slotProps={{ htmlInput: { 'data-testid': 'account-id' } }}
          />
          <TextField label={t('setup.name')} value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'account-name' } }} />
          <TextField select label={t('accounts.role')} value={role} onChange={(e) => setRole(e.target.value as 'agent' | 'supervisor')}>
            <MenuItem value="agent">{t('role.agent')}</MenuItem>
            <MenuItem value="supervisor">{t('role.supervisor')}</MenuItem>
          </TextField>
          <TextField label={t('accounts.hall')} helperText={t('accounts.hallHint')} value={hall} onChange={(e) => setHall(e.target.value)} />
          {isNew ? (
            <TextField
              label={t('accounts.firstPin')}
              type="password"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/gu, ''))}
              helperText={t('setup.pinRule')}
              error={pin.length > 0 && !pinOk(pin)}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12, 'data-testid': 'account-pin' } }}
            />
          ) : (
            <FormControlLabel control={<Switch checked={active} onChange={(e) => setActive(e.target.checked)} />} label={t('accounts.active')} />
          )}
          {/* Turned off, the agent's open tasks stay theirs and nobody calls them: said before saving (found by a new supervisor). */}
          {!isNew && account.active && !active && account.openTasks > 0 && (
            <Alert severity="warning" data-testid="account-off-open-tasks">
              {t('accounts.offWithOpenTasks', { id: account.id, count: account.openTasks })}
            </Alert>
          )}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || !ready} data-testid="account-save">
          {t('accounts.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ResetPinDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const [pin, setPin] = useState('');
  const { error, run } = useAction();
  const [done, setDone] = useState(false);
  const reset = () =>
    run(async () => {
      await apiSave('agent-reset-pin', { id: account.id, pin });
      setDone(true);
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="reset-title">
      <DialogTitle id="reset-title">{t('accounts.resetTitle', { id: account.id, name: account.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('accounts.resetBody')}
          </Typography>
          <TextField
            label={t('accounts.newPin')}
            type="password"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/gu, ''))}
            helperText={t('setup.pinRule')}
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 12 } }}
          />
          {done && <Alert severity="success">{t('accounts.resetDone')}</Alert>}
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" onClick={() => void reset()} disabled={!pinOk(pin) || done}>
          {t('accounts.reset')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Supervisors keep the workspace's accounts: agents and supervisors, their halls, PIN resets, and agent groups. */
export function AccountsPage() {
  const t = useT();
  const fmt = useFormat();
  const accounts = useApiQuery('agent-list', {});
  // Each account's groups by name (an agent may be in several), beside the account.
  const groups = useApiQuery('group-list', {});
  const groupsOf = (id: string) => (groups.data?.items ?? []).filter((g) => g.agentIds.includes(id)).map((g) => g.name);
  const items: Account[] | null = accounts.data?.items ?? null;
  const error = accounts.error;
  const [editing, setEditing] = useState<Account | null | 'new'>(null);
  const [resetting, setResetting] = useState<Account | null>(null);

  return (
    <Box sx={{ p: 3, display: 'grid', gap: 2, alignContent: 'start' }} data-testid="accounts">
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {t('accounts.title')}
        </Typography>
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setEditing('new')} data-testid="account-new">
          {t('accounts.new')}
        </Button>
      </Stack>
      {error != null && <ErrorAlert title={t('accounts.error')} error={error} onRetry={() => void accounts.refetch()} />}
      <Paper variant="outlined">
        <Table size="small" aria-label={t('accounts.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('signIn.agentId')}</TableCell>
              <TableCell>{t('setup.name')}</TableCell>
              <TableCell>{t('accounts.role')}</TableCell>
              <TableCell>{t('accounts.hall')}</TableCell>
              <TableCell>{t('groups.title')}</TableCell>
              <TableCell align="right">{t('accounts.openTasks')}</TableCell>
              <TableCell>{t('accounts.state')}</TableCell>
              <TableCell>{t('lists.col.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(items ?? []).map((a) => (
              <TableRow key={a.id} data-testid="account-row" data-account={a.id} sx={{ opacity: a.active ? 1 : 0.6 }}>
                <TableCell sx={{ fontWeight: 600 }}>{a.id}</TableCell>
                <TableCell>{a.name}</TableCell>
                <TableCell>{t(a.role === 'supervisor' ? 'role.supervisor' : 'role.agent')}</TableCell>
                <TableCell>{fmt.text(a.hall)}</TableCell>
                <TableCell data-testid="account-groups">{fmt.text(groupsOf(a.id).join(t('common.listSeparator')) || null)}</TableCell>
                <TableCell align="right">{fmt.count(a.openTasks)}</TableCell>
                <TableCell>
                  <Chip size="small" color={a.active ? 'success' : 'default'} variant="outlined" label={t(a.active ? 'accounts.on' : 'accounts.off')} />
                  {a.lockedUntil && (
                    <Tooltip title={t('accounts.lockedHint')} describeChild>
                      <Chip size="small" color="warning" label={t('accounts.locked', { until: fmt.dateTime(a.lockedUntil) })} data-testid="account-locked" sx={{ ml: 0.5 }} />
                    </Tooltip>
                  )}
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => setEditing(a)}>
                    {t('accounts.editButton')}
                  </Button>
                  <Button size="small" onClick={() => setResetting(a)}>
                    {t('accounts.reset')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {editing && (
        <AccountDialog
          account={editing === 'new' ? null : editing}
          accounts={items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
          }}
        />
      )}
      {resetting && <ResetPinDialog account={resetting} onClose={() => setResetting(null)} />}
      <GroupsPanel accounts={items ?? []} />
    </Box>
  );
}
