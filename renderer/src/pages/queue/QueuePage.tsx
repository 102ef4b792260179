import InboxIcon from '@mui/icons-material/Inbox';
import PhoneForwardedIcon from '@mui/icons-material/PhoneForwarded';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { QueueItem, TaskStatus } from '../../../../core/api';
import { useApiQuery, useQueryClient } from '../../api/query';
import { useAgentNames } from '../../components/useAgentNames';
import { apiQueryKey } from '../../api/live';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { KeysDialog } from '../../components/KeysDialog';
import { isTypingTarget, useWindowKeydown } from '../../components/useWindowKeydown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTypeChip } from '../../components/ListTypeChip';
import { FollowUpChip } from '../../components/FollowUpChip';
import { useContactReasons } from '../../components/ContactState';
import { allOption, ListTypeFilter, RiskLevelFilter } from '../../components/Filters';
import { StatusChip, taskStatuses } from '../../components/StatusChip';
import { useFormat } from '../../format';
import { useLabels, useLocale, useT, type PlainMessageKey } from '../../i18n';
import { isFiltered, lastPageIfPastEnd, listsByType, noFilters, queueInput, useQueue, type QueueSort } from './queueStore';
import { AssignDialog } from '../lists/AssignDialog';
import { useRiskWords } from '../../components/RiskLevelChip';
import { RowRisk } from './RowRisk';
import { TaskPreview } from './TaskPreview';
import { callableOnlyAfterDue, nextTaskToWork, soonestCallable } from './nextTask';
import { QueueWhyCell } from './QueueWhy';
import { SegmentDialog } from './SegmentDialog';

const ALL = '';

interface Column {
  id: string;
  /** A catalogue key, or a canonical field whose label comes from core. */
  label: { message: PlainMessageKey } | { field: string } | { pair: [string, string] };
  align?: 'right';
  width?: number | string;
  /** The sort a supervisor gets by clicking the header ('default': the queue's own order). */
  sort?: QueueSort;
  render(item: QueueItem, rank: number): ReactNode;
}

/**
 * A cell that keeps to `lines` lines (one by default) and shows the full text on hover when the column is too narrow
 * for it.
 */
function Clip({ text, missing, testId, lines = 1 }: { text: string | null; missing: string; testId?: string; lines?: number }) {
  if (!text)
    return (
      <Box sx={{ color: 'text.disabled' }} data-testid={testId}>
        {missing}
      </Box>
    );
  return (
    <Tooltip title={text} placement="top-start" enterDelay={600} describeChild>
      <Box
        sx={lines === 1 ? { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } : { overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: lines, WebkitBoxOrient: 'vertical', overflowWrap: 'anywhere' }}
        data-testid={testId}
      >
        {text}
      </Box>
    </Tooltip>
  );
}

/** A task's agent by name, the id in its tooltip (the id alone where the account is gone from the list). */
function AgentName({ id, name, missing }: { id: string | null; name: string | null; missing: string }) {
  if (!id)
    return (
      <Box sx={{ color: 'text.disabled' }} data-testid="row-agent">
        {missing}
      </Box>
    );
  return (
    <Tooltip title={name ? `${name} (${id})` : id} placement="top-start" enterDelay={600} describeChild>
      <Box sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="row-agent" data-agent={id}>
        {name ?? id}
      </Box>
    </Tooltip>
  );
}

/** A cell's padding either side (theme spacing): 8 px, where MUI's 16 px left the plan column 48 px at 1366×768. */
/** A call-back the customer asked for started the attempt count again: fewer are counted than the task has. */
const restarted = (i: QueueItem): boolean => i.contact.attemptsCounted !== null && i.contact.attemptsCounted < i.attempts;

const CELL_PX = 1;
/**
 * The selection column. MUI sizes a small table's checkbox cell 24 px wide with 28 px of padding (a rule with two
 * classes, which a plain sx width loses to), so the 20 px box overflowed into the rank column, whose sticky header
 * cell painted over half the select-all box.
 */
const CHECKBOX_CELL_SX = { '&.MuiTableCell-paddingCheckbox': { width: 44, px: 1.5 } } as const;

