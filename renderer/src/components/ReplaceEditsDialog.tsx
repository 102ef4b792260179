import { useT } from '../i18n';
import { KeepOrDropDialog } from './KeepOrDropDialog';

/** Asked before a version or the defaults replace settings edited and not saved (unsavedWork.ts useReplaceGuard). */
export function ReplaceEditsDialog({ open, onCancel, onReplace }: { open: boolean; onCancel(): void; onReplace(): void }) {
  const t = useT();
  return (
    <KeepOrDropDialog
      open={open}
      title={t('config.replaceEdits.title')}
      text={t('config.replaceEdits.text')}
      dropLabel={t('config.replaceEdits.replace')}
      keepLabel={t('common.cancel')}
      onKeep={onCancel}
      onDrop={onReplace}
      testIds={{ dialog: 'replace-edits-dialog', drop: 'replace-edits-confirm', keep: 'replace-edits-cancel' }}
    />
  );
}
