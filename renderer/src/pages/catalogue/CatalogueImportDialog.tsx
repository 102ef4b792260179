import AddCircleIcon from '@mui/icons-material/AddCircle';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import InfoIcon from '@mui/icons-material/Info';
import SyncIcon from '@mui/icons-material/Sync';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import type { RowIssueView } from '../../../../core/api';
import { catalogueChangesText } from '../../../../core/audit/actions';
import type { CatalogueImportResult } from '../../../../core/api/ops/catalogue';
import { useApi } from '../../api/ApiContext';
import { ApiCallError } from '../../api/client';
import { describeError } from '../../app/errors';
import { CountStat, RowIssuesTable } from '../../components/ImportReport';
import { useFileJobFlow } from '../../components/useFileJobFlow';
import { useLocale, useT } from '../../i18n';
import { useFieldLabel, type CatalogueKind } from './catalogueWords';

type ImportResult = CatalogueImportResult;
type Stage = 'pick' | 'uploading' | 'checking' | 'choice' | 'importing' | 'done';

/** A refused file (unusable header) carries its problems as row issues in the error's details. */
function issuesOf(error: unknown): RowIssueView[] | null {
  if (!(error instanceof ApiCallError) || error.code !== 'bad-file') return null;
  const details = error.error.details as { issues?: RowIssueView[] } | undefined;
  return Array.isArray(details?.issues) && details.issues.length > 0 ? details.issues : null;
}

/**
 * Offers or plans from a workbook (docs/product.md §3.2): the file is first checked (`dryRun`: the import itself,
 * rolled back), and the supervisor sees what it would add and change, field by field, and every rejected row, before
 * anything is written — a catalogue change reaches every agent's recommendations, and a clean file went in at once
 * without a word of what it replaced (found by a new supervisor). With rows rejected they choose to import the valid
 * rows or nothing (docs/product.md §3.1). The backend imports in one transaction, in a job (Cancel leaves the
 * catalogue as it was), and records it in the audit log.
 */