/**
 * The queue's columns. `withAgent`: the agent column, for a supervisor; an agent's queue holds only their own tasks,
 * where it said the same id on every row and took the width the list chips and plans were cut short for
 * ("Weekly ano…", "全球通畅享…"). A supervisor's row also has the checkbox: its other columns are as narrow as their
 * widest content allows, so that the plan (the column without a width) reads "全球通畅享套餐 / 238元" whole.
 */
function useColumns(sort: QueueSort, withAgent: boolean): Column[] {
  const t = useT();
  const fmt = useFormat();
  const words = useRiskWords();
  const m = fmt.missing;
  // Agents by name, as a supervisor knows them; the id in the tooltip. Only a supervisor's queue has the column.
  const agentNames = useAgentNames(withAgent);
  return [
    { id: 'rank', label: { message: 'queue.col.rank' }, align: 'right', width: 48, sort: 'default', render: (_, rank) => rank },
    // May I call now (the icon), and why the row sits here (issue 15 #4).
    // Wide enough for "Medium 36% × ¥12,685": the P it ranks by names the level or the model (QueueWhy.tsx).
    { id: 'why', label: { message: 'queue.col.why' }, width: withAgent ? 200 : 212, render: (i) => <QueueWhyCell item={i} sort={sort} /> },
    {
      // The level first: it is what the agent scans the list for; the score is the detail.
      id: 'risk',
      label: { message: 'queue.col.risk' },
      width: withAgent ? 80 : 96,
      sort: 'level',
      render: (i) => <RowRisk item={i} />,
    },
    {
      // Number and name share a cell: they identify one person, and the plan column needs the width.
      id: 'customer',
      label: { message: 'queue.col.customer' },
      width: withAgent ? 108 : 112,
      render: (i) => (
        <>
          <Box sx={{ whiteSpace: 'nowrap', letterSpacing: '0.02em' }} data-testid="row-msisdn">
            {i.msisdnMasked}
          </Box>
          <Box sx={{ color: i.nameMasked ? 'text.secondary' : 'text.disabled' }} data-testid="row-name">
            {i.nameMasked ?? m}
          </Box>
        </>
      ),
    },
    {
      // Tier under the plan, for the same reason: both describe what the customer pays.
      id: 'plan',
      label: { pair: ['plan_name', 'tier'] },
      render: (i) => (
        <>
          {/* Two lines: plan names differ at their end (全球通畅享套餐 238 元 / 288 元), where one line cut them. */}
          <Clip text={i.planName} missing={m} testId="row-plan" lines={2} />
          <Box sx={{ color: i.tier ? 'text.secondary' : 'text.disabled' }} data-testid="row-tier" data-tier={i.tier ?? undefined}>
            {i.tier ? words.tier(i.tier) : m}
          </Box>
        </>
      ),
    },
    {
      id: 'lists',
      label: { message: 'queue.col.lists' },
      width: withAgent ? 132 : 184,
      render: (i) =>
        i.lists.length === 0 && !i.followUp ? (
          <Box sx={{ color: 'text.disabled' }}>{m}</Box>
        ) : (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {/* A follow-up task came from an accepted offer (issue 17 #4): it says so where a list would. */}
            {i.followUp && <FollowUpChip followUp={i.followUp} />}
            {listsByType(i.lists).map((g) => (
              <ListTypeChip key={g.type} type={g.type} name={g.names[0]!} names={g.names} />
            ))}
          </Box>
        ),
    },
    { id: 'status', label: { message: 'queue.col.status' }, width: withAgent ? 104 : 116, render: (i) => <StatusChip status={i.status} /> },
    {
      // How many attempts, and the last one under it: one column leaves the width the row's "why" needs at 1366×768.
      id: 'attempts',
      label: { message: 'queue.col.attempts' },
      width: 124,
      sort: 'attempts',
      render: (i) => (
        <>
          <Box data-testid="row-attempts" data-left={i.contact.attemptsLeft ?? undefined} sx={{ whiteSpace: 'nowrap' }}>
            {t('queue.attemptsCount', { count: i.attempts })}
            {/* What is left of the attempt limit before the task closes as unreachable. A call-back the customer asked
                for starts the count again: then it says so, on its own line ("3 次 · 还可 3 次" read as over the limit;
                found by a new agent). */}
            {i.contact.attemptsLeft !== null ? (
              <Box
                component="span"
                title={t('queue.attemptsLeftHint')}
                data-testid="row-attempts-left"
                sx={{ color: i.contact.attemptsLeft <= 1 ? 'warning.dark' : 'text.secondary', fontSize: '0.8125rem', ...(restarted(i) ? { display: 'block', whiteSpace: 'normal' } : {}) }}
              >
                {restarted(i) ? t('queue.attemptsLeftSinceCallback', { left: i.contact.attemptsLeft }) : t('queue.attemptsLeft', { left: i.contact.attemptsLeft })}
              </Box>
            ) : null}
          </Box>
          <Box sx={{ whiteSpace: 'nowrap', fontSize: '0.8125rem', color: i.lastAttemptAt ? 'text.secondary' : 'text.disabled' }} data-testid="row-last-attempt">
            {fmt.dateTime(i.lastAttemptAt)}
          </Box>
        </>
      ),
    },
    {
      id: 'due',
      label: { field: 'due_date' },
      width: withAgent ? 96 : 100,
      sort: 'dueDate',
      render: (i) => (
        <>
          <Box sx={{ whiteSpace: 'nowrap', color: i.dueDate ? undefined : 'text.disabled' }}>{fmt.date(i.dueDate)}</Box>
          {callableOnlyAfterDue(i) && (
            <Box sx={{ fontSize: '0.75rem', color: 'warning.dark' }} data-testid="row-after-due">
              {t('queue.callableAfterDue')}
            </Box>
          )}
        </>
      ),
    },
    ...(withAgent
      ? [
          {
            id: 'agent',
            label: { field: 'agent' },
            width: 64,
            render: (i) => <AgentName id={i.agentId} name={i.agentId ? (agentNames.get(i.agentId) ?? null) : null} missing={m} />,
          } satisfies Column,
        ]
      : []),
  ];
}

