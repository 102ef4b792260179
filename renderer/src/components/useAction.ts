import { useState } from 'react';

/**
 * A button's action against the backend: busy while it runs (the button disables itself), and the failure kept
 * for the form to show in plain words. One run at a time; a new run clears the last error.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
