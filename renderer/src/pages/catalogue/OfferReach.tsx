import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { Offer } from '../../../../core/offers/catalogue';
import { useApiQuery } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSettledValue } from '../../components/useSettledValue';
import { useLocale, useT } from '../../i18n';

/**
 * Whom the offer as edited reaches today, against the saved one (docs/product.md §11.1: every configuration is
 * previewed before saving; `offer-reach`): asked 400 ms after the last edit that leaves the form valid, the previous
 * answer kept meanwhile. A supervisor narrowing the rules saw nothing of what it did until agents' cards changed.
 */
export function OfferReach({ offer, isNew }: { offer: Offer | null; isNew: boolean }) {
  const t = useT();
  const nf = new Intl.NumberFormat(useLocale());
  const asked = useSettledValue(offer);
  const reach = useApiQuery('offer-reach', { offer: (asked ?? offer) as Offer }, { enabled: asked !== null, keepPrevious: true });
  const r = reach.data;
  const n = (x: number) => nf.format(x);
  const moved = r?.before && (r.gained.customers > 0 || r.lost.customers > 0);
  return (
    <Box data-testid="offer-reach" sx={{ display: 'grid', gap: 0.25 }}>
      <Typography variant="subtitle2">{t('catalogue.reach.title')}</Typography>
      <Box sx={{ height: 2 }}>{reach.isFetching && <LinearProgress aria-label={t('common.loading')} sx={{ height: 2 }} />}</Box>
      {reach.error != null && <ErrorAlert error={reach.error} onRetry={() => void reach.refetch()} />}
      {r && (
        <>
          {/* A form that does not check leaves the figures of the one before: said so, and greyed (they stood as if
              current beside a field's error; found by a supervisor's pass). */}
          <Typography variant="body2" data-testid="offer-reach-figures" sx={offer === null ? { color: 'text.disabled' } : undefined}>
            {!r.before
              ? t(isNew ? 'catalogue.reach.new' : 'catalogue.reach.now', { customers: n(r.after.customers), open: n(r.after.openTasks) })
              : moved
                ? t('catalogue.reach.moved', {
                    before: n(r.before.customers),
                    after: n(r.after.customers),
                    gained: n(r.gained.customers),
                    lost: n(r.lost.customers),
                    openBefore: n(r.before.openTasks),
                    openAfter: n(r.after.openTasks),
                  })
                : t('catalogue.reach.unchanged', { customers: n(r.after.customers), open: n(r.after.openTasks) })}
          </Typography>
          {offer === null && (
            <Typography variant="body2" color="warning.dark" data-testid="offer-reach-stale">
              {t('catalogue.reach.stale')}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {t('catalogue.reach.hint', { total: n(r.total) })}
          </Typography>
        </>
      )}
    </Box>
  );
}