/** UNASSIGNED stands for tasks with no agent (未分配) in the select; ALL for everyone's. */
const UNASSIGNED = '\u0000unassigned';

/** A supervisor's agent filter: everyone's tasks, one agent's, or the unassigned ones. */
function AgentFilter({ value, onChange }: { value: string | null | undefined; onChange(v: string | null | undefined): void }) {
  const t = useT();
  const { data } = useApiQuery('agent-list', {});
  const agents = (data?.items ?? []).filter((a) => a.role === 'agent');
  return (
    <TextField
      select
      size="small"
      label={t('queue.filter.agent')}
      value={value === undefined ? ALL : value === null ? UNASSIGNED : value}
      onChange={(e) => onChange(e.target.value === ALL ? undefined : e.target.value === UNASSIGNED ? null : e.target.value)}
      sx={{ width: 150, bgcolor: 'background.paper' }}
      slotProps={allOption}
      data-testid="filter-agent"
    >
      <MenuItem value={ALL}>{t('queue.filter.allAgents')}</MenuItem>
      <MenuItem value={UNASSIGNED}>{t('queue.filter.unassigned')}</MenuItem>
      {agents.map((a) => (
        <MenuItem key={a.id} value={a.id}>
          {a.id} {a.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

function Filters({ supervisor }: { supervisor: boolean }) {
  const t = useT();
  const labels = useLabels();
  const { listId, listType, level, status, agentId, setFilters } = useQueue();
  const { data: listsData, error: listsError } = useApiQuery('worklist-list', {});
  const lists = listsData?.items;
  const filtered = isFiltered({ listId, listType, level, status, agentId });
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField
        select
        size="small"
        label={t('queue.filter.list')}
        value={listId === null ? ALL : String(listId)}
        onChange={(e) => setFilters({ listId: e.target.value === ALL ? null : Number(e.target.value) })}
        error={listsError != null}
        helperText={listsError != null ? t('queue.filter.listsError') : undefined}
        sx={{ width: 240, bgcolor: 'background.paper' }}
        slotProps={{
          ...allOption,
          select: {
            ...allOption.select,
            // The type shown beside each name in the menu would cut the chosen name short in the closed field.
            renderValue: (value) =>
              value === ALL ? t('queue.filter.allLists') : (lists?.find((l) => String(l.id) === value)?.name ?? ''),
          },
        }}
      >
        <MenuItem value={ALL}>{t('queue.filter.allLists')}</MenuItem>
        {(lists ?? []).map((l) => (
          <MenuItem key={l.id} value={String(l.id)}>
            <Box sx={{ display: 'flex', gap: 1, minWidth: 0, alignItems: 'baseline' }}>
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {labels.listName(l.name)}
              </Box>
              <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.8125rem', flexShrink: 0 }}>
                {labels.listType(l.type)}
                {l.closedAt && ` · ${t('listLife.closed')}`}
              </Box>
            </Box>
          </MenuItem>
        ))}
      </TextField>
      {supervisor && <AgentFilter value={agentId} onChange={(v) => setFilters({ agentId: v })} />}
      <ListTypeFilter value={listType} onChange={(v) => setFilters({ listType: v })} testId="filter-list-type" />
      <RiskLevelFilter value={level} onChange={(v) => setFilters({ level: v })} testId="filter-level" />
      <TextField
        select
        size="small"
        label={t('queue.filter.status')}
        value={status ?? ALL}
        onChange={(e) => setFilters({ status: e.target.value === ALL ? null : (e.target.value as TaskStatus) })}
        sx={{ width: 180, bgcolor: 'background.paper' }}
        slotProps={allOption}
      >
        <MenuItem value={ALL}>{t('queue.filter.allStatuses')}</MenuItem>
        {taskStatuses.map((s) => (
          <MenuItem key={s} value={s}>
            {labels.status(s)}
          </MenuItem>
        ))}
      </TextField>
      {filtered && (
        <Button size="small" onClick={() => setFilters(noFilters)}>
          {t('queue.filter.clear')}
        </Button>
      )}
    </Stack>
  );
}

/** True where ↓ already means something: the rows themselves, a select, tabs, a slider, radio buttons. */
function arrowKeyTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-testid="queue-row"], [role="combobox"], [role="tab"], [role="slider"], [role="radio"], [role="option"]') !== null;
}

export function QueuePage() {
  const t = useT();
  const locale = useLocale();
  const labels = useLabels();
  const { listId, listType, level, status, agentId, sort, descending, setSort, page, rowsPerPage, setPage, setRowsPerPage, setFilters, previewTaskId, openedSinceList, setPreview } =
    useQueue();
  // Supervisors pick tasks by hand (across pages) to give them to someone; they also filter by agent and sort by column.
  const supervisor = useSession((s) => s.agent?.role === 'supervisor');
  // An agent works the queue's own order (the sort is a supervisor's look; a supervisor's choice does not follow an agent).
  const order: QueueSort = supervisor ? sort : 'default';
  const columns = useColumns(order, supervisor);
  // While a task's card is open the list is not refetched behind it (a save stales it): it refreshes on the way back.
  // A card open with no list read yet (signed in again onto the task the agent was on) reads it once: its place and J.
  const input = queueInput({ listId, listType, level, status, agentId: supervisor ? agentId : undefined, sort: order, descending, page, rowsPerPage });
  const listRead = useQueryClient().getQueryData(apiQueryKey('queue-list', input)) !== undefined;
  const queue = useApiQuery('queue-list', input, { keepPrevious: true, enabled: previewTaskId === null || !listRead });
  const data = queue.data ?? null;
  const loading = queue.isFetching;
  const error = queue.error;
  const pastEnd = data && !queue.isPlaceholderData ? lastPageIfPastEnd(data, page, rowsPerPage) : null;
  useEffect(() => {
    if (pastEnd !== null) setPage(pastEnd);
  }, [pastEnd, setPage]);
  const filtered = isFiltered({ listId, listType, level, status, agentId: supervisor ? agentId : undefined });
  // A new filter starts a new pick.
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [assigning, setAssigning] = useState(false);
  const [segmenting, setSegmenting] = useState(false);
  const filterKey = JSON.stringify([listId, listType, level, status, agentId ?? '*']);
  const [pickedFor, setPickedFor] = useState(filterKey);
  if (pickedFor !== filterKey) {
    setPickedFor(filterKey);
    setSelected(new Set());
  }


  const nf = new Intl.NumberFormat(locale);
  const items = data?.items ?? [];
  const pickedHere = items.filter((i) => selected.has(i.taskId)).length;
  const firstCallable = nextTaskToWork(items, null);
  const rowsBody = useRef<HTMLTableSectionElement>(null);
  const [keysHelp, setKeysHelp] = useState(false);
  // The list's keys (docs/product.md §9): ? lists them, J starts with the next callable task as its button does, and ↓
  // with the focus nowhere reaches the first row (the rows' own ↑ ↓ and Enter are theirs). ? there showed nothing
  // (found by a new agent working the queue by keyboard).
  useWindowKeydown((e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTypingTarget(e.target)) return;
    if (e.key === '?') {
      e.preventDefault();
      setKeysHelp((h) => !h);
    } else if ((e.key === 'j' || e.key === 'J') && firstCallable) {
      e.preventDefault();
      setPreview(firstCallable.taskId);
    } else if (e.key === 'ArrowDown' && !arrowKeyTarget(e.target)) {
      const first = rowsBody.current?.querySelector<HTMLElement>('[data-testid="queue-row"]');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  }, previewTaskId === null);

  if (previewTaskId !== null) {
    const at = items.findIndex((i) => i.taskId === previewTaskId);
    const next = nextTaskToWork(items, previewTaskId, new Set(openedSinceList));
    return (
      <TaskPreview
        taskId={previewTaskId}
        rank={page * rowsPerPage + (at >= 0 ? at : 0) + 1}
        count={page * rowsPerPage + items.length}
        onBack={() => setPreview(null)}
        onNext={next ? () => setPreview(next.taskId) : null}
        onSaved={() => undefined}
      />
    );
  }

  return (
    <Box sx={{ p: 3, pb: 2, display: 'flex', flexDirection: 'column', gap: 2, flex: 1, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {t('queue.title')}
        </Typography>
        {data && (
          <Typography variant="body2" color="text.secondary" data-testid="queue-total">
            {t('queue.total', { count: nf.format(data.total) })}
          </Typography>
        )}
        {supervisor && data && data.unassigned !== null && (
          <Tooltip title={t('queue.unassigned.show')}>
            <Button size="small" variant={agentId === null ? 'contained' : 'outlined'} color="warning" onClick={() => setFilters({ agentId: null })} data-testid="queue-unassigned">
              {t('queue.unassigned', { count: nf.format(data.unassigned) })}
            </Button>
          </Tooltip>
        )}
        <Button
          variant="contained"
          size="small"
          startIcon={<PhoneForwardedIcon />}
          disabled={!firstCallable}
          onClick={() => firstCallable && setPreview(firstCallable.taskId)}
          data-testid="queue-start"
        >
          {t('queue.startNext')}
        </Button>
        {!firstCallable && items.length > 0 && <NoneCallable items={items} toFirstPage={page > 0 && order === 'default' ? () => setPage(0) : null} />}
        <Box sx={{ flex: 1 }} />
        <Filters supervisor={supervisor} />
        {supervisor && (
          <Button size="small" variant="outlined" onClick={() => setSegmenting(true)} data-testid="queue-save-segment">
            {t('segment.saveAs')}
          </Button>
        )}
      </Box>
      <KeysDialog
        open={keysHelp}
        onClose={() => setKeysHelp(false)}
        columns={[
          [
            {
              title: t('shortcuts.section.queueList'),
              rows: [
                { keys: '↑ ↓', action: t('shortcuts.queueList.move') },
                { keys: 'Enter', action: t('shortcuts.queueList.open') },
                { keys: 'J', action: t('queue.startNext') },
                { keys: '?', action: t('shortcuts.help') },
              ],
            },
          ],
        ]}
      />
      {segmenting && <SegmentDialog filters={{ listId, listType, level, status, agentId }} onClose={() => setSegmenting(false)} />}

      {supervisor && selected.size > 0 && (
        <Paper variant="outlined" sx={{ px: 2, py: 1, display: 'flex', alignItems: 'center', gap: 2, bgcolor: 'primary.light' }} data-testid="queue-selection">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t('queueSelect.count', { count: nf.format(selected.size) })}
          </Typography>
          <Button size="small" variant="contained" onClick={() => setAssigning(true)} data-testid="queue-assign">
            {t('queueSelect.assign')}
          </Button>
          <Button size="small" onClick={() => setSelected(new Set())}>
            {t('queueSelect.clear')}
          </Button>
        </Paper>
      )}

      {error != null && <ErrorAlert title={t('queue.error.title')} error={error} onRetry={() => void queue.refetch()} />}

      <Paper variant="outlined" sx={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label={t('common.loading')} />}</Box>
        <TableContainer sx={{ flex: 1 }}>
          <Table stickyHeader size="small" aria-label={t('queue.table.label')} aria-busy={loading} sx={{ tableLayout: 'fixed', minWidth: 1080 }}>
            <TableHead>
              <TableRow>
                {supervisor && (
                  <TableCell padding="checkbox" sx={CHECKBOX_CELL_SX}>
                    <Checkbox
                      size="small"
                      checked={items.length > 0 && pickedHere === items.length}
                      indeterminate={pickedHere > 0 && pickedHere < items.length}
                      onChange={(e) => setSelected((prev) => toggled(prev, items.map((i) => i.taskId), e.target.checked))}
                      slotProps={{ input: { 'aria-label': t('queueSelect.page') } }}
                      data-testid="queue-select-page"
                    />
                  </TableCell>
                )}
                {columns.map((c) => {
                  const label =
                    'message' in c.label
                      ? t(c.label.message)
                      : 'pair' in c.label
                        ? t('common.pair', { first: labels.field(c.label.pair[0]), second: labels.field(c.label.pair[1]) })
                        : labels.field(c.label.field);
                  const active = c.sort !== undefined && c.sort === order;
                  return (
                    <TableCell
                      key={c.id}
                      align={c.align}
                      sx={{ width: c.width, px: CELL_PX }}
                      sortDirection={active && c.sort !== 'default' ? (descending ? 'desc' : 'asc') : false}
                    >
                      {supervisor && c.sort ? (
                        <Tooltip title={c.sort === 'default' ? t('queue.sort.default') : ''} describeChild>
                          <TableSortLabel
                            // The default order has no direction, so no arrow: bold says it is the order shown.
                            active={active && c.sort !== 'default'}
                            direction={active && descending ? 'desc' : 'asc'}
                            hideSortIcon={c.sort === 'default'}
                            sx={c.sort === 'default' && active ? { fontWeight: 700 } : undefined}
                            aria-pressed={c.sort === 'default' ? active : undefined}
                            // Default order has no direction; another column toggles ascending ↔ descending.
                            onClick={() => setSort(c.sort!, c.sort !== 'default' && active ? !descending : c.sort === 'level')}
                            data-testid={`sort-${c.sort}`}
                          >
                            {label}
                          </TableSortLabel>
                        </Tooltip>
                      ) : (
                        label
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            </TableHead>
            <TableBody ref={rowsBody} sx={{ opacity: loading ? 0.6 : 1, transition: (t) => t.transitions.create('opacity', { duration: 120 }) }}>
              {items.map((item, i) => [
                order === 'default' && item.order.part === 'blocked' && (i === 0 || items[i - 1]!.order.part !== 'blocked') && (
                  <TableRow key={`blocked-${item.taskId}`} data-testid="queue-group-blocked">
                    <TableCell colSpan={columns.length + (supervisor ? 1 : 0)} sx={{ py: 0.75, px: 1.5, bgcolor: 'action.hover', color: 'text.secondary', fontSize: '0.8125rem' }}>
                      {t('queue.group.blocked')}
                    </TableCell>
                  </TableRow>
                ),
                <TableRow
                  key={item.taskId}
                  hover
                  data-testid="queue-row"
                  data-task-id={item.taskId}
                  tabIndex={0}
                  aria-label={t('queue.open', { rank: page * rowsPerPage + i + 1 })}
                  onClick={() => setPreview(item.taskId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') setPreview(item.taskId);
                    // ↑ and ↓ move between the rows (each row took three Tab stops: the row, its phone icon, its why;
                    // found by a new agent working the queue by keyboard).
                    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && e.target === e.currentTarget) {
                      e.preventDefault();
                      const rows = Array.from(e.currentTarget.parentElement?.querySelectorAll<HTMLElement>('[data-testid="queue-row"]') ?? []);
                      rows[rows.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)]?.focus();
                    }
                  }}
                  sx={{ cursor: 'pointer' }}
                  selected={selected.has(item.taskId)}
                >
                  {supervisor && (
                    <TableCell padding="checkbox" sx={CHECKBOX_CELL_SX} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                      <Checkbox
                        size="small"
                        checked={selected.has(item.taskId)}
                        onChange={(e) => setSelected((prev) => toggled(prev, [item.taskId], e.target.checked))}
                        slotProps={{ input: { 'aria-label': t('queueSelect.one', { rank: page * rowsPerPage + i + 1 }) } }}
                        data-testid="queue-select"
                      />
                    </TableCell>
                  )}
                  {columns.map((c) => (
                    <TableCell key={c.id} align={c.align} sx={{ py: 0.75, px: CELL_PX }}>
                      {c.render(item, page * rowsPerPage + i + 1)}
                    </TableCell>
                  ))}
                </TableRow>,
              ])}
            </TableBody>
          </Table>
          {data && items.length === 0 && (
            <EmptyState
              icon={<InboxIcon />}
              title={t('queue.empty.title')}
              body={filtered ? t('queue.empty.filtered') : t('queue.empty.none')}
              action={
                filtered ? (
                  <Button onClick={() => setFilters(noFilters)}>{t('queue.filter.clear')}</Button>
                ) : undefined
              }
            />
          )}
        </TableContainer>
        <TablePagination
          component="div"
          count={data?.total ?? 0}
          page={data ? page : 0}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[25, 50, 100, 200]}
          onPageChange={(_, p) => setPage(p)}
          onRowsPerPageChange={(e) => setRowsPerPage(Number(e.target.value))}
          showFirstButton
          showLastButton
          labelRowsPerPage={t('queue.pagination.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) =>
            t('queue.pagination.displayed', { from: nf.format(from), to: nf.format(to), count: nf.format(count) })
          }
          getItemAriaLabel={(type) => t(`queue.pagination.${type}`)}
          sx={{ borderTop: 1, borderColor: 'divider', flexShrink: 0 }}
        />
      </Paper>
      {assigning && (
        <AssignDialog
          target={{ taskIds: [...selected] }}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setSelected(new Set());
          }}
        />
      )}
    </Box>
  );
}

function toggled(prev: ReadonlySet<number>, ids: readonly number[], on: boolean): ReadonlySet<number> {
  const next = new Set(prev);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/**
 * Why "work the next callable task" is off, and when it comes back (issue 15 #2): the reason of the task that can be
 * called soonest on this page (outside calling hours, every task says so), with its time. On a later page of the
 * queue's own order, which puts the callable tasks first, it says so and leads back to the first page: page 2's
 * "no task can be called now" read as the whole queue's (found by a new phone agent).
 */
function NoneCallable({ items, toFirstPage }: { items: readonly QueueItem[]; toFirstPage: (() => void) | null }) {
  const t = useT();
  const fmt = useFormat();
  const reasons = useContactReasons();
  const soonest = soonestCallable(items);
  return (
    <Typography variant="body2" color="warning.dark" data-testid="queue-none-callable" role="status">
      {soonest
        ? t('queue.noneCallable', { reason: reasons(soonest.contact)[0] ?? '', time: fmt.dateTime(soonest.contact.nextAllowedAt!) })
        : t('queue.noneCallableAtAll')}
      {toFirstPage && (
        <>
          {' '}
          {t('queue.callableFirst')}{' '}
          <Link component="button" variant="body2" onClick={toFirstPage} data-testid="queue-to-first-page" sx={{ verticalAlign: 'baseline' }}>
            {t('queue.toFirstPage')}
          </Link>
        </>
      )}
    </Typography>
  );
}
