import CallMergeIcon from '@mui/icons-material/CallMerge';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { WorkListSummary } from '../../../../core/api';
import { useApiQuery } from '../../api/query';
import { navigate } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeading, PageTable, type PageColumn } from '../../components/PageTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTypeChip } from '../../components/ListTypeChip';
import { useFormat } from '../../format';
import { useLabels, useLocale, useT } from '../../i18n';
import { useQueue } from '../queue/queueStore';
import { useSession } from '../../app/session';
import { AssignDialog } from './AssignDialog';
import { ImportDialog } from './ImportDialog';
import { CloseListDialog, DueDateDialog } from './ListLifecycleDialogs';
import { ExportOutcomesDialog, MergeOutcomesDialog } from './OutcomeDialogs';
import { TemplatesMenu } from './TemplatesMenu';

// The name takes what the others leave: at 1366×768 a list's name ("2026年第49周异动维系清单") was cut beside wide
// columns holding a chip, a date and three actions (found by a second pair of eyes).
const columns: PageColumn[] = [
  { id: 'name', label: 'lists.col.name' },
  { id: 'type', label: 'lists.col.type', width: 160 },
  { id: 'period', label: 'lists.col.period', width: 92 },
  { id: 'due', label: 'lists.col.due', width: 104 },
  { id: 'issued', label: 'lists.col.issued', align: 'right', width: 68 },
  { id: 'open', label: 'lists.col.open', align: 'right', width: 72 },
  { id: 'importedAt', label: 'lists.col.importedAt', width: 144 },
  { id: 'actions', label: 'lists.col.actions', width: 190 },
];
// An agent's "open" is their own part of the list, the part 查看任务 shows them; the team's figure under it. The team's
// figure alone read as theirs, and the queue it opened showed a tenth of it (found by a new agent).
const agentColumns: PageColumn[] = columns.map((c) => (c.id === 'open' ? { ...c, label: 'lists.col.mineOpen', width: 96 } : c));

