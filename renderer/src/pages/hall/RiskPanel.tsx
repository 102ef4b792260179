import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { memo, useId, useMemo, useState, type ReactNode } from 'react';
import type { RiskSignalView, RiskView } from '../../../../core/api';
import { RiskLevelChip, riskPalette, useRiskWords } from '../../components/RiskLevelChip';
import { useLabels, useLocale, useT, type PlainMessageKey } from '../../i18n';
import { pointsText, reasonLead, riskLayout, tagChipText } from './cardModel';
import { ModelFactors, ModelProbability, type ModelView } from './ModelFactors';
import { SignalNote } from './SignalNote';

/** A chip whose full text (with the figures) is in a tooltip when the chip shows only the tag's name. */
function TagChip({
  text,
  short,
  testId,
  code,
  variant = 'outlined',
  sx,
}: {
  text: string;
  short?: boolean;
  testId: string;
  code: string;
  variant?: 'outlined' | 'filled';
  sx?: Record<string, unknown>;
}) {
  const { label, detail } = tagChipText(text, short);
  const chip = (
    <Chip
      size="small"
      variant={variant}
      label={label}
      data-testid={testId}
      data-code={code}
      sx={{ maxWidth: '100%', bgcolor: variant === 'outlined' ? 'background.paper' : undefined, ...sx }}
    />
  );
  return detail ? (
    <Tooltip title={detail} placement="top" describeChild>
      {chip}
    </Tooltip>
  ) : (
    chip
  );
}

/** A titled part of the panel; `inline` puts the title before its content on one line (the tags: a row of chips). */
function Block({ title, children, testId, inline = false }: { title: PlainMessageKey; children: ReactNode; testId: string; inline?: boolean }) {
  const t = useT();
  const id = useId();
  return (
    <Box
      component="section"
      aria-labelledby={id}
      data-testid={testId}
      sx={{ minWidth: 0, ...(inline && { display: 'flex', alignItems: 'baseline', columnGap: 1, flexWrap: 'wrap' }) }}
    >
      <Typography id={id} variant="subtitle2" component="h4" sx={{ color: 'text.secondary', mb: inline ? 0 : 0.5, flex: 'none' }}>
        {t(title)}
      </Typography>
      {children}
    </Box>
  );
}

/** Reasons shown before "more" (the reasons come strongest first). */
const TOP_REASONS = 3;

/**
 * The first thing on the card (docs/product.md §1, §4.1, §4.3, §4.4): the one level agents act on (the rule level
 * and the model's P(churn) reconciled, or 数据不足) as colour, icon and word, both sources beside it, the segments,
 * the reasons with their points in plain words, the tags, and what could not be judged.
 */
