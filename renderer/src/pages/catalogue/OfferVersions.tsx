import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Offer } from '../../../../core/offers/catalogue';
import { useApiQuery, useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useFormat } from '../../format';
import { useLocale, useT } from '../../i18n';
import { catalogueChangesText } from '../../../../core/audit/actions';
import { changedFields, settingChanges } from '../../../../core/setting-changes';
import { OfferReach } from './OfferReach';

/**
 * An offer's earlier versions (docs/product.md §3.2): each as it was before an edit, a catalogue import or a
 * restore replaced it, with a button to go back to it. Going back keeps the version it replaces, so it is undoable.
 */
export function OfferVersions({ code, current, onRestored }: { code: string; current: Offer; onRestored(o: Offer): void }) {
  const t = useT();
  const locale = useLocale();
  const fmt = useFormat();
  const apiSave = useApiSave();
  const { busy, error, run } = useAction();
  const versions = useApiQuery('offer-versions', { code }).data?.versions ?? [];
  // Asked first, with what it changes and whom the offer then reaches (docs/product.md §11.1): it saved at once, with
  // only a toast to say so (found by a new supervisor).
  const [asking, setAsking] = useState<(typeof versions)[number] | null>(null);
  if (versions.length === 0) return null;
  const restore = (versionId: number) =>
    void run(async () => {
      const r = await apiSave('offer-restore', { code, versionId });
      setAsking(null);
      onRestored(r.offer);
    });
  return (
    <Box data-testid="offer-versions" sx={{ display: 'grid', gap: 0.5 }}>
      <Typography variant="subtitle2" component="h3">
        {t('catalogue.versions.title')}
      </Typography>
      {versions.slice(0, 10).map((v, i) => (
        <Box key={v.id} data-testid="offer-version" data-version={v.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, typography: 'body2' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            {t('catalogue.versions.row', { at: fmt.dateTime(v.savedAt), replaced: fmt.dateTime(v.replacedAt), by: v.replacedBy ?? t('audit.system'), name: v.offer.name_zh, cost: fmt.money(v.offer.cost) })}
            {/* What the save that replaced it changed, as the audit log words it: three versions read the same and
                nothing told which to go back to (found by a new supervisor). */}
            <Typography variant="caption" component="div" color="text.secondary" data-testid="offer-version-changed" sx={{ overflowWrap: 'anywhere' }}>
              {t('catalogue.versions.changedAfter', { changes: catalogueChangesText(locale, 'offers', settingChanges(v.offer, versions[i - 1]?.offer ?? current, changedFields)) })}
            </Typography>
          </Box>
          <Button size="small" disabled={busy} onClick={() => setAsking(v)} data-testid="offer-version-restore">
            {t('catalogue.versions.restore')}
          </Button>
        </Box>
      ))}
      {error != null && !asking && <ErrorAlert title={t('catalogue.save.failed')} error={error} testId="offer-restore-error" />}
      {asking && (
        <Dialog open onClose={busy ? undefined : () => setAsking(null)} fullWidth maxWidth="sm" aria-labelledby="offer-restore-title" data-testid="offer-restore-dialog">
          <DialogTitle id="offer-restore-title">{t('catalogue.versions.confirmTitle', { at: fmt.dateTime(asking.savedAt) })}</DialogTitle>
          <DialogContent>
            <Stack spacing={1.5}>
              <Typography variant="body2" data-testid="offer-restore-changes" sx={{ overflowWrap: 'anywhere' }}>
                {t('catalogue.versions.confirmChanges', { changes: catalogueChangesText(locale, 'offers', settingChanges(current, asking.offer, changedFields)) })}
              </Typography>
              <OfferReach offer={asking.offer} isNew={false} />
              {error != null && <ErrorAlert title={t('catalogue.save.failed')} error={error} testId="offer-restore-error" />}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setAsking(null)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button variant="contained" onClick={() => restore(asking.id)} disabled={busy} data-testid="offer-restore-confirm">
              {t('catalogue.versions.restore')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
