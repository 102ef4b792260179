import { KeysDialog, type KeysSection } from '../../components/KeysDialog';
import { useLabels, useT, type PlainMessageKey } from '../../i18n';
import { dispositionKeysFor, type LogChannel } from './logForm';

/**
 * The keyboard shortcuts (docs/product.md §9), opened with ? and built from the same key table as the panel: the
 * channel's outcome keys (the hall has no 无人接听); the number field's keys in the hall, the queue's on its card.
 */
export function ShortcutsDialog({ open, onClose, channel }: { open: boolean; onClose(): void; channel: LogChannel }) {
  const t = useT();
  const labels = useLabels();
  const row = (keys: string, key: PlainMessageKey) => ({ keys, action: t(key) });
  // The number field's keys are the hall's: the queue's card has no number field (it listed them beside its own Esc).
  const first =
    channel === 'phone'
      ? { title: t('shortcuts.section.queue'), rows: [row('J', 'queue.next'), row('Esc', 'queue.back'), row('V', 'shortcuts.lookup.reveal'), row('?', 'shortcuts.help')] }
      : {
          title: t('shortcuts.section.lookup'),
          rows: [row('Enter', 'shortcuts.lookup.enter'), row('Esc', 'shortcuts.lookup.esc'), row('/', 'shortcuts.lookup.slash'), row('V', 'shortcuts.lookup.reveal'), row('?', 'shortcuts.help')],
        };
  const sections: KeysSection[] = [
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
        row('P', 'shortcuts.detail.plan'),
        row('O', 'shortcuts.detail.declinedOffer'),
        row('1–4', 'shortcuts.detail.competitor'),
        row('T', 'shortcuts.detail.callbackTime'),
        row('N', 'shortcuts.detail.note'),
        row('Enter', 'shortcuts.detail.enter'),
        row('Esc', channel === 'phone' ? 'shortcuts.detail.escQueue' : 'shortcuts.detail.esc'),
      ],
    },
  ];
  return (
    <KeysDialog
      open={open}
      onClose={onClose}
      // Three columns: the number field's keys (the queue's on its card), the outcome keys, and what follows a chosen
      // outcome (as a fourth grid item a section wrapped under the first, and at 768 px the dialog scrolled).
      columns={[sections.slice(0, 1), sections.slice(1, 2), sections.slice(2)]}
      note={t(channel === 'phone' ? 'shortcuts.lettersNoteQueue' : 'shortcuts.lettersNote')}
    />
  );
}
