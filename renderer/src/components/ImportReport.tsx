import ErrorIcon from '@mui/icons-material/Error';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import type { RowIssueView } from '../../../core/api';
import { formatMessage } from '../../../core/i18n';
import { useLocale, useT } from '../i18n';

/**
 * What every file import shows about a file's rows (work lists, offer and plan catalogues): a count with its
 * tone, and the problems with their row, column, reason in the reader's language and the value found.
 */

/** One count of an import check or result, coloured by what it means (a zero error count is muted). */
export function CountStat({ label, value, tone, testId, icon }: { label: string; value: number; tone: 'success' | 'error' | 'warning' | 'info'; testId: string; icon: ReactNode }) {
  const theme = useTheme();
  const locale = useLocale();
  const color = theme.palette[tone].dark;
  const muted = value === 0 && tone !== 'success';
  return (
    <Box
      data-testid={testId}
      data-value={value}
      sx={{
        flex: 1,
        px: 1.5,
        py: 1,
        borderRadius: 1,
        border: 1,
        borderColor: muted ? 'divider' : alpha(color, 0.35),
        bgcolor: muted ? 'transparent' : alpha(color, 0.06),
        minWidth: 0,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: muted ? 'text.secondary' : color, '& svg': { fontSize: 18 } }}>
        {icon}
        <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
          {label}
        </Typography>
      </Box>
      <Typography component="p" sx={{ fontSize: '1.375rem', fontWeight: 600, color: muted ? 'text.secondary' : 'text.primary' }}>
        {new Intl.NumberFormat(locale).format(value)}
      </Typography>
    </Box>
  );
}

/**
 * The problems found in a file, one line each. `fieldLabel` names the field of a problem that has no column in
 * the file (a required column missing): the reader still learns which field it is about.
 */
export function RowIssuesTable({ issues, fieldLabel, maxHeight = 300 }: { issues: readonly RowIssueView[]; fieldLabel?: (field: string) => string; maxHeight?: number }) {
  const t = useT();
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale);
  const columnOf = (i: RowIssueView): string => {
    if (i.columnLetter) return t('import.issues.column', { letter: i.columnLetter, header: i.column });
    if (i.column) return i.column;
    return i.field && fieldLabel ? fieldLabel(i.field) : '—';
  };
  return (
    <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxHeight }}>
      <Table size="small" stickyHeader aria-label={t('import.issues.table')} sx={{ tableLayout: 'fixed' }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 64, px: 1 }}>{t('import.issues.col.row')}</TableCell>
            <TableCell sx={{ width: '24%', px: 1 }}>{t('import.issues.col.column')}</TableCell>
            <TableCell sx={{ px: 1 }}>{t('import.issues.col.problem')}</TableCell>
            <TableCell sx={{ width: '20%', px: 1 }}>{t('import.issues.col.value')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {issues.map((i, n) => {
            const error = i.severity === 'error';
            return (
              <TableRow key={n} data-testid="issue-row" data-severity={i.severity} data-code={i.code} data-row={i.row} data-field={i.field ?? ''}>
                <TableCell sx={{ px: 1, verticalAlign: 'top' }}>
                  <Tooltip title={t(error ? 'import.issues.error' : 'import.issues.warning')} describeChild>
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: error ? 'error.dark' : 'warning.dark', '& svg': { fontSize: 16 } }}>
                      {error ? <ErrorIcon aria-hidden /> : <WarningAmberIcon aria-hidden />}
                      <span data-testid="issue-row-number">{i.row > 0 ? nf.format(i.row) : '—'}</span>
                    </Box>
                  </Tooltip>
                </TableCell>
                <TableCell sx={{ px: 1, verticalAlign: 'top', wordBreak: 'break-word' }} data-testid="issue-column">
                  {columnOf(i)}
                </TableCell>
                <TableCell sx={{ px: 1, verticalAlign: 'top' }} data-testid="issue-message">
                  {formatMessage(locale, i.code, i.params)}
                </TableCell>
                <TableCell sx={{ px: 1, verticalAlign: 'top', wordBreak: 'break-all', fontFamily: 'monospace', fontSize: '0.8125rem' }}>
                  {i.value || '—'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
