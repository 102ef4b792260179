import { useState } from 'react';
import { ApiCallError } from '../api/failure';

/**
 * A settings form (risk rules, contact rules) whose active version changed under it — another supervisor saved, or
 * switched versions, in another window. Until 2026-12-07 the form was simply reset to the new version, and edits typed
 * and not yet saved were gone without a word (found by a new supervisor). Now the fields the user changed from the
 * version the form was opened on are kept, on top of the new version; every other field follows the new version, so
 * a later save does not undo the other supervisor's changes either.
 *
 * `changed`: the kept fields that differ from the new version (empty: nothing to tell the user, e.g. after their own
 * save, when the new version is what they typed).
 */
export function keepEdits<V extends Record<string, unknown>>(values: V, openedOn: V, next: V): { values: V; changed: string[] } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const kept: Record<string, unknown> = { ...next };
  const changed: string[] = [];
  for (const key of Object.keys(values)) {
    if (same(values[key], openedOn[key])) continue;
    kept[key] = values[key];
    if (!same(values[key], next[key])) changed.push(key);
  }
  return { values: kept as V, changed };
}

/**
 * A settings page's form over its active version (the risk and the contact rules): set from the active version when
 * it changes, keeping what the user typed and had not saved (keepEdits); `onKept` hears the version their edits were
 * kept on, to say so. Returns the form's values and their setter, as useState does.
 */
export function useActiveForm<A extends { version: number }, V extends Record<string, unknown>>(active: A | null, formOf: (active: A) => V, onKept: (version: number) => void) {
  const [values, setValues] = useState<V | null>(null);
  const [formOn, setFormOn] = useState<{ version: number; form: V } | null>(null);
  if (active && formOn?.version !== active.version) {
    const next = formOf(active);
    const kept = values && formOn ? keepEdits(values, formOn.form, next) : null;
    setFormOn({ version: active.version, form: next });
    setValues(kept?.values ?? next);
    if (kept && kept.changed.length > 0) onKept(active.version);
  }
  return [values, setValues] as const;
}

/**
 * A rules save made on the version the form is on (`basedOn`, core/api/schemas.ts savedOnVersion). Refused because
 * another version became active meanwhile — the page missed its change event — `onStale` reads the active version
 * again, and the form then moves onto it keeping the user's edits (useActiveForm); the refusal says so.
 */
export async function saveOnVersion<T>(save: () => Promise<T>, onStale: () => void): Promise<T> {
  try {
    return await save();
  } catch (e) {
    if (e instanceof ApiCallError && e.error.messageKey === 'api.config-saved-elsewhere') onStale();
    throw e;
  }
}
