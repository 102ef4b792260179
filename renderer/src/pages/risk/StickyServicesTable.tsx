import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { stickyServiceCodes, stickySourceFields, type StickyServiceCode } from '../../../../core/risk/config';
import { fieldByKey } from '../../../../core/worklist/fields';
import { useLocale, useT, type PlainMessageKey } from '../../i18n';
import { sourceFieldName } from './riskConfigForm';

export interface StickyCell {
  value: string;
  error: string | null;
  changed: boolean;
  activeText: string;
}

const changedSx = { bgcolor: '#fff8e1', '& .MuiOutlinedInput-notchedOutline': { borderColor: '#e0a100', borderWidth: 2 } };

/**
 * The sticky services (docs/product.md §4.1) as one row each: points, the subscriber field the value is read from,
 * and the value from which the service counts as there. The cells are the form's fields
 * (`sticky.services.<code>.points|field|min`), so checking, "changed" tints and saving stay riskConfigForm.ts's.
 */
export function StickyServicesTable({ cell, onChange }: { cell(path: string): StickyCell; onChange(path: string, value: string): void }) {
  const t = useT();
  const locale = useLocale();
  const fieldName = (key: string) => sourceFieldName(key, locale);
  /** What the threshold is measured in: yes (= 1) for a yes/no field, a count, MB for a data field. */
  const minUnit = (fieldKey: string): string | null => {
    const d = fieldByKey.get(fieldKey);
    if (!d) return null;
    if (d.kind === 'bool') return t('riskConfig.sticky.unit.yes');
    if (d.kind === 'int') return t('riskConfig.sticky.unit.count');
    return /_mb/u.test(d.key) ? t('riskConfig.unit.mb') : null;
  };
  const input = (code: StickyServiceCode, part: 'points' | 'field' | 'min') => {
    const path = `sticky.services.${code}.${part}`;
    const c = cell(path);
    const unit = part === 'points' ? t('riskConfig.unit.pts') : part === 'min' ? minUnit(cell(`sticky.services.${code}.field`).value) : null;
    const title = c.error ?? (c.changed ? t('riskConfig.activeWas', { value: part === 'field' ? fieldName(c.activeText) : c.activeText }) : undefined);
    return (
      <TextField
        key={part}
        size="small"
        select={part === 'field'}
        value={c.value}
        error={c.error !== null}
        onChange={(e) => onChange(path, e.target.value)}
        title={title}
        slotProps={{
          input: {
            endAdornment: unit ? <InputAdornment position="end">{unit}</InputAdornment> : undefined,
            sx: c.changed && !c.error ? changedSx : undefined,
          },
          htmlInput: {
            'aria-label': t(`riskConfig.f.${path}` as PlainMessageKey),
            'aria-invalid': c.error !== null,
            'data-testid': `rc-input-${path}`,
            inputMode: part === 'field' ? undefined : 'decimal',
            sx: { fontVariantNumeric: 'tabular-nums' },
          },
        }}
      >
        {part === 'field'
          ? stickySourceFields.map((k) => (
              <MenuItem key={k} value={k}>
                {fieldName(k)}
              </MenuItem>
            ))
          : undefined}
      </TextField>
    );
  };
  return (
    <Box
      role="table"
      aria-label={t('riskConfig.rule.sticky')}
      data-testid="rc-sticky-services"
      sx={{ display: 'grid', gridTemplateColumns: 'minmax(100px, 1fr) 110px minmax(170px, 1.6fr) 150px', columnGap: 1.5, rowGap: 0.75, alignItems: 'center' }}
    >
      <Box role="row" sx={{ display: 'contents' }}>
        {(['service', 'points', 'field', 'min'] as const).map((h) => (
          <Typography key={h} role="columnheader" variant="caption" color="text.secondary">
            {t(`riskConfig.sticky.col.${h}`)}
          </Typography>
        ))}
      </Box>
      {stickyServiceCodes.map((code) => {
        const errors = (['points', 'field', 'min'] as const).map((p) => cell(`sticky.services.${code}.${p}`).error).filter((e): e is string => e !== null);
        return (
          <Box role="row" key={code} sx={{ display: 'contents' }} data-testid={`rc-sticky-${code}`}>
            <Typography role="rowheader" variant="body2">
              {t(`riskConfig.sticky.service.${code}`)}
              {errors.length > 0 && (
                <Typography component="span" variant="caption" color="error" sx={{ display: 'block' }}>
                  {errors.join('；')}
                </Typography>
              )}
            </Typography>
            {input(code, 'points')}
            {input(code, 'field')}
            {input(code, 'min')}
          </Box>
        );
      })}
    </Box>
  );
}
