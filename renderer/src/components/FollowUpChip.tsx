import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { FollowUpView } from '../../../core/api';
import { followUpLabels } from '../../../core/offers/catalogue';
import { useFormat } from '../format';
import { useLocale, useT } from '../i18n';

/** The words for a follow-up task (issue 17 #4): its kind, the offer it follows up and the day it falls due. */
export function useFollowUpText(): (f: NonNullable<FollowUpView>) => { kind: string; offer: string; full: string } {
  const t = useT();
  const locale = useLocale();
  const fmt = useFormat();
  return (f) => {
    const kind = locale === 'en' ? followUpLabels[f.kind].en : followUpLabels[f.kind].zh;
    const offer = (locale === 'en' ? f.offerNameEn : null) ?? f.offerName ?? f.offerCode;
    return { kind, offer, full: t('followUp.full', { kind, offer, date: fmt.date(f.on) }) };
  };
}

/** A follow-up task in the queue's lists column: it came from an accepted offer, not from a work list. */
export function FollowUpChip({ followUp }: { followUp: NonNullable<FollowUpView> }) {
  const text = useFollowUpText()(followUp);
  return (
    <Tooltip title={text.full} describeChild>
      <Chip size="small" variant="outlined" color="secondary" label={text.kind} data-testid="row-follow-up" sx={{ maxWidth: '100%' }} />
    </Tooltip>
  );
}
