import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import { useT } from '../i18n';

export type KeysSection = { title: string; rows: { keys: string; action: string }[] };

/**
 * A page's keyboard keys (docs/product.md §9), opened and closed with ?: sections of key and action, in columns (one
 * column per entry of `columns`, each a stack of sections). The hall and the queue's card list their outcome keys
 * (hall/ShortcutsDialog.tsx); the queue's list its own.
 */
export function KeysDialog({ open, onClose, columns, note }: { open: boolean; onClose(): void; columns: KeysSection[][]; note?: string }) {
  const t = useT();
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
      maxWidth={columns.length > 1 ? 'md' : 'xs'}
      fullWidth
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
    >
      <DialogTitle id="shortcuts-title">{t('shortcuts.title')}</DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: columns.length === 3 ? '1fr 1fr 1.4fr' : `repeat(${columns.length}, 1fr)` }, gap: 3 }}>
        {columns.map((column, c) => (
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
        {note && (
          <Typography variant="body2" color="text.secondary" data-testid="shortcuts-letters" sx={{ gridColumn: '1 / -1' }}>
            {note}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('shortcuts.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