export function WorkListsPage() {
  const t = useT();
  const labels = useLabels();
  const locale = useLocale();
  const fmt = useFormat();
  const { data, isFetching: loading, error, refetch } = useApiQuery('worklist-list', {});
  const items = data?.items ?? null;
  const [importing, setImporting] = useState(false);
  const [dialog, setDialog] = useState<'export' | 'merge' | null>(null);
  // Agents export their outcome file here; importing lists and merging agents' files is supervisors' work.
  const supervisor = useSession((s) => s.agent?.role === 'supervisor');
  const [assigning, setAssigning] = useState<{ id: number; name: string } | null>(null);
  const [menu, setMenu] = useState<{ anchor: HTMLElement; list: WorkListSummary } | null>(null);
  const [lifecycle, setLifecycle] = useState<{ kind: 'due' | 'close'; list: WorkListSummary } | null>(null);

  const nf = new Intl.NumberFormat(locale);
  const viewTasks = (listId: number) => {
    useQueue.getState().setFilters({ listId, status: null });
    navigate('queue');
  };

  return (
    <Box sx={{ p: 3, pb: 2, display: 'flex', flexDirection: 'column', gap: 2, flex: 1, minHeight: 0 }}>
      <PageHeading title={t('lists.title')} count={items ? t('lists.count', { count: nf.format(items.length) }) : null} countTestId="lists-total">
        <TemplatesMenu />
        <Button startIcon={<FileDownloadIcon />} onClick={() => setDialog('export')}>
          {t('outcomes.export.button')}
        </Button>
        {supervisor && (
          <Button startIcon={<CallMergeIcon />} onClick={() => setDialog('merge')}>
            {t('outcomes.merge.button')}
          </Button>
        )}
        {supervisor && (
          <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
            {t('lists.import')}
          </Button>
        )}
      </PageHeading>

      {error != null && <ErrorAlert title={t('lists.error.title')} error={error} onRetry={() => void refetch()} />}

      <PageTable
        label={t('lists.table.label')}
        loading={loading}
        columns={supervisor ? columns : agentColumns}
        empty={
          items && items.length === 0 && (
            <EmptyState
              icon={<PlaylistAddIcon />}
              title={t('lists.empty.title')}
              body={t('lists.empty.body')}
              action={
                supervisor ? (
                  <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
                    {t('lists.import')}
                  </Button>
                ) : undefined
              }
            />
          )
        }
      >
        {(items ?? []).map((l) => {
          // As the reader reads it (a built-in campaign's list in English): the cell, its title and the buttons' labels.
          const name = labels.listName(l.name);
          return (
            <TableRow key={l.id} hover data-testid="list-row" data-list-id={l.id} sx={l.closedAt ? { '& > td': { color: 'text.secondary' } } : undefined}>
              <TableCell sx={{ px: 1.5 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
                  <Box
                    data-testid="list-name"
                    // Up to two lines: a list is known by its whole name (cut at one line, "2026年11月无合约无粘性关…").
                    sx={{ overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', fontWeight: 500 }}
                    title={name}
                  >
                    {name}
                  </Box>
                  {l.closedAt && (
                    <Tooltip title={t('listLife.closed.tooltip', { at: fmt.dateTime(l.closedAt) })} describeChild>
                      <Chip size="small" label={t('listLife.closed')} data-testid="list-closed" sx={{ flexShrink: 0 }} />
                    </Tooltip>
                  )}
                  {l.demo && (
                    <Tooltip title={t('lists.demo.tooltip')} describeChild>
                      <Chip size="small" label={t('lists.demo')} data-testid="list-demo" sx={{ bgcolor: '#fff4d6', color: '#6b4a00', flexShrink: 0 }} />
                    </Tooltip>
                  )}
                </Box>
              </TableCell>
              <TableCell sx={{ px: 1.5 }}>
                <ListTypeChip type={l.type} name={l.name} />
              </TableCell>
              <TableCell sx={{ px: 1.5, color: l.period ? undefined : 'text.disabled' }}>{fmt.text(l.period)}</TableCell>
              <TableCell sx={{ px: 1.5, whiteSpace: 'nowrap', color: l.dueDate ? undefined : 'text.disabled' }}>{fmt.date(l.dueDate)}</TableCell>
              <TableCell align="right" sx={{ px: 1.5 }} data-testid="list-issued">
                {nf.format(l.issued)}
              </TableCell>
              <TableCell align="right" sx={{ px: 1.5 }} data-testid="list-open">
                {l.closedAt && l.open > 0 ? (
                  <Tooltip title={t('listLife.openElsewhere')}>
                    <Box component="span" sx={{ borderBottom: '1px dotted', cursor: 'help' }}>
                      {nf.format(l.open)}
                    </Box>
                  </Tooltip>
                ) : l.mine !== null ? (
                  <>
                    <Box component="span" data-testid="list-mine">
                      {nf.format(l.mine)}
                    </Box>
                    <Typography variant="caption" component="div" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                      {t('lists.openTeam', { count: nf.format(l.open) })}
                    </Typography>
                  </>
                ) : (
                  nf.format(l.open)
                )}
              </TableCell>
              <TableCell sx={{ px: 1.5, whiteSpace: 'nowrap' }}>{fmt.dateTime(l.importedAt)}</TableCell>
              <TableCell sx={{ px: 1 }}>
                <Button size="small" onClick={() => viewTasks(l.id)} aria-label={t('lists.viewTasks.label', { name })}>
                  {t('lists.viewTasks')}
                </Button>
                {supervisor && !l.closedAt && (
                  <>
                    <Button size="small" onClick={() => setAssigning({ id: l.id, name })} data-testid="list-assign" aria-label={t('assign.label', { name })}>
                      {t('assign.button')}
                    </Button>
                    <IconButton size="small" onClick={(e) => setMenu({ anchor: e.currentTarget, list: l })} data-testid="list-more" aria-label={t('listLife.more', { name })}>
                      <MoreVertIcon fontSize="small" />
                    </IconButton>
                  </>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </PageTable>

      <Menu anchorEl={menu?.anchor} open={menu !== null} onClose={() => setMenu(null)}>
        <MenuItem onClick={() => (setLifecycle({ kind: 'due', list: menu!.list }), setMenu(null))} data-testid="list-due">
          {t('listLife.due.menu')}
        </MenuItem>
        <MenuItem onClick={() => (setLifecycle({ kind: 'close', list: menu!.list }), setMenu(null))} data-testid="list-close" sx={{ color: 'error.main' }}>
          {t('listLife.close.menu')}
        </MenuItem>
      </Menu>
      {lifecycle?.kind === 'due' && <DueDateDialog list={lifecycle.list} onClose={() => setLifecycle(null)} />}
      {lifecycle?.kind === 'close' && <CloseListDialog list={lifecycle.list} onClose={() => setLifecycle(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {assigning && <AssignDialog target={{ listId: assigning.id, name: assigning.name }} onClose={() => setAssigning(null)} onDone={() => undefined} />}
      {dialog === 'export' && <ExportOutcomesDialog onClose={() => setDialog(null)} />}
      {dialog === 'merge' && <MergeOutcomesDialog onClose={() => setDialog(null)} />}
    </Box>
  );
}