export const RiskPanel = memo(function RiskPanel({ risk, signal, model = null }: { risk: RiskView; signal: RiskSignalView; model?: ModelView }) {
  const t = useT();
  const locale = useLocale();
  const words = useRiskWords();
  const labels = useLabels();
  const titleId = useId();
  const p = riskPalette[signal.level];
  const layout = riskLayout(risk);
  const nf = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }), [locale]);
  const num = (n: number) => nf.format(n);
  const score = risk.score < 0 ? `\u2212${num(-risk.score)}` : num(risk.score);
  // The card on one screen (issue 15 #7): the strongest reasons show, the rest on request.
  const [allReasons, setAllReasons] = useState(false);
  const shownReasons = allReasons ? risk.reasons : risk.reasons.slice(0, TOP_REASONS);
  const hiddenReasons = risk.reasons.length - shownReasons.length;

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={titleId}
      data-testid="card-risk"
      data-level={signal.level}
      data-rule-level={risk.level}
      sx={{ overflow: 'hidden', borderLeft: `6px solid ${p.solid}`, containerType: 'inline-size' }}
    >
      <Box
        sx={{
          px: 2,
          py: 0.5,
          bgcolor: p.tint,
          display: 'flex',
          alignItems: 'center',
          columnGap: 1.5,
          rowGap: 1,
          flexWrap: 'wrap',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Typography id={titleId} component="h3" sx={{ color: p.ink, fontWeight: 600, fontSize: '0.9375rem' }}>
          {t('card.risk.label')}
        </Typography>
        <RiskLevelChip level={signal.level} size="large" testId="risk-level" />
        <Tooltip title={t('card.risk.configVersion', { version: risk.configVersion })} placement="top" describeChild>
          <Typography
            component="p"
            data-testid="risk-score"
            data-score={risk.score}
            sx={{ color: p.ink, fontWeight: 700, fontSize: '1.25rem', fontVariantNumeric: 'tabular-nums' }}
          >
            {signal.model ? t('card.signal.rule', { level: words.level(risk.level), score }) : t('card.risk.score', { score })}
          </Typography>
        </Tooltip>
        {model && <ModelProbability model={model} counted={signal.model?.p !== null} color={p.ink} />}
        <SignalNote signal={signal} color={p.ink} />
        {risk.levelBy === 'competitor-cs-calls' && (
          <Typography variant="body2" data-testid="risk-level-by" sx={{ color: p.ink, fontWeight: 600 }}>
            {t('card.risk.levelBy.competitorCalls', { level: words.level(risk.level) })}
          </Typography>
        )}
        <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', alignItems: 'center' }}>
          {layout.midHighValue && (
            <TagChip
              text={words.tag(layout.midHighValue)}
              short
              code={layout.midHighValue.code}
              testId="risk-mid-high"
              variant="filled"
              sx={{ bgcolor: '#5b2a86', color: '#ffffff' }}
            />
          )}
          {risk.tier && (
            <Chip size="small" variant="outlined" label={t('common.labelled', { label: labels.field('tier'), value: words.tier(risk.tier) })} data-testid="risk-tier" data-tier={risk.tier} sx={{ bgcolor: 'background.paper' }} />
          )}
          {layout.sensitivity && (
            <TagChip text={words.tag(layout.sensitivity)} short code={layout.sensitivity.code} testId="risk-sensitivity" />
          )}
        </Box>
      </Box>

      <Box
        sx={{
          px: 2,
          py: 0.75,
          display: 'grid',
          // Beside the outcome panel (issue 15 #7) the panel is narrow: reasons over the full width, tags below them;
          // side by side only where the panel itself is wide.
          gridTemplateColumns: 'minmax(0, 1fr)',
          '@container (min-width: 900px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
          columnGap: 3,
          rowGap: 0.75,
        }}
      >
        <Block title="card.risk.reasons" testId="risk-reasons">
          {risk.reasons.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('card.risk.reasons.none')}
            </Typography>
          ) : (
            <Box
              component="ol"
              sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 1.25, rowGap: 0.25 }}
            >
              {shownReasons.map((r, i) => {
                const lead = reasonLead(r);
                const decisive = 'level' in lead;
                return (
                  <Box
                    component="li"
                    key={`${r.code}-${i}`}
                    data-testid="risk-reason"
                    data-code={r.code}
                    data-points={r.points}
                    sx={{ display: 'grid', gridColumn: '1 / -1', gridTemplateColumns: 'subgrid', alignItems: 'baseline' }}
                  >
                    <Box
                      component="span"
                      data-testid="risk-reason-points"
                      sx={{
                        textAlign: 'right',
                        fontWeight: 700,
                        fontSize: '0.875rem',
                        lineHeight: 1.6,
                        fontVariantNumeric: 'tabular-nums',
                        whiteSpace: 'nowrap',
                        color: decisive ? riskPalette.high.ink : r.points > 0 ? '#b71c1c' : r.points < 0 ? '#1b5e20' : 'text.secondary',
                      }}
                    >
                      {'level' in lead ? t('card.risk.decisive', { level: words.level(lead.level) }) : pointsText(lead.points, num)}
                    </Box>
                    <Typography variant="body2" component="span" sx={{ overflowWrap: 'anywhere' }} data-testid="risk-reason-text">
                      {words.reason(r)}
                    </Typography>
                  </Box>
                );
              })}
            </Box>
          )}
          {(hiddenReasons > 0 || allReasons) && risk.reasons.length > TOP_REASONS && (
            <Button size="small" onClick={() => setAllReasons((v) => !v)} aria-expanded={allReasons} data-testid="risk-reasons-more" sx={{ mt: 0.25, py: 0, minWidth: 0 }}>
              {allReasons ? t('card.risk.reasons.fewer') : t('card.risk.reasons.more', { count: hiddenReasons })}
            </Button>
          )}
        </Block>
        <Box sx={{ display: 'grid', gap: 1.25, alignContent: 'start', minWidth: 0 }}>
          <Block title="card.risk.tags" testId="risk-tags" inline>
            {layout.tags.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('card.risk.tags.none')}
              </Typography>
            ) : (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
                {layout.tags.map((tag) => (
                  <TagChip key={tag.code} text={words.tag(tag)} code={tag.code} testId="risk-tag" />
                ))}
              </Box>
            )}
          </Block>
          {/* An abstaining model's factors are its missing inputs: nothing to explain (docs/product.md §4.4). */}
          {model && signal.model?.p != null && <ModelFactors model={model} />}
        </Box>
      </Box>

      {risk.unjudged.length > 0 && (
        <Box
          data-testid="card-missing"
          sx={{ px: 2, py: 0.75, borderTop: 1, borderColor: 'divider', display: 'flex', gap: 0.75, alignItems: 'flex-start', color: 'text.secondary' }}
        >
          <InfoOutlinedIcon sx={{ fontSize: '1.125rem', mt: '2px' }} aria-hidden />
          <Typography variant="body2" component="p" sx={{ color: 'inherit' }}>
            {t('card.risk.unjudged')}
            {risk.unjudged.map((g) => words.unjudged(g)).join(t('card.risk.unjudgedSeparator'))}
          </Typography>
        </Box>
      )}
    </Paper>
  );
});
