import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import InfoIcon from '@mui/icons-material/Info';
import WarningIcon from '@mui/icons-material/Warning';
import Box from '@mui/material/Box';
import type { SvgIconProps } from '@mui/material/SvgIcon';
import { useMemo, type ComponentType } from 'react';
import type { RiskView } from '../../../core/api';
import { formatMessage } from '../../../core/i18n';
import { levelText, reasonText, tagText, tierText, unjudgedText } from '../../../core/risk/messages';
import type { Reason, UnjudgedGroup } from '../../../core/risk/score';
import type { Tag, Tier } from '../../../core/risk/tags';
import { useLocale, type Locale } from '../i18n';

export type RiskLevel = RiskView['level'];
/** What a chip can show: a rule level, or the reconciled signal's 数据不足 (core/risk/signal.ts). */
export type ShownLevel = RiskLevel | 'insufficient';
export const riskLevels: readonly RiskLevel[] = ['high', 'medium', 'low', 'stable'];
const tiers: readonly Tier[] = ['diamond', 'gold', 'silver', 'normal'];

/**
 * One colour family per level (red, orange, amber, green). Every pairing of text on its background keeps at
 * least 4.5:1 contrast, and each level also has its own icon and word, so colour is never the only cue.
 */
export const riskPalette: Record<ShownLevel, { solid: string; onSolid: string; tint: string; ink: string; Icon: ComponentType<SvgIconProps> }> = {
  high: { solid: '#c62828', onSolid: '#ffffff', tint: '#fdecec', ink: '#b71c1c', Icon: ErrorIcon },
  medium: { solid: '#f57c00', onSolid: '#1c1c1c', tint: '#fff3e0', ink: '#a84300', Icon: WarningIcon },
  low: { solid: '#ffca28', onSolid: '#1c1c1c', tint: '#fff8e1', ink: '#7a5800', Icon: InfoIcon },
  stable: { solid: '#2e7d32', onSolid: '#ffffff', tint: '#e8f5e9', ink: '#1b5e20', Icon: CheckCircleIcon },
  // Grey, never green: too little is known to call the customer stable (docs/product.md §4.4).
  insufficient: { solid: '#616161', onSolid: '#ffffff', tint: '#f5f5f5', ink: '#424242', Icon: HelpOutlineIcon },
};

/**
 * The risk texts of core (core/risk/messages.ts, tables in core/i18n/risk-messages.ts), bound to the UI
 * language. The contract carries codes as plain strings; an unknown one (a newer backend) shows as itself.
 */
export interface RiskWords {
  level(level: ShownLevel): string;
  reason(reason: { code: string; params: Record<string, string | number> }): string;
  unjudged(group: string): string;
  tier(tier: string): string;
  tag(tag: { code: string; params: Record<string, string | number> }): string;
  /** Any core message (e.g. a tag code built from the sensitivity type). */
  message(code: string, params?: Record<string, string | number>): string;
}

export function riskWordsFor(locale: Locale): RiskWords {
  return {
    level: (level) => levelText(locale, level),
    reason: (reason) => reasonText(locale, reason as Pick<Reason, 'code' | 'params'>),
    unjudged: (group) => unjudgedText(locale, group as UnjudgedGroup),
    tier: (tier) => ((tiers as readonly string[]).includes(tier) ? tierText(locale, tier as Tier) : tier),
    tag: (tag) => tagText(locale, tag as Tag),
    message: (code, params) => formatMessage(locale, code, params),
  };
}

export function useRiskWords(): RiskWords {
  const locale = useLocale();
  return useMemo(() => riskWordsFor(locale), [locale]);
}

/**
 * The level as colour and word (and, large, an icon); `data-level` carries the code for tests and tooling.
 * The small one leaves the icon out so it fits a table column in either language.
 */
export function RiskLevelChip({ level, size = 'small', testId }: { level: ShownLevel; size?: 'small' | 'large'; testId?: string }) {
  const words = useRiskWords();
  const p = riskPalette[level];
  const large = size === 'large';
  return (
    <Box
      component="span"
      data-level={level}
      data-testid={testId}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: large ? 0.75 : 0.5,
        px: large ? 1.5 : 0.875,
        py: large ? 0.5 : 0.125,
        borderRadius: large ? 1.5 : 1,
        bgcolor: p.solid,
        color: p.onSolid,
        fontWeight: 700,
        fontSize: large ? '1.375rem' : '0.8125rem',
        lineHeight: 1.4,
        // A small chip may wrap: "Not enough data" is wider than the queue's risk column.
        whiteSpace: large ? 'nowrap' : 'normal',
        wordBreak: 'keep-all',
        letterSpacing: large ? '0.06em' : '0.02em',
      }}
    >
      {large && <p.Icon sx={{ fontSize: '1.5rem', color: 'inherit' }} aria-hidden />}
      {words.level(level)}
    </Box>
  );
}
