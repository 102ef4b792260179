import { useEffect, useState } from 'react';

/** How long an edit must rest before what it makes is asked of the backend. */
export const SETTLE_MS = 400;

/**
 * `value` once it has stopped changing for SETTLE_MS (compared as JSON; null stays null): what a live preview asks the
 * backend for, so that typing a figure does not ask once per keystroke — a segment's count, an offer's reach.
 */
export function useSettledValue<T>(value: T | null): T | null {
  const key = value === null ? null : JSON.stringify(value);
  const [settled, setSettled] = useState<string | null>(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return settled === null ? null : (JSON.parse(settled) as T);
}
