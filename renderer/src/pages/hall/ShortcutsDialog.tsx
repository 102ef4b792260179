import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import { useLabels, useT, type PlainMessageKey } from '../../i18n';
import { dispositionKeysFor, type LogChannel } from './logForm';

type Row = { keys: string; action: string };

/**
 * The keyboard shortcuts (docs/product.md §9), opened with ? and built from the same key table as the panel: the
 * channel's outcome keys (the hall has no 无人接听); the number field's keys in the hall, the queue's on its card.
 */
export function ShortcutsDialog({ open, onClose, channel }: { open: boolean; onClose(): void; channel: LogChannel }) {
  const t = useT();
  const labels = useLabels();
  const row = (keys: string, key: PlainMessageKey): Row => ({ keys, action: t(key) });
  // The number field's keys are the hall's: the queue's card has no number field (it listed them beside its own Esc).
  const first =
    channel === 'phone'
      ? { title: t('shortcuts.section.queue'), rows: [row('J', 'queue.next'), row('Esc', 'queue.back'), row('V', 'shortcuts.lookup.reveal'), row('?', 'shortcuts.help')] }
      : {
          title: t('shortcuts.section.lookup'),
          rows: [row('Enter', 'shortcuts.lookup.enter'), row('Esc', 'shortcuts.lookup.esc'), row('/', 'shortcuts.lookup.slash'), row('V', 'shortcuts.lookup.reveal'), row('?', 'shortcuts.help')],
        };
  const sections: { title: string; rows: Row[] }[] = [
    first,
    {
      title: t('shortcuts.section.log'),
      rows: [
        ...dispositionKeysFor(channel).map((d) => ({ keys: d.key, action: labels.disposition(d.code) })),
        row('F', 'feedback.open'),
        row('E', 'note.open'),
      ],
    },
    {
      title: t('shortcuts.section.detail'),
      rows: [
        row('1–3', 'shortcuts.detail.offer'),
        row('1–9', 'shortcuts.detail.reason'),
        row('1–4', 'shortcuts.detail.competitor'),
        row('N', 'shortcuts.detail.note'),
        row('Enter', 'shortcuts.detail.enter'),
        row('Esc', channel === 'phone' ? 'shortcuts.detail.escQueue' : 'shortcuts.detail.esc'),
      ],
    },
  ];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      // ? closes it, as its own row says: the pages' ? listeners leave keys inside a dialog alone (the queue's card
      // opened it and ? did nothing more), so the dialog answers it itself.
      onKeyDown={(e) => {
        if (e.key !== '?') return;
        e.preventDefault();
        onClose();
      }}
      maxWidth="md"
      fullWidth
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
    >
      <DialogTitle id="shortcuts-title">{t('shortcuts.title')}</DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1.4fr' }, gap: 3 }}>
        {/* Three columns: the number field's keys (the queue's on its card), the outcome keys, and what follows a
            chosen outcome (as a fourth grid item a section wrapped under the first, and at 768 px the dialog scrolled). */}
        {[sections.slice(0, 1), sections.slice(1, 2), sections.slice(2)].map((column, c) => (
          <Box key={c} sx={{ display: 'grid', gap: 3, alignContent: 'start' }}>
            {column.map((s) => (
          <Box key={s.title}>
            <Typography variant="subtitle2" component="h3" sx={{ mb: 1, color: 'primary.dark' }}>
              {s.title}
            </Typography>
            <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 1.5, rowGap: 0.75, fontSize: '0.875rem' }}>
              {s.rows.map((r, i) => (
                <Fragment key={i}>
                  <Box component="dt" sx={{ m: 0 }}>
                    <Box
                      component="kbd"
                      sx={{ fontFamily: 'inherit', fontWeight: 700, px: 0.75, py: 0.125, border: 1, borderColor: 'divider', borderRadius: 0.5, bgcolor: 'background.default', whiteSpace: 'nowrap' }}
                    >
                      {r.keys}
                    </Box>
                  </Box>
                  <Box component="dd" sx={{ m: 0 }}>
                    {r.action}
                  </Box>
                </Fragment>
              ))}
            </Box>
          </Box>
            ))}
          </Box>
        ))}
        <Typography variant="body2" color="text.secondary" data-testid="shortcuts-letters" sx={{ gridColumn: '1 / -1' }}>
          {t(channel === 'phone' ? 'shortcuts.lettersNoteQueue' : 'shortcuts.lettersNote')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('shortcuts.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
