import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import type { QueueItem } from '../../../../core/api';
import { RiskLevelChip, useRiskWords } from '../../components/RiskLevelChip';
import { useFormat } from '../../format';
import { useLocale, useT } from '../../i18n';

/**
 * A queue row's risk cell: the same one level as the customer's card (docs/product.md §4.4: the rule level and the
 * model's P(churn) reconciled, or 数据不足), with the rule score and, when a model is active, its P under it, and the
 * rule level when it is not the one shown. The tooltip spells both sources out.
 */
export function RowRisk({ item }: { item: QueueItem }) {
  const t = useT();
  const words = useRiskWords();
  const locale = useLocale();
  const fmt = useFormat();
  const s = item.signal;
  if (s === null) {
    return (
      <Box sx={{ color: 'text.disabled' }} data-testid="row-risk">
        {fmt.missing}
      </Box>
    );
  }
  const score = s.rule.score < 0 ? `\u2212${-s.rule.score}` : s.rule.score;
  const pct = s.model?.p != null ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(s.model.p * 100) : null;
  const detail = s.model === null ? null : pct === null ? t('queue.signal.modelAbstained', { level: words.level(s.rule.level), score }) : t('queue.signal.detail', { level: words.level(s.rule.level), score, pct });
  const cell = (
    <Box data-testid="row-risk" data-rule-level={s.rule.level} data-p={s.model?.p ?? undefined}>
      <RiskLevelChip level={s.level} />
      <Box sx={{ color: 'text.secondary', fontSize: '0.75rem', lineHeight: 1.35, whiteSpace: 'nowrap' }} data-testid="row-score">
        {t('card.risk.score', { score })}
        {pct !== null && <Box data-testid="row-model-p">{t('queue.signal.model', { pct })}</Box>}
        {/* The filter and the workbooks go by the rule level: said where the level shown is another (数据不足, or
            raised by the model), or a 稳定 filter showed rows marked 数据不足 (found by a new phone agent). */}
        {s.level !== s.rule.level && <Box data-testid="row-rule-level">{t('queue.signal.ruleLevel', { level: words.level(s.rule.level) })}</Box>}
      </Box>
    </Box>
  );
  return detail === null ? (
    cell
  ) : (
    <Tooltip title={detail} placement="top-start" enterDelay={400} describeChild>
      {cell}
    </Tooltip>
  );
}
