import Chip from '@mui/material/Chip';
import { wrappingChipSx } from './wrappingChip';
import Tooltip from '@mui/material/Tooltip';
import type { ListType } from '../../../core/worklist/fields';
import { useLabels, useT } from '../i18n';

/** A work list as a chip: its type is what the agent acts on, its name says which batch it came in. */
export function ListTypeChip({ type, name, names }: { type: ListType; name: string; names?: readonly string[] }) {
  const t = useT();
  const labels = useLabels();
  const label = labels.listType(type);
  // Several lists of one type (a week's 双卡 list and a campaign's) are one chip with their count: two chips reading
  // 双卡 双卡 side by side could not be told apart. The tooltip names them all.
  const all = (names && names.length > 1 ? names : [name]).map(labels.listName);
  return (
    // The tooltip repeats the type: a narrow column may cut the chip's label short.
    <Tooltip title={t('common.labelled', { label, value: all.join(t('common.listSeparator')) })} describeChild>
      <Chip
        size="small"
        variant="outlined"
        color="primary"
        label={all.length > 1 ? `${label} ×${all.length}` : label}
        data-list-type={type}
        sx={wrappingChipSx}
      />
    </Tooltip>
  );
}
