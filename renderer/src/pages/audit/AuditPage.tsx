import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import ListItemText from '@mui/material/ListItemText';
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
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OperationOutput } from '../../../../core/api';
import type { AuditEntryView, PurgeView } from '../../../../core/api/ops/audit';
import { auditActionLabel, formatAuditDetail, formatAuditTarget, knownAuditActions } from '../../../../core/audit/actions';
import type { ListType } from '../../../../core/worklist/fields';
import { useApi } from '../../api/ApiContext';
import { useApiQuery, useApiSave } from '../../api/query';
import { saveDownload } from '../../api/files';
import { DATE_FIELD_WIDTH, IsoDatePicker, PickersProvider } from '../../components/DatePickers';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { allOption } from '../../components/Filters';
import { ListTypeChip } from '../../components/ListTypeChip';
import { useAction } from '../../components/useAction';
import { localDateTime, useFormat } from '../../format';
import { useLabels, useLocale, useT } from '../../i18n';

interface Filters {
  from: string | null;
  to: string | null;
  agentId: string | null;
  actions: string[];
  text: string;
}
const noFilters: Filters = { from: null, to: null, agentId: null, actions: [], text: '' };

/** The filter as the contract takes it: empty fields left out. */
const toInput = (f: Filters) => ({
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
  ...(f.agentId ? { agentId: f.agentId } : {}),
  ...(f.actions.length ? { actions: f.actions } : {}),
  ...(f.text.trim() ? { text: f.text.trim() } : {}),
});

type Agent = OperationOutput<'agent-list'>['items'][number];

