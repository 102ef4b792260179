import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { OperationOutput } from '../../../../core/api';
import { useFormat, type Formatter } from '../../format';
import { useLocale, useT } from '../../i18n';
import { sections, usageTable, type Display } from './cardModel';

export type ModelView = Extract<OperationOutput<'customer-lookup'>, { found: true }>['model'];
type Model = NonNullable<ModelView>;

const UP = '#b71c1c';
const DOWN = '#1b5e20';
/** How many factors the card shows: the largest few are enough to explain; the rest is noise at a counter. */
const SHOWN = 5;

function useNum() {
  const locale = useLocale();
  return useMemo(() => {
    const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const v = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    return { pct: (p: number) => pct.format(p * 100), value: (x: number) => v.format(x) };
  }, [locale]);
}

/** How a canonical field's value reads on the card (its unit), so a factor reads the same as the field. */
const fieldDisplay = new Map<string, Display>([
  ...sections.flatMap((sec) => sec.groups.flatMap((g) => g.rows.map((r) => [r.key, r.display] as const))),
  ...usageTable.metrics.flatMap((m) => Object.values(m.fields).map((k) => [k as string, m.id === 'arpu' ? 'yuan' : m.id === 'mou' ? 'minutes' : 'mb'] as const)),
]);
/** The model's derived figures (core/model/features.ts): ratios as a percentage, a share's change in points. */
const derivedDisplay: Record<string, 'ratio' | 'points' | Display> = {
  arpu_ratio: 'ratio',
  mou_ratio: 'ratio',
  data_ratio: 'ratio',
  arpu_trend: 'ratio',
  offnet_shift: 'points',
  days_to_contract_end: 'days',
  days_since_marketed: 'days',
  tenure_months: 'count',
};

/** A factor's value in plain words: with the field's unit, yes/no for flags, percentages for ratios. */
function factorValue(feature: string, value: number | string | null, fmt: Formatter, t: ReturnType<typeof useT>, n: ReturnType<typeof useNum>): string {
  if (value === null) return fmt.missing;
  if (typeof value === 'string') return value;
  const d = derivedDisplay[feature] ?? fieldDisplay.get(feature);
  if (d === 'ratio') return t('unit.percent', { value: n.pct(value) });
  if (d === 'points') return t('card.model.points', { value: `${value > 0 ? '+' : value < 0 ? '\u2212' : ''}${n.value(Math.abs(value * 100))}` });
  if (d && d !== 'text' && d !== 'date') return fmt[d](value);
  return n.value(value);
}

/**
 * "模型离网概率 81%（v1）": the learned model's probability, beside the rule score (docs/product.md §4.2). When the
 * model abstained for want of inputs (`counted` false, §4.4) it says so and its figure is not the level's.
 */
export function ModelProbability({ model, counted, color }: { model: Model; counted: boolean; color: string }) {
  const t = useT();
  const n = useNum();
  return (
    <Typography
      component="p"
      data-testid="model-p"
      data-p={model.p}
      data-version={model.version}
      data-counted={counted}
      sx={{ color: counted ? color : 'text.secondary', fontWeight: counted ? 600 : 400, fontSize: '0.9375rem', fontVariantNumeric: 'tabular-nums' }}
    >
      {t(counted ? 'card.model.line' : 'card.model.abstained', { pct: n.pct(model.p), version: model.version })}
    </Typography>
  );
}

/** The model's largest per-feature contributions as small signed bars: red pushes towards churn, green away. */
export function ModelFactors({ model }: { model: Model }) {
  const t = useT();
  const fmt = useFormat();
  const locale = useLocale();
  const n = useNum();
  const shown = [...model.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, SHOWN);
  if (shown.length === 0) return null;
  const max = Math.max(...shown.map((c) => Math.abs(c.contribution))) || 1;
  return (
    <Box component="section" data-testid="model-factors" sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2" component="h4" sx={{ color: 'text.secondary', mb: 0.5 }}>
        {t('card.model.factors')}
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', rowGap: 0.25 }}>
        {shown.map((c) => {
          // The unit moves to the value ("近三月流量：35 MB", not "近三月流量(MB)：35").
          const label = (locale === 'zh-CN' ? c.labelZh : c.label).replace(/\s*[(（]MB[)）]$/u, '');
          const value = factorValue(c.feature, c.value, fmt, t, n);
          const up = c.contribution > 0;
          const width = Math.max(3, Math.round((Math.abs(c.contribution) / max) * 36));
          return (
            <Tooltip key={c.feature} title={`${up ? '+' : '\u2212'}${n.value(Math.abs(c.contribution))}`} placement="top" describeChild>
              <Box
                component="li"
                tabIndex={0}
                data-testid="model-factor"
                data-feature={c.feature}
                data-contribution={c.contribution}
                sx={{ display: 'flex', alignItems: 'center', gap: 0.75, fontSize: '0.8125rem' }}
              >
                <Box component="span" aria-hidden sx={{ fontWeight: 700, color: up ? UP : DOWN, width: '0.8em', textAlign: 'center' }}>
                  {up ? '+' : '\u2212'}
                </Box>
                <Box component="span" aria-hidden sx={{ flex: 'none', width: 36, display: 'flex', justifyContent: 'flex-end' }}>
                  <Box component="span" sx={{ width, height: 8, borderRadius: 0.5, bgcolor: up ? UP : DOWN, opacity: 0.75 }} />
                </Box>
                <span>{t('card.model.factor', { label, value })}</span>
              </Box>
            </Tooltip>
          );
        })}
      </Box>
    </Box>
  );
}