export function CatalogueImportDialog({ kind, onClose, onImported, onTemplate }: { kind: CatalogueKind; onClose(): void; onImported(): void; onTemplate(): void }) {
  const t = useT();
  const api = useApi();
  const locale = useLocale();
  const fieldLabel = useFieldLabel();
  const nf = new Intl.NumberFormat(locale);
  const [fileName, setFileName] = useState<string | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [choice, setChoice] = useState<'import-valid' | 'import-nothing'>('import-valid');
  /** Which run is (or was last) under way: the first one only checks when rows are rejected. */
  const [run, setRun] = useState<'check' | 'import'>('check');
  const closed = useRef(false);
  const importRun = (onRejected: 'import-valid' | 'import-nothing', dryRun: boolean) => (files: { token: string }[]) =>
    api.call('catalogue-import', { kind, file: files[0]!.token, onRejected, dryRun, locale });
  const flow = useFileJobFlow({
    // The catalogue reader takes no password: a protected file is refused with its message.
    asksPassword: false,
    start: importRun('import-valid', true),
    onChosen: ([name]) => {
      setFileName(name ?? null);
      setCheck(null);
      setResult(null);
      setChoice('import-valid');
      setRun('check');
    },
  });
  const error = flow.error;
  const stage: Stage = result
    ? 'done'
    : flow.step === 'uploading'
      ? 'uploading'
      : flow.step === 'running'
        ? run === 'import'
          ? 'importing'
          : 'checking'
        : check
          ? 'choice'
          : 'pick';

  const finish = (r: ImportResult) => {
    setResult(r);
    if (r.imported + r.updated > 0) onImported();
  };

  const choose = () => {
    // Called in the click handler: the browser's file input needs the user's gesture.
    void flow.choose().then((o) => {
      if (closed.current || o?.kind !== 'done') return;
      setCheck(o.result);
    });
  };

  const confirm = async () => {
    if (!check) return;
    setRun('import');
    const o = await flow.run('', importRun(choice, false));
    if (!closed.current && o?.kind === 'done') finish(o.result);
  };

  const close = () => {
    closed.current = true;
    onClose();
  };

  const busy = stage === 'uploading' || stage === 'checking' || stage === 'importing';
  const refused = issuesOf(error);
  const valid = check ? check.read - check.rejected : 0;
  /** What importing the valid rows would write: nothing when every one is as stored. */
  const writes = check ? check.imported + check.updated : 0;

  return (
    <Dialog open onClose={() => !busy && close()} fullWidth maxWidth="md" scroll="paper" aria-labelledby="catalogue-import-title" data-testid="catalogue-import-dialog">
      <DialogTitle id="catalogue-import-title">{t(kind === 'offers' ? 'catalogue.import.title.offers' : 'catalogue.import.title.plans')}</DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 2, minHeight: 260, alignContent: 'start' }}>
        {fileName && stage !== 'pick' && (
          <Typography variant="body2" color="text.secondary" data-testid="catalogue-import-file">
            {fileName}
          </Typography>
        )}

        {stage === 'pick' && (
          <Box sx={{ display: 'grid', gap: 1.5, justifyItems: 'start' }}>
            <UploadFileIcon color="primary" sx={{ fontSize: 40 }} aria-hidden />
            <Typography variant="body2">{t(kind === 'offers' ? 'catalogue.import.body.offers' : 'catalogue.import.body.plans')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('catalogue.import.templateHint')}{' '}
              <Link component="button" variant="body2" onClick={onTemplate} sx={{ verticalAlign: 'baseline' }}>
                {t('catalogue.import.templateLink')}
              </Link>
            </Typography>
            <Button variant="contained" startIcon={<UploadFileIcon />} onClick={choose} autoFocus data-testid="catalogue-import-choose">
              {t('import.pick.button')}
            </Button>
          </Box>
        )}

        {busy && (
          <Box sx={{ display: 'grid', gap: 1 }} role="status">
            <Typography variant="body2">{t(stage === 'importing' ? 'import.progress.importing' : stage === 'checking' ? 'catalogue.import.checking' : 'catalogue.import.uploading')}</Typography>
            <LinearProgress aria-label={t('common.loading')} />
            {flow.step === 'running' && (
              <Box>
                <Button variant="outlined" onClick={flow.cancel} data-testid="catalogue-import-cancel">
                  {t('common.cancel')}
                </Button>
              </Box>
            )}
          </Box>
        )}

        {error != null && (
          <Alert severity="error" data-testid="catalogue-import-error">
            <AlertTitle>{t(refused ? 'catalogue.import.refused' : 'import.error.title')}</AlertTitle>
            {refused ? t('catalogue.import.refusedBody') : describeError(error, t)}
          </Alert>
        )}
        {refused && <RowIssuesTable issues={refused} fieldLabel={fieldLabel} />}

        {stage === 'choice' && check && (
          <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="catalogue-import-check">
            <Typography variant="subtitle1" component="h3">
              {t('catalogue.import.checkTitle')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
              <CountStat label={t('import.done.read')} value={check.read} tone="info" testId="check-read" icon={<InfoIcon />} />
              <CountStat label={t('catalogue.import.willAdd')} value={check.imported} tone="success" testId="check-added" icon={<AddCircleIcon />} />
              <CountStat label={t('catalogue.import.willUpdate')} value={check.updated} tone="success" testId="check-updated" icon={<SyncIcon />} />
              <CountStat label={t('catalogue.import.unchanged')} value={check.unchanged} tone="info" testId="check-unchanged" icon={<InfoIcon />} />
              <CountStat label={t('import.check.rejected')} value={check.rejected} tone="error" testId="check-rejected" icon={<ErrorIcon />} />
            </Box>
            {check.changes.length > 0 && <ChangesTable kind={kind} changes={check.changes} />}
            {writes === 0 && valid > 0 && (
              <Alert severity="info" sx={{ py: 0 }} data-testid="catalogue-import-same">
                {t('catalogue.import.allSame')}
              </Alert>
            )}
            {check.rejected > 0 && (
              <>
                <RowIssuesTable issues={check.issues} fieldLabel={fieldLabel} />
                <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} data-testid="catalogue-import-choice">
                  <Typography component="legend" variant="subtitle1" sx={{ color: 'error.dark' }}>
                    {t('import.rejected.title', { count: nf.format(check.rejected) })}
                  </Typography>
                  {writes > 0 ? (
                    <RadioGroup value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)}>
                      <FormControlLabel value="import-valid" control={<Radio />} label={t('import.rejected.importValid', { count: nf.format(valid) })} />
                      <FormControlLabel value="import-nothing" control={<Radio />} label={t('import.rejected.importNothing')} />
                    </RadioGroup>
                  ) : valid === 0 ? (
                    <Typography variant="body2" color="text.secondary">
                      {t('catalogue.import.noneValid')}
                    </Typography>
                  ) : null}
                </Box>
              </>
            )}
          </Box>
        )}

        {stage === 'done' && result && (
          <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="catalogue-import-result">
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              {result.abandoned ? <InfoIcon color="info" aria-hidden /> : <CheckCircleIcon color="success" aria-hidden />}
              <Typography variant="subtitle1" component="h3">
                {t('import.done.title')}
              </Typography>
            </Box>
            {result.abandoned && (
              <Alert severity="info" data-testid="catalogue-import-abandoned">
                {t('import.done.abandoned')}
              </Alert>
            )}
            <Box sx={{ display: 'flex', gap: 1 }}>
              <CountStat label={t('import.done.read')} value={result.read} tone="info" testId="result-read" icon={<InfoIcon />} />
              <CountStat label={t('catalogue.import.added')} value={result.imported} tone="success" testId="result-added" icon={<AddCircleIcon />} />
              <CountStat label={t('catalogue.import.updated')} value={result.updated} tone="success" testId="result-updated" icon={<SyncIcon />} />
              <CountStat label={t('catalogue.import.unchanged')} value={result.unchanged} tone="info" testId="result-unchanged" icon={<InfoIcon />} />
              <CountStat label={t('import.done.rejected')} value={result.rejected} tone="error" testId="result-rejected" icon={<ErrorIcon />} />
            </Box>
            {result.issues.length > 0 && (
              <>
                <Typography variant="subtitle2" component="h4">
                  {t('catalogue.import.problems')}
                </Typography>
                <RowIssuesTable issues={result.issues} fieldLabel={fieldLabel} />
              </>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {(stage === 'choice' || stage === 'done') && (
          <Button onClick={choose} sx={{ mr: 'auto' }}>
            {t('import.pick.another')}
          </Button>
        )}
        {stage === 'choice' && check && writes > 0 ? (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button variant="contained" onClick={() => void confirm()} data-testid="catalogue-import-submit">
              {choice === 'import-nothing' && check.rejected > 0
                ? t('import.submit.nothing')
                : t('catalogue.import.submit', { added: nf.format(check.imported), updated: nf.format(check.updated) })}
            </Button>
          </>
        ) : (
          <Button variant={stage === 'done' ? 'contained' : 'text'} onClick={close} disabled={busy} data-testid="catalogue-import-close">
            {stage === 'done' ? t('import.done.finish') : t('common.close')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** What an import would add and change: each offer or plan, and for a change the fields it changes. */
function ChangesTable({ kind, changes }: { kind: CatalogueKind; changes: CatalogueImportResult['changes'] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <TableContainer sx={{ maxHeight: 240, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label={t('catalogue.import.changesTitle')} data-testid="catalogue-import-changes">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 190 }}>{t('catalogue.import.col.code')}</TableCell>
            <TableCell>{t('catalogue.import.col.name')}</TableCell>
            <TableCell>{t('catalogue.import.col.change')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c) => (
            <TableRow key={c.code} data-testid="catalogue-import-change" data-code={c.code} data-change={c.change}>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{c.code}</TableCell>
              <TableCell>{locale === 'en' && c.nameEn ? c.nameEn : c.name}</TableCell>
              <TableCell>{c.change === 'created' ? t('catalogue.import.isNew') : catalogueChangesText(locale, kind, c.fields)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
