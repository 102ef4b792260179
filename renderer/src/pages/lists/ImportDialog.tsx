import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/Download';
import ErrorIcon from '@mui/icons-material/Error';
import InfoIcon from '@mui/icons-material/Info';
import LockIcon from '@mui/icons-material/Lock';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { memo, useMemo, useState, type ReactNode } from 'react';
import type { ColumnTargetInput, WorklistImportResult, WorklistPreview } from '../../../../core/api';
import { formatMessage } from '../../../../core/i18n';
import { canonicalFields, listTypes, type FieldDef } from '../../../../core/worklist/fields';
import { listsLike } from '../../../../core/worklist/same-list';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import type { JobUpdate } from '../../api/jobs';
import { describeError } from '../../app/errors';
import { hrefFor } from '../../app/router';
import { useApiQuery, useLiveData } from '../../api/query';
import { localDateTime } from '../../format';
import { IsoDatePicker, PickersProvider } from '../../components/DatePickers';
import { CountStat, RowIssuesTable } from '../../components/ImportReport';
import { useLabels, useLocale, useT, type Locale, type PlainMessageKey, type TFunction } from '../../i18n';
import { useQueue } from '../queue/queueStore';
import { useImportFlow, type ImportFlow } from './useImportFlow';
import { importProgressTotal, importStepOf } from './importFlow';

/** How many issues the check lists on screen; the downloadable workbook has them all. */
const ISSUES_SHOWN = 50;

// ---------------------------------------------------------------------------------------------------------------
// Progress

const importStepLabels = { rows: 'import.progress.importing', scoring: 'import.progress.step.scoring', campaigns: 'import.progress.step.campaigns' } as const;

/** `expectedRows`: the rows the preview counted, the total of the import's one pass (importFlow.ts importProgressTotal). */
function JobProgress({ label, progress, onCancel, cancelLabel, expectedRows = null }: { label: string; progress: JobUpdate | null; onCancel?: () => void; cancelLabel: string; expectedRows?: number | null }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const total = importProgressTotal(progress, expectedRows);
  const counted = (done: number, of: number) =>
    importStepOf(progress?.phase) === 'scoring' ? t('import.progress.customers', { done: nf.format(done), total: nf.format(of) }) : t('import.progress.rows', { done: nf.format(done), total: nf.format(of) });
  const pct = total && total > 0 ? Math.min(100, ((progress?.done ?? 0) / total) * 100) : null;
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flex: 1, p: 4 }} data-testid="import-progress">
      <Paper variant="outlined" sx={{ width: 'min(560px, 100%)', p: 4, display: 'grid', gap: 2 }}>
        <Typography variant="subtitle1" component="p" role="status">
          {label}
        </Typography>
        {/* Keyed by the step: a new step's bar starts empty instead of sliding back from the last step's value. */}
        <LinearProgress
          key={importStepOf(progress?.phase)}
          variant={pct === null ? 'indeterminate' : 'determinate'}
          value={pct ?? undefined}
          aria-label={t('import.progress.label')}
          sx={{ height: 8, borderRadius: 4 }}
        />
        <Box sx={{ display: 'flex', alignItems: 'center', minHeight: 36 }}>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
            {progress && progress.done > 0
              ? total
                ? counted(progress.done, total)
                : t('import.progress.count', { done: nf.format(progress.done) })
              : '\u00a0'}
          </Typography>
          {onCancel && (
            <Button variant="outlined" onClick={onCancel} data-testid="import-cancel">
              {cancelLabel}
            </Button>
          )}
        </Box>
      </Paper>
    </Box>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Step 1: choose a file (and the password of a protected one)

