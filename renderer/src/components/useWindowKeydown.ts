import { useEffect, useRef } from 'react';

/**
 * A keydown listener on the window while `enabled`, calling the latest render's `onKey` (so it is added once, not per
 * render). A key whose event began before the listener was added is not its: the DOM hands a listener added while an
 * event is on its way that event too, so the Enter that opened a card from its queue row reached the card as a key
 * pressed while it loaded ("not taken", on every card opened so; found by a new agent). One rule for every page-wide
 * key listener (the hall's /, ?, V, the outcome keys, the queue card's J).
 */
export function useWindowKeydown(onKey: (e: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(onKey);
  useEffect(() => {
    latest.current = onKey;
  });
  useEffect(() => {
    if (!enabled) return;
    const since = performance.now();
    const listener = (e: KeyboardEvent) => {
      if (e.timeStamp >= since) latest.current(e);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}

/** True when a key press belongs to a field (typing) or to an open popup (menu, picker, dialog). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return !!target.closest('[role="dialog"], [role="listbox"], [role="menu"], .MuiPopper-root, .MuiPopover-root, [role="spinbutton"]');
}
