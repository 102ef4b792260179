import { useCallback, useEffect, useState } from 'react';
import { create } from 'zustand';

/**
 * What the page on screen holds that the user put in and has not saved — an outcome (the outcome form, LogPanel) or
 * edited settings (a versioned configuration page: risk rules, contact rules) — or nothing. One such form is on screen
 * at a time: the page that shows it and the navigation menu both ask before leaving it (useUnsavedGuard). Edited
 * rules were dropped without a word when the supervisor clicked another page in the menu (found by a new user).
 */
export type UnsavedKind = 'outcome' | 'settings';

const useHeld = create<{ held: UnsavedKind | null }>(() => ({ held: null }));

/** What the form on screen holds unsaved now, if anything (read when the session ends by itself: app/session.ts). */
export const heldUnsaved = (): UnsavedKind | null => useHeld.getState().held;

/** Kept by a form: whether it holds anything unsaved now (of its kind); nothing once it is gone. */
export function useHoldsUnsaved(kind: UnsavedKind, held: boolean): void {
  useEffect(() => useHeld.setState({ held: held ? kind : null }), [kind, held]);
  useEffect(() => () => useHeld.setState({ held: null }), []);
}

/**
 * Leaving the form on screen: `leave(go)` goes at once when it holds nothing unsaved, else asks first (the dialog's
 * props), and goes only on "leave without saving".
 */
export function useUnsavedGuard() {
  const held = useHeld((s) => s.held);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const leave = useCallback((go: () => void) => (held ? setPending(() => go) : go()), [held]);
  const dialog = {
    kind: held ?? 'outcome',
    open: pending !== null,
    onStay: () => setPending(null),
    onLeave: () => {
      setPending(null);
      pending?.();
    },
  };
  return { unsaved: held !== null, leave, asking: pending !== null, dialog };
}

/**
 * Replacing edited settings in place — a version loaded into the form, the defaults filled in — asks first while the
 * form holds edits, as leaving the page does: both replaced them without a word (found by a new user).
 */
export function useReplaceGuard() {
  const edited = useHeld((s) => s.held === 'settings');
  const [pending, setPending] = useState<(() => void) | null>(null);
  const replace = useCallback((go: () => void) => (edited ? setPending(() => go) : go()), [edited]);
  const dialog = {
    open: pending !== null,
    onCancel: () => setPending(null),
    onReplace: () => {
      setPending(null);
      pending?.();
    },
  };
  return { replace, dialog };
}