function PickStep({ flow }: { flow: ImportFlow }) {
  const t = useT();
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flex: 1, p: 4 }}>
      <Paper variant="outlined" sx={{ width: 'min(640px, 100%)', p: 4, display: 'grid', gap: 2, justifyItems: 'start' }}>
        <UploadFileIcon color="primary" sx={{ fontSize: 44 }} aria-hidden />
        <Typography variant="h6" component="h3">
          {t('import.pick.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('import.pick.body')}
        </Typography>
        {flow.cancelled && (
          <Alert severity="info" sx={{ width: '100%' }}>
            {t('import.cancelled')}
          </Alert>
        )}
        {flow.error != null && (
          <Alert severity="error" sx={{ width: '100%' }} data-testid="import-error">
            <AlertTitle>{t('import.failed.title')}</AlertTitle>
            {describeError(flow.error, t)}
          </Alert>
        )}
        <Button variant="contained" size="large" startIcon={<UploadFileIcon />} onClick={flow.choose} autoFocus data-testid="import-choose">
          {t('import.pick.button')}
        </Button>
      </Paper>
    </Box>
  );
}

function PasswordStep({ flow }: { flow: ImportFlow }) {
  const t = useT();
  const [value, setValue] = useState('');
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flex: 1, p: 4 }}>
      <Paper
        component="form"
        variant="outlined"
        onSubmit={(e) => {
          e.preventDefault();
          if (value) flow.submitPassword(value);
        }}
        sx={{ width: 'min(520px, 100%)', p: 4, display: 'grid', gap: 2 }}
      >
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
          <LockIcon color="primary" aria-hidden />
          <Typography variant="h6" component="h3">
            {t('import.password.title')}
          </Typography>
        </Box>
        <Typography variant="body2" color="text.secondary">
          {flow.chosenName}
        </Typography>
        <Typography variant="body2">{t('import.password.body')}</Typography>
        <TextField
          type="password"
          label={t('import.password.label')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
          autoComplete="off"
          error={flow.passwordWrong}
          helperText={flow.passwordWrong ? t('import.password.wrong') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'import-password' } }}
        />
        <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
          <Button onClick={flow.choose}>{t('import.pick.another')}</Button>
          <Button type="submit" variant="contained" disabled={!value}>
            {t('import.password.submit')}
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Step 2: review — columns, check, list details, the choice

const targetValue = (t: ColumnTargetInput): string => (t.kind === 'field' ? `field:${t.field}` : t.kind);

function targetFrom(value: string, header: string, letter: string): ColumnTargetInput {
  if (value === 'ignore') return { kind: 'ignore' };
  if (value === 'extra') return { kind: 'extra', name: header.trim() || letter };
  return { kind: 'field', field: value.slice('field:'.length) };
}

const fieldGroups: { scope: FieldDef['scope']; label: PlainMessageKey }[] = [
  { scope: 'subscriber', label: 'import.mapping.group.subscriber' },
  { scope: 'list', label: 'import.mapping.group.list' },
  { scope: 'label', label: 'import.mapping.group.label' },
];

const howTone = { alias: 'success', profile: 'info', unmatched: 'warning', user: 'primary', content: 'success' } as const;

/** The menu of targets is the same for every column: built once per language. */
function useTargetOptions(locale: Locale, t: TFunction): ReactNode[] {
  return useMemo(() => {
    const other = locale === 'zh-CN' ? 'en' : 'zh';
    const items: ReactNode[] = [
      <ListSubheader key="g-other">{t('import.mapping.group.other')}</ListSubheader>,
      <MenuItem key="extra" value="extra">
        {t('import.mapping.target.extra')}
      </MenuItem>,
      <MenuItem key="ignore" value="ignore">
        {t('import.mapping.target.ignore')}
      </MenuItem>,
    ];
    for (const g of fieldGroups) {
      items.push(<ListSubheader key={`g-${g.scope}`}>{t(g.label)}</ListSubheader>);
      for (const f of canonicalFields.filter((d) => d.scope === g.scope)) {
        items.push(
          <MenuItem key={f.key} value={`field:${f.key}`}>
            <Box component="span" sx={{ flex: 1 }}>
              {locale === 'zh-CN' ? f.zh : f.en}
            </Box>
            <Box component="span" sx={{ ml: 2, color: 'text.secondary', fontSize: '0.8125rem' }}>
              {f[other]}
            </Box>
          </MenuItem>,
        );
      }
    }
    return items;
  }, [locale, t]);
}

