import PeopleAltOutlinedIcon from '@mui/icons-material/PeopleAltOutlined';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo, useId } from 'react';
import { RiskLevelChip } from '../../components/RiskLevelChip';
import { useT } from '../../i18n';
import type { FoundCustomer } from './hallStore';

/**
 * One person, several lines (docs/product.md §4.5): the other lines with the same identity hash, masked, each with
 * its level and churn signal. Nothing when the customer has one line (or no identity number on file).
 */
export const SiblingLines = memo(function SiblingLines({ siblings }: { siblings: FoundCustomer['siblings'] }) {
  const t = useT();
  const id = useId();
  if (siblings.total === 0) return null;
  const hidden = siblings.total - siblings.lines.length;
  return (
    <Paper component="section" variant="outlined" aria-labelledby={id} data-testid="card-siblings" sx={{ px: 2, py: 1.25, mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <PeopleAltOutlinedIcon fontSize="small" sx={{ color: 'text.secondary' }} />
        <Typography id={id} variant="subtitle2" component="h3" data-testid="card-siblings-title">
          {t('card.siblings.title', { count: siblings.total + 1 })}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {t('card.siblings.hint')}
        </Typography>
      </Box>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1, display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {siblings.lines.map((l) => (
          <Box
            component="li"
            key={l.msisdnMasked}
            data-testid="card-sibling"
            data-level={l.level}
            sx={{ display: 'flex', alignItems: 'center', gap: 0.75, border: 1, borderColor: l.signal ? 'error.light' : 'divider', borderRadius: 1, px: 1, py: 0.5 }}
          >
            <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {l.msisdnMasked}
            </Typography>
            <RiskLevelChip level={l.level} />
            {l.signal && l.signal !== 'high' && (
              <Typography variant="caption" color="error.main" sx={{ fontWeight: 600 }}>
                {t(`card.siblings.signal.${l.signal}`)}
              </Typography>
            )}
          </Box>
        ))}
        {hidden > 0 && (
          <Typography component="li" variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
            {t('card.siblings.more', { count: hidden })}
          </Typography>
        )}
      </Box>
    </Paper>
  );
});
