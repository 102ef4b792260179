import { KeepOrDropDialog } from '../../components/KeepOrDropDialog';
import { useHoldsUnsaved, type UnsavedKind } from '../../components/unsavedWork';
import { useT } from '../../i18n';

/** Kept by the outcome form (LogPanel): whether it holds anything unsaved now; nothing once it is gone. */
export function useHoldsOutcome(held: boolean): void {
  useHoldsUnsaved('outcome', held);
}

/**
 * Asked before the outcome form is left with what the agent put in and has not saved (logForm.ts `holdsUnsaved`):
 * the next task (J), back to the queue, another number in the hall. Going back to the form is the default (Enter).
 */
export function UnsavedOutcomeDialog({
  open,
  kind = 'outcome',
  leaveLabel,
  onStay,
  onLeave,
  restoreFocus = true,
}: {
  open: boolean;
  /** False when staying puts the focus somewhere itself (the hall: back on the outcome form, not the number box). */
  restoreFocus?: boolean;
  /** What is held: an outcome, or edited settings (the menu leaving a configuration page). */
  kind?: UnsavedKind;
  leaveLabel: string;
  onStay(): void;
  onLeave(): void;
}) {
  const t = useT();
  const settings = kind === 'settings';
  return (
    <KeepOrDropDialog
      open={open}
      kind={kind}
      title={t(settings ? 'shell.unsavedSettings.title' : 'queue.unsaved.title')}
      text={t(settings ? 'shell.unsavedSettings.text' : 'queue.unsaved.text')}
      dropLabel={leaveLabel}
      keepLabel={t('queue.unsaved.stay')}
      onKeep={onStay}
      onDrop={onLeave}
      restoreFocus={restoreFocus}
      testIds={{ dialog: 'unsaved-dialog', drop: 'unsaved-leave', keep: 'unsaved-stay' }}
    />
  );
}