type Column = WorklistPreview['columns'][number];

const MappingRow = memo(function MappingRow({
  column,
  target,
  options,
  onChange,
}: {
  column: Column;
  target: ColumnTargetInput;
  options: ReactNode[];
  onChange(index: number, target: ColumnTargetInput): void;
}) {
  const t = useT();
  const labels = useLabels();
  const value = targetValue(target);
  const ignored = target.kind === 'ignore';
  const header = column.header || t('import.mapping.empty');
  return (
    <TableRow hover data-testid="mapping-row" data-column={column.letter} sx={{ opacity: ignored ? 0.6 : 1 }}>
      <TableCell sx={{ px: 1.5, fontFamily: 'monospace', color: 'text.secondary' }}>{column.letter}</TableCell>
      <TableCell sx={{ px: 1.5 }}>
        <Box sx={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={column.header} data-testid="mapping-header">
          {header}
        </Box>
        {column.duplicateOf !== undefined && (
          <Typography variant="caption" color="warning.dark" component="div">
            {t(column.target.kind === 'ignore' ? 'import.mapping.duplicateId' : 'import.mapping.duplicate', { letter: columnLetter(column.duplicateOf) })}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={{ px: 1.5 }}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, minWidth: 0 }} data-testid="mapping-samples">
          {column.samples.slice(0, 3).map((s, i) => (
            <Box
              key={i}
              component="span"
              title={s}
              sx={{
                px: 0.75,
                borderRadius: 1,
                bgcolor: 'action.hover',
                fontSize: '0.8125rem',
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                maxWidth: '100%',
                color: s ? 'text.primary' : 'text.disabled',
              }}
            >
              {s || t('import.mapping.empty')}
            </Box>
          ))}
        </Box>
      </TableCell>
      <TableCell sx={{ px: 1, py: 0.5 }}>
        <TextField
          select
          size="small"
          fullWidth
          value={value}
          onChange={(e) => onChange(column.index, targetFrom(e.target.value, column.header, column.letter))}
          slotProps={{
            htmlInput: { 'aria-label': t('import.mapping.target.label', { letter: column.letter, header }) },
            select: {
              MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } },
              renderValue: (v) =>
                v === 'extra' ? t('import.mapping.target.extra') : v === 'ignore' ? t('import.mapping.target.ignore') : labels.field(String(v).slice(6)),
            },
          }}
          sx={{ '& .MuiSelect-select': { py: 0.75 }, bgcolor: target.kind === 'field' ? 'background.paper' : 'action.hover' }}
          data-testid="mapping-target"
          data-target={value}
        >
          {options}
        </TextField>
      </TableCell>
      <TableCell sx={{ px: 1.5 }}>
        <Chip size="small" variant="outlined" color={howTone[column.how]} label={t(`import.mapping.how.${column.how}`)} data-how={column.how} />
      </TableCell>
    </TableRow>
  );
});

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function MappingPanel({ flow, preview }: { flow: ImportFlow; preview: WorklistPreview }) {
  const t = useT();
  const locale = useLocale();
  const options = useTargetOptions(locale, t);
  const hasMsisdn = flow.mapping.some((m) => m.kind === 'field' && m.field === 'msisdn');
  return (
    <Paper variant="outlined" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1, overflow: 'hidden' }}>
      <Box sx={{ px: 2, pt: 1.5, pb: 1 }}>
        <Typography variant="subtitle1" component="h3">
          {t('import.mapping.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {preview.profileMatched ? t('import.profileMatched') : t('import.mapping.hint')}
        </Typography>
        {!hasMsisdn && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="mapping-no-msisdn">
            {t('import.mapping.noMsisdn')}
          </Alert>
        )}
      </Box>
      <TableContainer sx={{ flex: 1 }}>
        <Table stickyHeader size="small" aria-label={t('import.mapping.table')} sx={{ tableLayout: 'fixed', minWidth: 640 }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 48, px: 1.5 }}>{t('import.mapping.col.letter')}</TableCell>
              <TableCell sx={{ width: '21%', px: 1.5 }}>{t('import.mapping.col.header')}</TableCell>
              <TableCell sx={{ px: 1.5 }}>{t('import.mapping.col.samples')}</TableCell>
              <TableCell sx={{ width: 196, px: 1.5 }}>{t('import.mapping.col.target')}</TableCell>
              <TableCell sx={{ width: 112, px: 1.5 }}>{t('import.mapping.col.how')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.columns.map((c, i) => (
              <MappingRow key={`${preview.sheet}-${preview.headerRow}-${c.index}`} column={c} target={flow.mapping[i] ?? c.target} options={options} onChange={flow.setTarget} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

function useIssuesDownload(jobId: string | null) {
  const api = useApi();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = () => {
    if (!jobId) return;
    setBusy(true);
    setError(null);
    api
      .call('worklist-issues-export', { jobId, locale })
      .then((staged) => saveDownload(api, staged))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return { busy, error, download };
}

function DownloadIssuesButton({ jobId, disabled }: { jobId: string | null; disabled?: boolean }) {
  const t = useT();
  const { busy, error, download } = useIssuesDownload(jobId);
  return (
    <>
      <Button size="small" variant="outlined" startIcon={<DownloadIcon />} onClick={download} disabled={busy || disabled || !jobId} data-testid="issues-download">
        {t('import.issues.download')}
      </Button>
      {error != null && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {t('import.issues.downloadFailed', { message: describeError(error, t) })}
        </Alert>
      )}
    </>
  );
}

function CheckPanel({ flow, preview }: { flow: ImportFlow; preview: WorklistPreview }) {
  const t = useT();
  const locale = useLocale();
  const { check } = preview;
  const issues = check.issues.slice(0, ISSUES_SHOWN);
  const more = check.issues.length > issues.length || check.rejected + check.warnings > check.issues.length;
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }} aria-busy={flow.rechecking} data-testid="import-check">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>
          {t('import.check.title')}
        </Typography>
        {flow.rechecking && (
          <Typography variant="caption" color="text.secondary" role="status">
            {t('import.check.checking')}
          </Typography>
        )}
      </Box>
      <Box sx={{ height: 4, mt: -1 }}>{flow.rechecking && <LinearProgress aria-label={t('import.check.checking')} />}</Box>
      <Box sx={{ display: 'flex', gap: 1, opacity: flow.rechecking ? 0.6 : 1 }}>
        <CountStat label={t('import.check.valid')} value={check.valid} tone="success" testId="check-valid" icon={<CheckCircleIcon />} />
        <CountStat label={t('import.check.rejected')} value={check.rejected} tone="error" testId="check-rejected" icon={<ErrorIcon />} />
        <CountStat label={t('import.check.warnings')} value={check.warnings} tone="warning" testId="check-warnings" icon={<WarningAmberIcon />} />
      </Box>
      {check.valid + check.rejected === 0 ? (
        // The blank template: "every row passed" of no row read as ready to import (found by a new supervisor).
        <Alert severity="info" data-testid="check-no-rows">
          {formatMessage(locale, 'api.import-no-rows', { file: preview.fileName, headerRow: preview.headerRow + 1 })}
        </Alert>
      ) : check.issues.length === 0 ? (
        <Alert severity="success">{t('import.check.allGood')}</Alert>
      ) : (
        <>
          {check.rejected === 0 && <Typography variant="body2" color="text.secondary">{t('import.check.warningsOnly')}</Typography>}
          <RowIssuesTable issues={issues} />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 200 }}>
              {more ? t('import.issues.more', { shown: issues.length }) : ''}
            </Typography>
            <DownloadIssuesButton jobId={flow.previewJobId} disabled={flow.rechecking} />
          </Box>
        </>
      )}
    </Paper>
  );
}

