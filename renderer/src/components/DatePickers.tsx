import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { enUS, zhCN } from '@mui/x-date-pickers/locales';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n';

/** Date pickers in the UI language (calendar, month names, the "today" button). */
export function PickersProvider({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const texts = (locale === 'zh-CN' ? zhCN : enUS).components.MuiLocalizationProvider.defaultProps.localeText;
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={locale === 'zh-CN' ? 'zh-cn' : 'en'} localeText={texts}>
      {children}
    </LocalizationProvider>
  );
}

const ISO = 'YYYY-MM-DD';

/** A box this wide shows a whole date beside the picker's clear and calendar buttons (at 170 px the day was cut: "2026-12-0"). */
export const DATE_FIELD_WIDTH = 188;

/**
 * A calendar date as the contract carries it (YYYY-MM-DD, a local day, never shifted by a zone), typed or
 * picked. Shown in ISO form in both languages: it is how the central files write dates.
 */
export function IsoDatePicker({
  label,
  value,
  onChange,
  helperText,
  testId,
}: {
  label: string;
  value: string | null;
  onChange(value: string | null): void;
  helperText?: ReactNode;
  testId?: string;
}) {
  const parsed = value ? dayjs(value, ISO) : null;
  return (
    <DatePicker
      label={label}
      value={parsed}
      format={ISO}
      onChange={(d) => onChange(d && d.isValid() ? d.format(ISO) : null)}
      slotProps={{
        textField: { size: 'small', fullWidth: true, helperText, ...({ 'data-testid': testId } as object) },
        field: { clearable: true },
      }}
    />
  );
}
