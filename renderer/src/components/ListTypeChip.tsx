import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { ListType } from '../../../core/worklist/fields';
import { useLabels, useT } from '../i18n';

/** A work list as a chip: its type is what the agent acts on, its name says which batch it came in. */
export function ListTypeChip({ type, name }: { type: ListType; name: string }) {
  const t = useT();
  const labels = useLabels();
  const label = labels.listType(type);
  return (
    // The tooltip repeats the type: a narrow column may cut the chip's label short.
    <Tooltip title={t('common.labelled', { label, value: name })} describeChild>
      <Chip size="small" variant="outlined" color="primary" label={label} data-list-type={type} sx={{ maxWidth: '100%' }} />
    </Tooltip>
  );
}