function ListPanel({ flow, preview }: { flow: ImportFlow; preview: WorklistPreview }) {
  const t = useT();
  const labels = useLabels();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const several = preview.listsInFile.length > 1;
  const nameMissing = !several && flow.list.name.trim() === '';
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }} data-testid="import-list">
      <Typography variant="subtitle1" component="h3">
        {t('import.list.title')}
      </Typography>
      {several && (
        <Alert severity="info" data-testid="import-several-lists">
          {t('import.list.several', { count: preview.listsInFile.length })}
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
            {preview.listsInFile.map((l) => (
              <li key={l.name}>{t('import.list.severalItem', { name: l.name, rows: nf.format(l.rows) })}</li>
            ))}
          </Box>
          {t('import.list.severalNote')}
        </Alert>
      )}
      <TextField
        size="small"
        label={t('import.list.name')}
        value={flow.list.name}
        onChange={(e) => flow.setList({ name: e.target.value })}
        required={!several}
        error={nameMissing}
        helperText={nameMissing ? t('import.list.nameRequired') : undefined}
        slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'list-name-input' } }}
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
        <TextField
          select
          size="small"
          label={t('import.list.type')}
          value={flow.list.type}
          onChange={(e) => flow.setList({ type: e.target.value as (typeof listTypes)[number] })}
          data-testid="list-type-select"
        >
          {listTypes.map((lt) => (
            <MenuItem key={lt} value={lt}>
              {labels.listType(lt)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('import.list.period')}
          value={flow.list.period}
          placeholder={t('import.list.periodHint')}
          onChange={(e) => flow.setList({ period: e.target.value })}
          slotProps={{ htmlInput: { maxLength: 50, 'data-testid': 'list-period-input' }, inputLabel: { shrink: true } }}
        />
      </Box>
      <IsoDatePicker label={t('import.list.dueDate')} value={flow.list.dueDate} onChange={(dueDate) => flow.setList({ dueDate })} testId="list-due-input" />
      <SameListNotice flow={flow} names={several ? preview.listsInFile.map((l) => l.name) : [flow.list.name]} />
    </Paper>
  );
}

/** Before importing: which existing list this import would update, or nearly duplicate (core/worklist/same-list.ts). */
function SameListNotice({ flow, names }: { flow: ImportFlow; names: string[] }) {
  const locale = useLocale();
  const t = useT();
  const existing = useApiQuery('worklist-list', {}).data?.items ?? [];
  const period = flow.list.period.trim() || null;
  const matches = names.flatMap((name) => listsLike(existing, { name, period }).map((m) => ({ ...m, wanted: name })));
  if (matches.length === 0) return null;
  return (
    <>
      {matches.map(({ list, kind, wanted }) => (
        <Alert
          key={`${wanted}-${list.id}`}
          severity={kind === 'same' ? 'info' : 'warning'}
          data-testid="import-same-list"
          data-kind={kind}
          action={
            kind === 'look-alike' && names.length === 1 ? (
              <Button size="small" onClick={() => flow.setList({ name: list.name })}>
                {t('import.list.useExistingName')}
              </Button>
            ) : kind === 'no-period' && list.period && names.length === 1 ? (
              <Button size="small" onClick={() => flow.setList({ period: list.period ?? '' })} data-testid="import-use-period">
                {t('import.list.useExistingPeriod', { period: list.period })}
              </Button>
            ) : undefined
          }
        >
          {formatMessage(locale, kind === 'same' ? 'api.list-exists-update' : kind === 'no-period' ? 'api.list-no-period' : 'api.list-look-alike', {
            name: list.name,
            period: list.period ?? t('common.missing'),
            importedAt: localDateTime(list.importedAt) ?? '',
            open: list.open,
          })}
        </Alert>
      ))}
    </>
  );
}

function ChoicePanel({ flow, preview }: { flow: ImportFlow; preview: WorklistPreview }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const { rejected, valid } = preview.check;
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1 }}>
      {rejected > 0 && (
        <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} data-testid="import-choice">
          <Typography component="legend" variant="subtitle1" sx={{ color: 'error.dark' }}>
            {t('import.rejected.title', { count: nf.format(rejected) })}
          </Typography>
          <RadioGroup value={flow.onRejected} onChange={(e) => flow.setOnRejected(e.target.value as typeof flow.onRejected)}>
            <FormControlLabel value="import-valid" control={<Radio />} label={t('import.rejected.importValid', { count: nf.format(valid) })} />
            <FormControlLabel value="import-nothing" control={<Radio />} label={t('import.rejected.importNothing')} />
          </RadioGroup>
          <Divider sx={{ my: 1 }} />
        </Box>
      )}
      <FormControlLabel
        control={<Checkbox checked={flow.saveProfile} onChange={(e) => flow.setSaveProfile(e.target.checked)} />}
        label={<Typography variant="body2">{t('import.saveProfile')}</Typography>}
      />
    </Paper>
  );
}

