import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import type { CustomerKey } from '../../../../core/api';
import { feedbackCategories, importances, reasons, type FeedbackCategory, type Importance, type Reason } from '../../../../core/contact/codes';
import { useApiSave } from '../../api/query';
import { newId } from '../../api/ids';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useLabels, useT } from '../../i18n';
import type { FeedbackDraft, NoteAbout, NoteDraft } from './logForm';
import { useOfferWords, type RankedOffer } from './offerWords';

/**
 * Feedback the central side should hear (docs/product.md §6): category, importance (高/中/低) and the customer's words.
 * What is typed lives in the outcome form's state (`draft`), so a session ending by itself keeps it (logForm.ts).
 */
export function FeedbackDialog({
  open,
  customer,
  draft,
  onDraft,
  onClose,
  onSaved,
}: {
  open: boolean;
  customer: CustomerKey | null;
  draft: FeedbackDraft;
  onDraft(patch: Partial<FeedbackDraft>): void;
  onClose(): void;
  onSaved(): void;
}) {
  const t = useT();
  const labels = useLabels();
  const apiSave = useApiSave();
  // No category until the agent picks one: a default (网络质量) filed feedback of every kind under it unnoticed.
  const { category, importance, text } = draft;
  const id = useRef(newId());
  const { busy: saving, error, run } = useAction();
  const canSave = !saving && category !== '' && text.trim() !== '';
  // Once a category is picked the cursor goes on to the customer's words (text typed on the category went nowhere).
  const textRef = useRef<HTMLTextAreaElement>(null);
  const pickedFromList = useRef(false);
  const pick = (c: FeedbackCategory) => {
    onDraft({ category: c });
    textRef.current?.focus();
  };
  const save = () =>
    run(async () => {
      if (!category) return;
      await apiSave('feedback-add', { id: id.current, ...(customer ?? {}), category, importance, text: text.trim() });
      id.current = newId();
      onSaved();
    });
  return (
    // A click beside the dialog or Esc closes it only while nothing is typed: both are easy by accident, and the
    // customer's words went with them (found by a new user). 取消 still lets them go.
    <Dialog
      open={open}
      onClose={() => !text.trim() && onClose()}
      fullWidth
      maxWidth="sm"
      aria-labelledby="feedback-title"
      // Ctrl+Enter saves from any field, as the text's hint says: on the category it reopened the list (found by a new agent).
      onKeyDownCapture={(e) => {
        if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
        e.preventDefault();
        e.stopPropagation();
        if (canSave) void save();
      }}
    >
      <DialogTitle id="feedback-title">{t('feedback.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            required
            label={t('feedback.category')}
            value={category}
            onChange={(e) => {
              onDraft({ category: e.target.value as FeedbackCategory });
              pickedFromList.current = true;
            }}
            // The hint's line stays when a category is picked, so the fields below do not jump up under the cursor.
            helperText={category ? ' ' : t('feedback.categoryPick', { last: feedbackCategories.length })}
            // The required category first while none is picked (the cursor went to the text below it).
            autoFocus={category === ''}
            // A digit on the closed list picks the category of that number.
            onKeyDown={(e) => {
              const n = Number(e.key);
              if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).getAttribute('role') !== 'combobox' || !(n >= 1 && n <= feedbackCategories.length)) return;
              e.preventDefault();
              pick(feedbackCategories[n - 1]!);
            }}
            slotProps={{
              htmlInput: { 'data-testid': 'feedback-category' },
              // After a pick from the list the menu gives the focus back to the category when it has closed; then on to the words.
              select: {
                MenuProps: {
                  slotProps: {
                    transition: {
                      onExited: () => {
                        if (pickedFromList.current) textRef.current?.focus();
                        pickedFromList.current = false;
                      },
                    },
                  },
                },
              },
            }}
          >
            {feedbackCategories.map((c, i) => (
              <MenuItem key={c} value={c}>
                {`${i + 1} ${labels.feedbackCategory(c)}`}
              </MenuItem>
            ))}
          </TextField>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary">
              {t('feedback.importance')}
            </Typography>
            <ToggleButtonGroup exclusive size="small" value={importance} onChange={(_, v: Importance | null) => v && onDraft({ importance: v })} aria-label={t('feedback.importance')}>
              {importances.map((i) => (
                <ToggleButton key={i} value={i} data-testid={`feedback-importance-${i}`} sx={{ px: 2 }}>
                  {labels.importance(i)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Stack>
          <TextField
            label={t('feedback.text')}
            value={text}
            onChange={(e) => onDraft({ text: e.target.value })}
            multiline
            minRows={3}
            autoFocus={category !== ''}
            inputRef={textRef}
            helperText={t('feedback.ctrlEnter')}
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'feedback-text' } }}
          />
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <CancelButton typed={text.trim() !== ''} onCancel={onClose} />
        <Button variant="contained" onClick={() => void save()} disabled={!canSave} data-testid="feedback-save">
          {t('feedback.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * An experience note (经验分享) on an offer or a reason: colleagues see it on the cards where it applies. What is typed
 * lives in the outcome form's state (`draft`), as the feedback's does.
 */
export function NoteDialog({
  open,
  ranked,
  about: initial,
  draft,
  onDraft,
  onClose,
  onSaved,
}: {
  open: boolean;
  ranked: readonly RankedOffer[];
  /** What the note is about at first: the offer or reason of the outcome just saved, else the top offer. */
  about?: NoteAbout | undefined;
  draft: NoteDraft;
  onDraft(patch: Partial<NoteDraft>): void;
  onClose(): void;
  onSaved(): void;
}) {
  const t = useT();
  const labels = useLabels();
  const w = useOfferWords();
  const apiSave = useApiSave();
  // An offer chosen before is asked about only while the card still offers it (the list below is the card's).
  const chosen = draft.about && (draft.about.kind === 'reason' || ranked.some((o) => o.code === draft.about?.code)) ? draft.about : null;
  const about: NoteAbout = chosen ?? initial ?? (ranked[0] ? { kind: 'offer', code: ranked[0].code } : { kind: 'reason', code: 'price' });
  const { text } = draft;
  const id = useRef(newId());
  const { busy: saving, error, run } = useAction();
  const value = `${about.kind}:${about.code}`;
  const save = () =>
    run(async () => {
      await apiSave('note-add', {
        id: id.current,
        offerCode: about.kind === 'offer' ? about.code : null,
        reason: about.kind === 'reason' ? about.code : null,
        text: text.trim(),
      });
      id.current = newId();
      onSaved();
    });
  return (
    <Dialog open={open} onClose={() => !text.trim() && onClose()} fullWidth maxWidth="sm" aria-labelledby="note-title">
      <DialogTitle id="note-title">{t('note.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={t('note.about')}
            value={value}
            onChange={(e) => {
              const [kind, code] = e.target.value.split(':') as ['offer' | 'reason', string];
              onDraft({ about: kind === 'offer' ? { kind, code } : { kind, code: code as Reason } });
            }}
            slotProps={{ htmlInput: { 'data-testid': 'note-about' } }}
          >
            {ranked.map((o) => (
              <MenuItem key={o.code} value={`offer:${o.code}`}>
                {t('note.aboutOffer', { offer: w.offerName(o) })}
              </MenuItem>
            ))}
            {reasons.map((r) => (
              <MenuItem key={r} value={`reason:${r}`}>
                {t('note.aboutReason', { reason: labels.reason(r) })}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('note.text')}
            helperText={t('note.hint')}
            value={text}
            onChange={(e) => onDraft({ text: e.target.value })}
            multiline
            minRows={3}
            autoFocus
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !saving && text.trim()) {
                e.preventDefault();
                void save();
              }
            }}
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'note-text' } }}
          />
          {error != null && <ErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <CancelButton typed={text.trim() !== ''} onCancel={onClose} />
        <Button variant="contained" onClick={() => void save()} disabled={saving || !text.trim()} data-testid="note-save">
          {t('note.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * 取消 of a dialog the agent types the customer's words in: with words typed, the first click asks to be sure (放弃已写的
 * 内容) and the second drops them. Esc and a click beside the dialog already keep them; 取消 dropped them at once.
 */
function CancelButton({ typed, onCancel }: { typed: boolean; onCancel(): void }) {
  const t = useT();
  const [asked, setAsked] = useState(false);
  if (typed && asked) {
    return (
      <Button color="warning" onClick={onCancel} data-testid="dialog-discard">
        {t('dialog.discardTyped')}
      </Button>
    );
  }
  return <Button onClick={() => (typed ? setAsked(true) : onCancel())}>{t('common.cancel')}</Button>;
}
