import type { QueueItem } from '../../../../core/api';

/**
 * The task "work the next callable task" (J) opens after the one just worked (issue 15 #1): a call-back that has
 * come due first (the customer is waiting for it), then the first callable task after the current one in the queue's
 * own order, then — the end of the page reached — the first callable one from the top. Never a task that cannot be
 * called now, and never the one just worked. The order is the list the agent saw: a save does not re-sort it under
 * an open card (logging 忙线 on 1/50 moved it to 16/50, and an index-based "next" then skipped 15 tasks).
 */
export function nextTaskToWork(items: readonly QueueItem[], currentTaskId: number | null): QueueItem | null {
  const callable = (i: QueueItem) => i.contact.allowed && i.taskId !== currentTaskId;
  const dueCallback = items.find((i) => callable(i) && i.status === 'callback_due');
  if (dueCallback) return dueCallback;
  const at = currentTaskId === null ? -1 : items.findIndex((i) => i.taskId === currentTaskId);
  return items.slice(at + 1).find(callable) ?? items.slice(0, Math.max(at, 0)).find(callable) ?? null;
}
