import { useEffect } from 'react';
import type { ApiClient } from '../api/client';
import { useSession } from './session';

/** What counts as the person at the screen being there. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often the page looks at the clock: a sign-out comes at most this late. */
const CHECK_MS = 15_000;

/**
 * Signs the page out after the session's idle minutes without a key, a click, a move of the mouse, a scroll or a touch (docs/security.md,
 * "Sessions"). The backend ends a session after as long without a call, but on a busy desk the page's own calls never
 * stop: every change a colleague makes is refetched, and the backend took each refetch as this agent's activity, so
 * an unattended counter PC stayed signed in for good (found by a security review). Only the person can keep it open.
 * Ended as the backend's idle limit ends it: the sign-in screen says why, and their work on screen is kept for them.
 */
export function useIdleSignOut(api: ApiClient): void {
  const signedIn = useSession((s) => s.state === 'signed-in');
  const idleMinutes = useSession((s) => s.idleMinutes);
  useEffect(() => {
    if (!signedIn) return;
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, seen, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last < idleMinutes * 60_000) return;
      window.clearInterval(timer);
      // The server's session too, then the screen: the token left in the tab opens nothing.
      void api
        .call('session-sign-out', {})
        .catch(() => undefined)
        .finally(() => {
          api.setSession(null);
          useSession.getState().ended('idle');
        });
    }, CHECK_MS);
    return () => {
      window.clearInterval(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, seen, { capture: true });
    };
  }, [api, signedIn, idleMinutes]);
}