function ReviewStep({ flow, preview }: { flow: ImportFlow; preview: WorklistPreview }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const [headerRow, setHeaderRow] = useState(String(preview.headerRow + 1));
  const [readAt, setReadAt] = useState(preview.headerRow);
  if (readAt !== preview.headerRow) {
    setReadAt(preview.headerRow);
    setHeaderRow(String(preview.headerRow + 1));
  }
  const commitHeaderRow = () => {
    const n = Number(headerRow);
    if (Number.isInteger(n) && n >= 1 && n <= 101 && n - 1 !== preview.headerRow) flow.setHeaderRow(n - 1);
    else setHeaderRow(String(preview.headerRow + 1));
  };
  return (
    <Box sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 1.5, p: 2, pb: 0 }}>
      {flow.error != null && (
        <Alert severity="error" data-testid="import-error">
          <AlertTitle>{t('import.error.title')}</AlertTitle>
          {describeError(flow.error, t)}
        </Alert>
      )}
      {flow.cancelled && <Alert severity="info">{t('import.cancelled')}</Alert>}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        {flow.sheets.length > 1 && (
          <TextField
            select
            size="small"
            label={t('import.sheet')}
            value={preview.sheet}
            onChange={(e) => flow.setSheet(e.target.value)}
            sx={{ minWidth: 220 }}
            data-testid="sheet-select"
          >
            {flow.sheets.map((s) => (
              <MenuItem key={s.name} value={s.name}>
                {s.rows === null ? s.name : t('import.sheet.option', { name: s.name, rows: nf.format(s.rows) })}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          size="small"
          type="number"
          label={t('import.headerRow')}
          value={headerRow}
          onChange={(e) => setHeaderRow(e.target.value)}
          onBlur={commitHeaderRow}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitHeaderRow();
          }}
          sx={{ width: 120 }}
          slotProps={{ htmlInput: { min: 1, max: 101, 'data-testid': 'header-row-input' } }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 360 }}>
          {t('import.headerRow.hint')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary" data-testid="import-data-rows">
          {t('import.dataRows', { count: nf.format(preview.dataRows) })}
        </Typography>
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 2 }}>
        <Box sx={{ flex: 1.35, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <MappingPanel flow={flow} preview={preview} />
        </Box>
        <Box sx={{ flex: 1, minWidth: 380, overflowY: 'auto', display: 'grid', gap: 1.5, alignContent: 'start', pb: 2 }}>
          <CheckPanel flow={flow} preview={preview} />
          <ListPanel flow={flow} preview={preview} />
          <ChoicePanel flow={flow} preview={preview} />
        </Box>
      </Box>
    </Box>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Step 3: the result

function DoneStep({ result: r, importJobId }: { result: WorklistImportResult; importJobId: string | null }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  // Two columns: what happened to the file's rows, beside what it did to subscribers and tasks.
  const rows: [PlainMessageKey, number, string][] = [
    ['import.done.read', r.read, 'read'],
    ['import.done.newSubscribers', r.newSubscribers, 'newSubscribers'],
    ['import.done.imported', r.imported, 'imported'],
    ['import.done.updatedSubscribers', r.updatedSubscribers, 'updatedSubscribers'],
    ['import.done.rejected', r.rejected, 'rejected'],
    ['import.done.newTasks', r.newTasks, 'newTasks'],
    ['import.done.warnings', r.warnings, 'warnings'],
    ['import.done.joinedOpenTasks', r.joinedOpenTasks, 'joinedOpenTasks'],
  ];
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flex: 1, p: 4, overflowY: 'auto' }}>
      <Paper variant="outlined" sx={{ width: 'min(640px, 100%)', p: 4, display: 'grid', gap: 2 }} data-testid="import-result">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
          {r.unchanged || r.abandoned ? (
            <InfoIcon color="info" sx={{ fontSize: 36 }} aria-hidden />
          ) : (
            <CheckCircleIcon color="success" sx={{ fontSize: 36 }} aria-hidden />
          )}
          <Typography variant="h6" component="h3">
            {t('import.done.title')}
          </Typography>
        </Box>
        <Typography variant="body2" color="text.secondary">
          {r.fileName}
        </Typography>
        {r.unchanged && (
          <Alert severity="info" data-testid="import-unchanged">
            {t('import.done.unchanged')}
          </Alert>
        )}
        {r.abandoned && (
          <Alert severity="warning" data-testid="import-abandoned">
            {t('import.done.abandoned')}
          </Alert>
        )}
        <Box
          component="dl"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: '1fr auto 1fr auto', rowGap: 0.75, columnGap: 3, '& dd': { m: 0, textAlign: 'right', fontWeight: 600 } }}
        >
          {rows.map(([label, n, id]) => (
            <Box key={id} sx={{ display: 'contents' }}>
              <dt>{t(label)}</dt>
              <dd data-testid={`result-${id}`} data-value={n}>
                {nf.format(n)}
              </dd>
            </Box>
          ))}
        </Box>
        {r.joinedOpenTasks > 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('import.done.joinedHint')}
          </Typography>
        )}
        {r.repeatedRows > 0 && (
          <Typography variant="body2" color="text.secondary" data-testid="result-repeatedRows" data-value={r.repeatedRows}>
            {t('import.done.repeatedHint', { count: r.repeatedRows })}
          </Typography>
        )}
        {r.lists.length > 0 && (
          <Box>
            <Typography variant="subtitle2" component="h4">
              {t('import.done.lists')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
              {r.lists.map((l) => (
                <Chip
                  key={l.id}
                  label={r.unchanged ? l.name : `${l.name} · ${t(l.created ? 'import.done.listCreated' : 'import.done.listUpdated')}`}
                  data-testid="result-list"
                />
              ))}
            </Box>
          </Box>
        )}
        {r.issueCount > 0 && (
          <Box>
            <DownloadIssuesButton jobId={importJobId} />
          </Box>
        )}
      </Paper>
    </Box>
  );
}

