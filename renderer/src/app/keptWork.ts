import { create } from 'zustand';
import { draftTyped, holdsOutcome, openDraftText, resumedLogForm, type LogDialog, type LogFormState } from '../pages/hall/logForm';
import type { QueueView } from '../pages/queue/queueStore';

/**
 * What an agent was doing when their session ended on its own (the idle limit, docs/security.md): the card on screen
 * (the hall's number, the queue's task) and the outcome they had put in and not saved. The unsaved-outcome question
 * (useUnsavedGuard) cannot be asked then — the session is already gone when the next call finds out — so an agent who
 * came back from a break to a half-logged decline with its note pressed Enter, got the sign-in screen, and had to
 * start the outcome again.
 *
 * Kept in this window's memory only, never stored, and only for that agent: the same agent signing in again gets the
 * card back with the form as they left it; anyone else signing in, and a sign-out by hand, drop it first (a shared
 * counter PC shows nothing of the last agent's customers to the next person — App.tsx).
 */
interface KeptWork {
  /** The agent whose session ended; null: nothing is kept. */
  agentId: string | null;
  hallQuery: string | null;
  queue: QueueView | null;
  /** The unsaved outcome, and whose form it was (`outcomeSubject`). */
  outcome: { subject: string; form: LogFormState } | null;
}

const nothing: KeptWork = { agentId: null, hallQuery: null, queue: null, outcome: null };

export const useKeptWork = create<KeptWork>(() => nothing);

/** The outcome form's subject: its channel and customer (a card's reference lasts as long as the backend runs). */
export const outcomeSubject = (channel: string, customer: { ref?: string | undefined; msisdn?: string | undefined }): string =>
  `${channel}:${customer.ref ?? `#${customer.msisdn ?? ''}`}`;

/**
 * What a kept form holds, for the screens that name it: an outcome (chosen, or its note typed), and the words of the
 * dialog open over it (feedback or an experience note) — either, or both.
 */
export function keptParts(form: LogFormState): { outcome: boolean; draft: { kind: LogDialog; text: string } | null } {
  const draft = form.dialog && draftTyped(form) ? { kind: form.dialog, text: openDraftText(form)! } : null;
  return { outcome: holdsOutcome(form), draft };
}

/** The form was on screen when the session ended by itself: its unsaved input is kept (saving, asking undone). */
export function keepOutcome(subject: string, form: LogFormState): void {
  useKeptWork.setState({ outcome: { subject, form: resumedLogForm(form) } });
}

/** The session ended by itself: whose it was and where they were (the outcome, if any, is kept beside it). */
export function keepPlace(agentId: string, hallQuery: string | null, queue: QueueView): void {
  useKeptWork.setState({ agentId, hallQuery, queue });
}

export function dropKeptWork(): void {
  useKeptWork.setState(nothing);
}

/**
 * Someone signed in: the place kept for them, once (the outcome waits for its form to open); for anyone else, null —
 * and everything kept is dropped.
 */
export function takeKeptPlace(agentId: string): { hallQuery: string | null; queue: QueueView | null } | null {
  const kept = useKeptWork.getState();
  if (kept.agentId === null) return null;
  if (kept.agentId !== agentId) {
    dropKeptWork();
    return null;
  }
  useKeptWork.setState({ agentId: null, hallQuery: null, queue: null });
  return { hallQuery: kept.hallQuery, queue: kept.queue };
}

/**
 * An outcome form opens: the input kept for its subject, once. A form for another customer means the agent moved on,
 * so what was kept goes.
 */
export function takeKeptOutcome(subject: string): LogFormState | null {
  const { outcome, agentId } = useKeptWork.getState();
  // Still waiting for its agent to sign in again: no form of this session may take it.
  if (!outcome || agentId !== null) return null;
  useKeptWork.setState({ outcome: null });
  return outcome.subject === subject ? outcome.form : null;
}
