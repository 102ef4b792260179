import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { listTypes, type ListType } from '../../../core/worklist/fields';
import { useLabels, useT } from '../i18n';
import { riskLevels, useRiskWords, type RiskLevel } from './RiskLevelChip';

const ALL = '';
/** "All" is a real choice, shown as the value, rather than an empty field with the label sitting inside it. */
export const allOption = { select: { displayEmpty: true }, inputLabel: { shrink: true } } as const;

/** A list-type filter (queue, dashboard): every type of docs/product.md §2 or all. */
export function ListTypeFilter({ value, onChange, testId }: { value: ListType | null; onChange(v: ListType | null): void; testId?: string }) {
  const t = useT();
  const labels = useLabels();
  return (
    <TextField
      select
      size="small"
      label={t('queue.filter.listType')}
      value={value ?? ALL}
      onChange={(e) => onChange((e.target.value || null) as ListType | null)}
      sx={{ width: 140, bgcolor: 'background.paper' }}
      slotProps={allOption}
      data-testid={testId}
    >
      <MenuItem value={ALL}>{t('queue.filter.allListTypes')}</MenuItem>
      {listTypes.map((lt) => (
        <MenuItem key={lt} value={lt}>
          {labels.listType(lt)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A risk-level filter (queue, dashboard). */
export function RiskLevelFilter({ value, onChange, testId }: { value: RiskLevel | null; onChange(v: RiskLevel | null): void; testId?: string }) {
  const t = useT();
  const words = useRiskWords();
  return (
    <TextField
      select
      size="small"
      label={t('queue.filter.level')}
      value={value ?? ALL}
      onChange={(e) => onChange((e.target.value || null) as RiskLevel | null)}
      sx={{ width: 120, bgcolor: 'background.paper' }}
      slotProps={allOption}
      data-testid={testId}
    >
      <MenuItem value={ALL}>{t('queue.filter.allLevels')}</MenuItem>
      {riskLevels.map((l) => (
        <MenuItem key={l} value={l}>
          {words.level(l)}
        </MenuItem>
      ))}
    </TextField>
  );
}
