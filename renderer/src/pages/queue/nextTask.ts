import type { QueueItem } from '../../../../core/api';

/** With nothing callable now, the task that can be called soonest (its reason and time say why and when), if any. */
export function soonestCallable(items: readonly QueueItem[]): QueueItem | null {
  let soonest: QueueItem | null = null;
  for (const i of items) {
    const at = i.contact.nextAllowedAt;
    if (at !== null && (soonest === null || at < soonest.contact.nextAllowedAt!)) soonest = i;
  }
  return soonest;
}

/**
 * The task "work the next callable task" (J) opens after the one just worked (issue 15 #1): a call-back that has
 * come due first (the customer is waiting for it), then the first callable task after the current one in the queue's
 * own order, then — the end of the page reached — the first callable one from the top. Never a task that cannot be
 * called now, and never one opened since the list was shown (`opened`, with the current one). The order is the list
 * the agent saw: a save does not re-sort it under an open card (logging 忙线 on 1/50 moved it to 16/50, and an
 * index-based "next" then skipped 15 tasks) — nor refetch it, so a call-back worked there still reads as due, and J
 * went back to it (found by a new phone agent).
 */
export function nextTaskToWork(items: readonly QueueItem[], currentTaskId: number | null, opened: ReadonlySet<number> = new Set()): QueueItem | null {
  const callable = (i: QueueItem) => i.contact.allowed && i.taskId !== currentTaskId && !opened.has(i.taskId);
  const dueCallback = items.find((i) => callable(i) && i.status === 'callback_due');
  if (dueCallback) return dueCallback;
  const at = currentTaskId === null ? -1 : items.findIndex((i) => i.taskId === currentTaskId);
  return items.slice(at + 1).find(callable) ?? items.slice(0, Math.max(at, 0)).find(callable) ?? null;
}

/**
 * Whether a task can be called only after its due date has passed (its wait — a marketing gap, spacing after a try —
 * lifts after the list's last day): it will expire uncalled unless someone moves the date or it is served at the
 * counter. The queue says so at its due date (found by a new phone agent: "可呼 2027-02-02" beside "截止 2026-12-11").
 */
export function callableOnlyAfterDue(item: Pick<QueueItem, 'dueDate' | 'contact'>): boolean {
  const at = item.contact.nextAllowedAt;
  if (item.contact.allowed || at === null || item.dueDate === null) return false;
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` > item.dueDate;
}
