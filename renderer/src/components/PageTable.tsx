import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useT, type PlainMessageKey } from '../i18n';

/** A column of a page's table: its header and fixed width (the rest share what is left). */
export interface PageColumn {
  id: string;
  label: PlainMessageKey;
  align?: 'right' | 'center';
  width?: number;
}

/** A list page's heading (the work lists, the campaigns): its title, how many there are, and its actions at the right. */
export function PageHeading({ title, count, countTestId, children }: { title: string; count: string | null; countTestId: string; children?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      {count !== null && (
        <Typography variant="body2" color="text.secondary" data-testid={countTestId}>
          {count}
        </Typography>
      )}
      <Box sx={{ flex: 1 }} />
      {children}
    </Box>
  );
}

/** The header row of a fixed-layout table: each column's label at its width (the page tables, the model versions). */
export function ColumnHeads({ columns }: { columns: readonly PageColumn[] }) {
  const t = useT();
  return (
    <TableHead>
      <TableRow>
        {columns.map((c) => (
          <TableCell key={c.id} align={c.align} sx={{ width: c.width, px: 1.5 }}>
            {t(c.label)}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/**
 * A list page's table: an outlined frame filling the page, a loading bar that keeps its place, a sticky header of
 * fixed-width columns, the rows, and what shows when there are none.
 */
export function PageTable({ label, loading, columns, empty, children }: { label: string; loading: boolean; columns: readonly PageColumn[]; empty?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <Paper variant="outlined" sx={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label={t('common.loading')} />}</Box>
      <TableContainer sx={{ flex: 1 }}>
        <Table stickyHeader size="small" aria-label={label} aria-busy={loading} sx={{ tableLayout: 'fixed', minWidth: 960 }}>
          <ColumnHeads columns={columns} />
          <TableBody>{children}</TableBody>
        </Table>
        {empty}
      </TableContainer>
    </Paper>
  );
}
