import Typography from '@mui/material/Typography';
import type { RiskSignalView } from '../../../../core/api';
import { useLocale, useT } from '../../i18n';

/**
 * Why the card shows the level it shows (docs/product.md §4.4): which of the rule and the model gave it when they
 * disagree, or why there is no level (数据不足). Nothing when they agree or no model is active: the level and the
 * score beside it say it all then.
 */
export function SignalNote({ signal, color }: { signal: RiskSignalView; color: string }) {
  const t = useT();
  const locale = useLocale();
  let text: string | null = null;
  if (signal.level === 'insufficient') {
    const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(signal.rule.coverage * 100);
    text = t(signal.model ? 'card.signal.insufficient.model' : 'card.signal.insufficient', { pct });
  } else if (signal.by === 'model') text = t('card.signal.byModel');
  else if (signal.by === 'rule' && signal.model?.p != null) text = t('card.signal.byRule');
  if (text === null) return null;
  return (
    <Typography variant="body2" component="p" data-testid="risk-signal-by" data-by={signal.by} sx={{ color, fontWeight: 600 }}>
      {text}
    </Typography>
  );
}