function FilterBar({ filters, badRange, onChange, agents, actions }: { filters: Filters; badRange: boolean; onChange(f: Filters): void; agents: Agent[]; actions: string[] }) {
  const t = useT();
  const locale = useLocale();
  // Typed text is applied after a pause, so a page is not fetched per keystroke.
  const [text, setText] = useState(filters.text);
  // Cleared or changed from outside (the clear button): the field follows.
  const [outsideText, setOutsideText] = useState(filters.text);
  if (filters.text !== outsideText) {
    setOutsideText(filters.text);
    setText(filters.text);
  }
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => onChange({ ...filters, text }), 300);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);
  const agentName = (id: string) => agents.find((a) => a.id === id)?.name;

  return (
    <PickersProvider>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Box sx={{ width: DATE_FIELD_WIDTH }}>
          <IsoDatePicker label={t('audit.filter.from')} value={filters.from} onChange={(from) => onChange({ ...filters, from })} testId="audit-filter-from" helperText={badRange ? t('audit.filter.badRange') : undefined} />
        </Box>
        <Box sx={{ width: DATE_FIELD_WIDTH }}>
          <IsoDatePicker label={t('audit.filter.to')} value={filters.to} onChange={(to) => onChange({ ...filters, to })} testId="audit-filter-to" />
        </Box>
        <Autocomplete
          freeSolo
          size="small"
          sx={{ width: 160 }}
          options={agents.map((a) => a.id)}
          value={filters.agentId}
          getOptionLabel={(id) => (agentName(id) ? `${id} ${agentName(id)}` : id)}
          onChange={(_, v) => onChange({ ...filters, agentId: v ? v.trim().split(/\s+/u)[0]! : null })}
          renderInput={(params) => (
            <TextField
              {...params}
              label={t('audit.filter.agent')}
              placeholder={t('audit.filter.anyone')}
              slotProps={{
                ...params.slotProps,
                inputLabel: { ...params.slotProps.inputLabel, shrink: true },
                htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'audit-filter-agent' },
              }}
            />
          )}
        />
        <TextField
          select
          size="small"
          label={t('audit.filter.actions')}
          value={filters.actions}
          onChange={(e) => onChange({ ...filters, actions: typeof e.target.value === 'string' ? e.target.value.split(',') : (e.target.value as string[]) })}
          sx={{ width: 220 }}
          slotProps={{
            ...allOption,
            select: {
              ...allOption.select,
              multiple: true,
              renderValue: (selected) => {
                const s = selected as string[];
                if (s.length === 0) return t('audit.filter.allActions');
                return s.map((a) => auditActionLabel(locale, a)).join(t('common.listSeparator'));
              },
              MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } },
            },
            htmlInput: { 'data-testid': 'audit-filter-actions-input' },
          }}
          data-testid="audit-filter-actions"
        >
          {actions.map((a) => (
            <MenuItem key={a} value={a} dense data-testid="audit-action-option" data-action={a}>
              <Checkbox size="small" checked={filters.actions.includes(a)} sx={{ py: 0 }} />
              <ListItemText primary={auditActionLabel(locale, a)} />
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('audit.filter.text')}
          placeholder={t('audit.filter.textPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ width: 160 }}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { maxLength: 100, 'data-testid': 'audit-filter-text' } }}
        />
        <Button onClick={() => onChange(noFilters)} disabled={JSON.stringify(filters) === JSON.stringify(noFilters)} sx={{ mt: 0.25 }}>
          {t('audit.filter.clear')}
        </Button>
      </Stack>
    </PickersProvider>
  );
}

function AuditTable({ items, loading }: { items: AuditEntryView[]; loading: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Table size="small" stickyHeader aria-label={t('audit.title')} aria-busy={loading} sx={{ tableLayout: 'fixed', minWidth: 900 }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 140 }}>{t('audit.col.at')}</TableCell>
          <TableCell sx={{ width: 130 }}>{t('audit.col.who')}</TableCell>
          <TableCell sx={{ width: 230 }}>{t('audit.col.action')}</TableCell>
          <TableCell sx={{ width: 160 }}>{t('audit.col.target')}</TableCell>
          <TableCell>{t('audit.col.detail')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody sx={{ opacity: loading ? 0.5 : 1 }}>
        {items.map((e) => {
          const detail = formatAuditDetail(locale, e.detail, e.action, localDateTime);
          return (
            <TableRow key={e.id} hover data-testid="audit-row" data-action={e.action} sx={{ verticalAlign: 'top' }}>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{localDateTime(e.at)}</TableCell>
              <TableCell>
                {e.agentId === null ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('audit.system')}
                  </Typography>
                ) : (
                  <>
                    <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                      {e.agentId}
                    </Typography>{' '}
                    {e.agentName && (
                      <Typography variant="body2" component="span" color="text.secondary">
                        {e.agentName}
                      </Typography>
                    )}
                  </>
                )}
              </TableCell>
              <TableCell>{auditActionLabel(locale, e.action)}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{formatAuditTarget(locale, e.action, e.target, e.targetName) ?? t('common.missing')}</TableCell>
              <TableCell>
                {/* Long details (a whole offer) are cut to three lines here; the tooltip and the export have all of it. */}
                <Tooltip title={detail.length > 160 ? detail : ''} placement="bottom-start">
                  <Typography
                    variant="body2"
                    color={detail ? 'text.primary' : 'text.secondary'}
                    sx={{ overflowWrap: 'anywhere', display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
                  >
                    {detail || t('common.missing')}
                  </Typography>
                </Tooltip>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function PurgeDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const t = useT();
  const labels = useLabels();
  const apiSave = useApiSave();
  const fmt = useFormat();
  const previewQuery = useApiQuery('purge-preview', {}, { freshOnMount: true });
  const preview: PurgeView | null = previewQuery.data ?? null;
  const load = { busy: previewQuery.isFetching, error: previewQuery.error };
  const [result, setResult] = useState<PurgeView | null>(null);
  const run = useAction();
  const confirm = () =>
    run.run(async () => {
      setResult(await apiSave('purge-run', { cutoff: preview!.cutoff }));
      onDone();
    });
  const shown = result ?? preview;
  const counts: [string, number][] = shown
    ? [
        [t('purge.subscribers'), shown.subscribers],
        [t('purge.kept'), shown.kept],
        [t('purge.tasks'), shown.tasks],
        [t('purge.attempts'), shown.attempts],
        [t('purge.feedback'), shown.feedback],
      ]
    : [];
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="purge-title" data-testid="purge-dialog">
      <DialogTitle id="purge-title">{t('purge.title')}</DialogTitle>
      <DialogContent>
        {load.busy && <LinearProgress />}
        {load.error != null && <ErrorAlert error={load.error} />}
        {shown && (
          <Stack spacing={2}>
            <Typography variant="body2">{t('purge.cutoff', { days: fmt.count(shown.days), cutoff: shown.cutoff, today: shown.today })}</Typography>
            {shown.lists.length === 0 ? (
              <Alert severity="info" data-testid="purge-nothing">
                {t('purge.nothing')}
              </Alert>
            ) : (
              <>
                <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 220 }}>
                  <Table size="small" stickyHeader>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('purge.col.list')}</TableCell>
                        <TableCell>{t('purge.col.type')}</TableCell>
                        <TableCell>{t('purge.col.ended')}</TableCell>
                        <TableCell align="right">{t('purge.col.members')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {shown.lists.map((l) => (
                        <TableRow key={l.id} data-testid="purge-list">
                          <TableCell sx={{ fontWeight: 600 }}>{labels.listName(l.name)}</TableCell>
                          <TableCell>
                            <ListTypeChip type={l.type as ListType} name={l.name} />
                          </TableCell>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.dueDate ?? t('purge.closedOn', { date: (localDateTime(l.closedAt) ?? '').slice(0, 10) })}</TableCell>
                          <TableCell align="right">{fmt.count(l.members)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
                <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 1 }}>
                  {counts.map(([label, n]) => (
                    <Paper key={label} variant="outlined" sx={{ p: 1.25 }}>
                      <Typography variant="h6" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {fmt.count(n)}
                      </Typography>
                      <Typography variant="caption" color="text.secondary">
                        {label}
                      </Typography>
                    </Paper>
                  ))}
                </Box>
                {result ? (
                  <Alert severity="success" data-testid="purge-result">
                    {t('purge.done', { lists: fmt.count(result.lists.length), subscribers: fmt.count(result.subscribers) })}
                  </Alert>
                ) : (
                  <Alert severity="warning">{t('purge.warning')}</Alert>
                )}
              </>
            )}
            {run.error != null && <ErrorAlert error={run.error} />}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t(result ? 'common.close' : 'common.cancel')}</Button>
        {!result && preview && preview.lists.length > 0 && (
          <Button variant="contained" color="error" startIcon={<DeleteSweepIcon />} onClick={() => void confirm()} disabled={run.busy} data-testid="purge-confirm">
            {t('purge.confirm')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function RetentionPanel({ onPurged }: { onPurged(): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const fmt = useFormat();
  const retention = useApiQuery('retention-get', {});
  const settings = retention.data ?? null;
  // The field starts at the stored value, and follows it when it changes (a save here or elsewhere).
  const [days, setDays] = useState('');
  const [shownDays, setShownDays] = useState<number | null>(null);
  if (settings && settings.days !== shownDays) {
    setShownDays(settings.days);
    setDays(String(settings.days));
  }
  const [saved, setSaved] = useState(false);
  const [purging, setPurging] = useState(false);
  const save = useAction();
  const n = Number(days);
  const valid = /^\d+$/u.test(days) && n >= 1 && n <= 3650;
  const changed = settings !== null && valid && n !== settings.days;
  const submit = () =>
    save.run(async () => {
      await apiSave('retention-save', { days: n });
      setSaved(true);
    });

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="retention">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('retention.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {t('retention.body')}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }} data-testid="retention-last">
            {settings?.lastPurgeAt ? t('retention.lastPurge', { at: localDateTime(settings.lastPurgeAt) ?? '' }) : t('retention.neverPurged')}
          </Typography>
        </Box>
        <Stack spacing={1} sx={{ width: 280, flexShrink: 0 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              size="small"
              label={t('retention.days')}
              value={days}
              onChange={(e) => {
                setDays(e.target.value.replace(/\D/gu, ''));
                setSaved(false);
              }}
              error={days !== '' && !valid}
              helperText={days !== '' && !valid ? t('retention.daysInvalid') : t('retention.daysHint')}
              slotProps={{
                inputLabel: { shrink: true },
                input: { endAdornment: <InputAdornment position="end">{t('retention.daysUnit')}</InputAdornment> },
                htmlInput: { inputMode: 'numeric', maxLength: 4, 'data-testid': 'retention-days' },
              }}
              sx={{ flex: 1 }}
            />
            <Button variant="outlined" onClick={() => void submit()} disabled={!changed || save.busy} data-testid="retention-save" sx={{ mt: 0.25 }}>
              {t('retention.save')}
            </Button>
          </Stack>
          <Button variant="contained" color="error" startIcon={<DeleteSweepIcon />} onClick={() => setPurging(true)} data-testid="purge-open">
            {t('retention.purgeNow')}
          </Button>
        </Stack>
      </Stack>
      {saved && settings && (
        <Alert severity="success" sx={{ mt: 1 }} onClose={() => setSaved(false)}>
          {t('retention.saved', { days: fmt.count(settings.days) })}
        </Alert>
      )}
      {save.error != null && <ErrorAlert error={save.error} sx={{ mt: 1 }} />}
      {purging && (
        <PurgeDialog
          onClose={() => setPurging(false)}
          onDone={onPurged}
        />
      )}
    </Paper>
  );
}

/**
 * Supervisors read the audit log (docs/product.md §8: every reveal, import, export and configuration change), filter it,
 * export it, and set how long expired lists' personal data is kept.
 */
export function AuditPage() {
  const t = useT();
  const api = useApi();
  const apiSave = useApiSave();
  const locale = useLocale();
  const fmt = useFormat();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(50);

  const exporting = useAction();
  // Worded at render, so a language switched afterwards words it too (it stayed in the language of the moment).
  const [exported, setExported] = useState<{ rows: number; name: string } | null>(null);
  const badRange = Boolean(filters.from && filters.to && filters.from > filters.to);

  const list = useApiQuery('audit-list', { ...toInput(filters), offset: page * rowsPerPage, limit: rowsPerPage }, { enabled: !badRange, keepPrevious: true });
  const data = list.data ?? null;
  const error = list.error;
  const loading = list.isFetching;
  const load = () => void list.refetch();
  const agents: Agent[] = useApiQuery('agent-list', {}).data?.items ?? [];

  const changeFilters = useCallback((f: Filters) => {
    setFilters(f);
    setPage(0);
    setExported(null);
  }, []);
  // Every action the code writes, and any other found in the log (written by a newer version, say).
  const actions = useMemo(() => [...knownAuditActions, ...(data?.actionsInUse ?? []).filter((a) => !(knownAuditActions as string[]).includes(a))], [data?.actionsInUse]);
  const exportXlsx = () =>
    exporting.run(async () => {
      const file = await apiSave('audit-export', { ...toInput(filters), locale });
      if (await saveDownload(api, file)) setExported({ rows: file.rows, name: file.name });
    });

  return (
    <Box sx={{ p: 3, display: 'grid', gap: 2, alignContent: 'start' }} data-testid="audit-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-end' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2">
            {t('audit.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('audit.subtitle')}
          </Typography>
        </Box>
        <Typography variant="body2" color="text.secondary" data-testid="audit-total">
          {data ? t('audit.total', { count: fmt.count(data.total) }) : ''}
        </Typography>
        {/* Exports what the filters show, all pages of it. */}
        <Button variant="contained" startIcon={<FileDownloadIcon />} onClick={() => void exportXlsx()} disabled={exporting.busy || badRange || !data?.total} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Stack>
      <RetentionPanel onPurged={() => undefined} />
      <Paper variant="outlined" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Box sx={{ p: 2, pb: 1 }}>
          <FilterBar filters={filters} badRange={badRange} onChange={changeFilters} agents={agents} actions={actions} />
        </Box>
        {exported && (
          <Alert severity="success" sx={{ mx: 2, mb: 1 }} onClose={() => setExported(null)} data-testid="audit-exported">
            {t('audit.exported', { count: fmt.count(exported.rows), name: exported.name })}
          </Alert>
        )}
        {exporting.error != null && <ErrorAlert error={exporting.error} sx={{ mx: 2, mb: 1 }} />}
        {error != null && (
          <Box sx={{ px: 2, pb: 1 }}>
            <ErrorAlert title={t('audit.error')} error={error} onRetry={load} />
          </Box>
        )}
        {loading && <LinearProgress sx={{ height: 2 }} />}
        {/* The text filter applies after a pause in typing; the applied one is on the container (tests wait for it). */}
        <TableContainer sx={{ maxHeight: 'calc(100vh - 210px)', minHeight: 240 }} data-testid="audit-results" data-text-filter={filters.text.trim()}>
          <AuditTable items={data?.items ?? []} loading={loading} />
          {data && data.total === 0 && (
            <EmptyState
              icon={<ManageSearchIcon />}
              title={t('audit.empty.title')}
              body={t('audit.empty.body')}
              action={<Button onClick={() => changeFilters(noFilters)}>{t('audit.filter.clear')}</Button>}
            />
          )}
        </TableContainer>
        <TablePagination
          component="div"
          count={data?.total ?? 0}
          page={data && data.total > 0 ? Math.min(page, Math.max(0, Math.ceil(data.total / rowsPerPage) - 1)) : 0}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[25, 50, 100, 200]}
          onPageChange={(_, p) => setPage(p)}
          onRowsPerPageChange={(e) => {
            setRowsPerPage(Number(e.target.value));
            setPage(0);
          }}
          showFirstButton
          showLastButton
          labelRowsPerPage={t('queue.pagination.rowsPerPage')}
          labelDisplayedRows={({ from, to, count }) => t('queue.pagination.displayed', { from: fmt.count(from), to: fmt.count(to), count: fmt.count(count) })}
          getItemAriaLabel={(type) => t(`queue.pagination.${type}`)}
          sx={{ borderTop: 1, borderColor: 'divider' }}
        />
      </Paper>
    </Box>
  );
}
