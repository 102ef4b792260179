import { useState } from 'react';

/**
 * A dialog's form as it opened, and whether it has been edited since. An edited form's dialog does not close by a
 * click beside it or Esc — only by its own buttons: a half-filled campaign or offer went with a stray click (found by a
 * new supervisor), as feedback being typed did in the hall (FeedbackDialogs.tsx).
 */
export function useEditedSince<T>(form: T): { edited: boolean; closeUnlessEdited(close: () => void): () => void } {
  const [opened] = useState(() => JSON.stringify(form));
  const edited = JSON.stringify(form) !== opened;
  return { edited, closeUnlessEdited: (close) => () => !edited && close() };
}