// ---------------------------------------------------------------------------------------------------------------

export function ImportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const flow = useImportFlow();
  const { stage, preview } = flow;
  const live = useLiveData();

  const close = (then?: () => void) => {
    flow.dispose();
    if (flow.result && !flow.result.unchanged && !flow.result.abandoned) {
      // The import changed the workspace: counts, lists and queue all show it.
      if (flow.importJobId) live.jobFinished({ id: flow.importJobId, kind: 'worklist-import', state: 'done' });
    }
    onClose();
    then?.();
  };

  const importing = stage === 'importing';
  const hasMsisdn = flow.mapping.some((m) => m.kind === 'field' && m.field === 'msisdn');
  const several = (preview?.listsInFile.length ?? 0) > 1;
  const nothing = flow.onRejected === 'import-nothing' && (preview?.check.rejected ?? 0) > 0;
  const valid = preview?.check.valid ?? 0;
  const canImport =
    stage === 'review' && preview !== null && !flow.busy && !flow.rechecking && hasMsisdn && (several || flow.list.name.trim() !== '') && (nothing || valid > 0);

  return (
    <PickersProvider>
      <Dialog
        open
        fullScreen
        onClose={() => {
          // Escape does not abandon a running import: Cancel does, and says so.
          if (!importing) close();
        }}
        aria-labelledby="import-title"
        data-testid="import-dialog"
      >
        <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', bgcolor: 'background.default' }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, minHeight: 56, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}>
            <UploadFileIcon color="primary" aria-hidden />
            <Typography id="import-title" variant="h6" component="h2">
              {t('import.title')}
            </Typography>
            {preview && (
              <Typography variant="body2" color="text.secondary" noWrap sx={{ minWidth: 0 }} data-testid="import-file">
                {t('import.file', { name: preview.fileName, format: preview.format.toUpperCase() })}
              </Typography>
            )}
            <Box sx={{ flex: 1 }} />
            <Tooltip title={t('common.close')}>
              <span>
                <IconButton onClick={() => close()} disabled={importing} aria-label={t('common.close')} edge="end">
                  <CloseIcon />
                </IconButton>
              </span>
            </Tooltip>
          </Box>

          <Box sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
            {stage === 'pick' && <PickStep flow={flow} />}
            {stage === 'uploading' && (
              <JobProgress label={t('import.progress.uploading', { name: flow.chosenName ?? '' })} progress={null} cancelLabel={t('common.cancel')} />
            )}
            {stage === 'reading' && (
              <JobProgress label={t('import.progress.reading')} progress={flow.progress} onCancel={flow.cancel} cancelLabel={t('common.cancel')} />
            )}
            {stage === 'password' && <PasswordStep flow={flow} />}
            {stage === 'review' && preview && <ReviewStep flow={flow} preview={preview} />}
            {stage === 'importing' && (
              <JobProgress
                label={t(importStepLabels[importStepOf(flow.progress?.phase)])}
                progress={flow.progress}
                onCancel={flow.cancel}
                cancelLabel={t('common.cancel')}
                expectedRows={preview?.dataRows ?? null}
              />
            )}
            {stage === 'done' && flow.result && <DoneStep result={flow.result} importJobId={flow.importJobId} />}
          </Box>

          {(stage === 'review' || stage === 'done') && (
            <Stack direction="row" spacing={1} sx={{ px: 2, py: 1.5, bgcolor: 'background.paper', borderTop: 1, borderColor: 'divider', alignItems: 'center' }}>
              {stage === 'review' && (
                <>
                  <Button onClick={flow.choose}>{t('import.pick.another')}</Button>
                  <Box sx={{ flex: 1 }} />
                  <Button onClick={() => close()}>{t('common.cancel')}</Button>
                  <Button variant="contained" onClick={flow.startImport} disabled={!canImport} data-testid="import-submit">
                    {nothing ? t('import.submit.nothing') : valid > 0 ? t('import.submit', { count: new Intl.NumberFormat().format(valid) }) : t('import.submit.blocked')}
                  </Button>
                </>
              )}
              {stage === 'done' && (
                <>
                  <Box sx={{ flex: 1 }} />
                  <Button
                    onClick={() =>
                      close(() => {
                        const first = flow.result?.lists[0];
                        useQueue.getState().setFilters({ listId: flow.result?.lists.length === 1 && first ? first.id : null, status: null });
                        window.location.hash = hrefFor('queue');
                      })
                    }
                  >
                    {t('import.done.openQueue')}
                  </Button>
                  <Button variant="contained" onClick={() => close()} autoFocus data-testid="import-finish">
                    {t('import.done.finish')}
                  </Button>
                </>
              )}
            </Stack>
          )}
        </Box>
      </Dialog>
    </PickersProvider>
  );
}
