import Chip from '@mui/material/Chip';
import { wrappingChipSx } from './wrappingChip';
import { alpha, useTheme, type Theme } from '@mui/material/styles';
import type { TaskStatus } from '../../../core/api';
import { useLabels } from '../i18n';

type Tone = 'neutral' | 'info' | 'warning' | 'success' | 'error';

/** Also the canonical order of statuses in menus: open work first, then the ways a task ends. */
export const statusTone: Record<TaskStatus, Tone> = {
  pending: 'neutral',
  in_progress: 'info',
  callback_due: 'warning',
  closed_success: 'success',
  closed_declined: 'error',
  closed_unreachable: 'neutral',
  expired: 'neutral',
};
export const taskStatuses = Object.keys(statusTone) as TaskStatus[];

export function toneColor(theme: Theme, tone: Tone): string {
  return tone === 'neutral' ? theme.palette.grey[700] : theme.palette[tone].dark;
}

export function StatusChip({ status }: { status: TaskStatus }) {
  const labels = useLabels();
  const theme = useTheme();
  const tone = statusTone[status];
  const color = toneColor(theme, tone);
  const closed = status.startsWith('closed_') || status === 'expired';
  return (
    <Chip
      size="small"
      label={labels.status(status)}
      data-status={status}
      sx={{
        ...wrappingChipSx,
        color,
        bgcolor: closed ? 'transparent' : alpha(color, 0.1),
        border: `1px solid ${alpha(color, closed ? 0.45 : 0.25)}`,
        fontWeight: 500,
      }}
    />
  );
}
