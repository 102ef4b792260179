import Chip from '@mui/material/Chip';
import { useLocale, useT } from '../../i18n';

/**
 * Marks a tariff option that moves the customer to another brand for less than today's bill, with the revenue it
 * loses a month (docs/product.md §5.4 "No revenue traps"): such a plan is never the headline, and says so here.
 */
export function DowngradeChip({ revenueLost }: { revenueLost: number }) {
  const t = useT();
  const locale = useLocale();
  const lost = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(revenueLost);
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      label={t('card.tariff.downgrade', { lost })}
      data-testid="tariff-downgrade"
      data-revenue-lost={revenueLost}
      sx={{ ml: 0.75, height: 20, fontSize: '0.75rem' }}
    />
  );
}
