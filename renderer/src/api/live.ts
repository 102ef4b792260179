import { QueryClient, type QueryKey } from '@tanstack/react-query';
import type { OperationInput, OperationName, OperationOutput } from '../../../core/api';
import type { ApiClient } from './client';

/**
 * The renderer's one data layer, React-free part: every read is a TanStack Query keyed by [operation, input]
 * (api/query.ts), and this file decides when those reads are out of date. The backend says what changed
 * (`data-changed` with `what` values, finished jobs, `callback-due`); ONE table maps each kind of change to the
 * reads it makes stale. Reads stay fresh until a change says otherwise (staleTime Infinity), so no page refetches
 * on its own and none hand-writes request sequencing.
 */

/** What a change touches → which operations' cached answers it makes stale. `workspace` and unknown kinds: all. */
export const invalidationTable: Readonly<Record<string, readonly OperationName[]>> = {
  // Agents' open loads (the assign dialog's counts and preview) follow tasks opening, closing and moving.
  tasks: ['queue-list', 'worklist-list', 'customer-lookup', 'dashboard-get', 'analysis-get', 'app-info', 'agent-list', 'task-assign-preview', 'agent-day-get'],
  attempts: ['queue-list', 'worklist-list', 'customer-lookup', 'customer-history', 'dashboard-get', 'app-info', 'agent-list', 'task-assign-preview', 'agent-day-get'],
  // A call-back reaching its minute moves its task to the top of the queue (and the card's contact state),
  // from "later today" to "due" in 我的今日, and to 逾期 in the dashboard's 待回访.
  callbacks: ['queue-list', 'customer-lookup', 'agent-day-get', 'dashboard-get'],
  // Tasks whose wait (retry spacing, a call-back set for later, the marketing gap) ended rejoin the callable part.
  queue: ['queue-list'],
  feedback: ['customer-lookup', 'customer-history', 'dashboard-get'],
  // Colleagues' experience notes, shown on the card beside the offers they are about.
  notes: ['customer-lookup'],
  worklists: ['worklist-list', 'queue-list', 'customer-lookup', 'dashboard-get', 'analysis-get', 'app-info', 'purge-preview', 'audit-list', 'agent-list', 'task-assign-preview', 'segment-preview', 'offer-reach'],
  // An import may bring extra columns a rule can name (the rules editor lists them).
  subscribers: ['customer-lookup', 'customer-history', 'queue-list', 'dashboard-get', 'analysis-get', 'app-info', 'audit-list', 'extra-column-list', 'segment-preview', 'offer-reach'],
  offers: ['offer-list', 'offer-versions', 'offer-reach', 'customer-lookup', 'dashboard-get', 'audit-list'],
  plans: ['plan-list', 'customer-lookup', 'audit-list'],
  // A saved segment (issue 17 #1). A preview (a scan of every customer) follows imports, scores and models above, not
  // each task change: an open dialog would rescan on every attempt any agent logs.
  segments: ['segment-list', 'audit-list'],
  // Agent groups and weekly targets (issue 17 #5): the accounts page, the assign dialog, the dashboard, 我的今日.
  groups: ['group-list', 'target-list', 'dashboard-get', 'agent-day-get', 'audit-list'],
  targets: ['target-list', 'dashboard-get', 'agent-day-get', 'audit-list'],
  // A campaign saved, deleted or run (its last run and results); the lists and tasks a run makes say so themselves.
  campaigns: ['campaign-list', 'audit-list'],
  retention: ['retention-get', 'purge-preview', 'audit-list'],
  agents: ['agent-list', 'audit-list', 'task-assign-preview'],
  // An action that writes only its audit entry (an export).
  audit: ['audit-list'],
  risk: ['risk-config-get', 'risk-config-versions', 'customer-lookup', 'queue-list', 'dashboard-get', 'analysis-get', 'audit-list', 'segment-preview', 'offer-reach'],
  models: ['model-list', 'customer-lookup', 'queue-list', 'dashboard-get', 'analysis-get', 'audit-list', 'segment-preview', 'offer-reach'],
  // The contact policy: who may be contacted (the card, the queue's parts, 我的今日's call-backs).
  'contact-policy': ['contact-policy-get', 'contact-policy-versions', 'customer-lookup', 'queue-list', 'agent-day-get', 'audit-list'],
};

/** Another connection or process committed something (SQLite `data_version`): the backend cannot say what. */
export const EVERYTHING = 'workspace';

/** What a finished job (a worker thread on its own connection) changed, by job kind; unlisted kinds change nothing. */
export const jobChanges: Readonly<Record<string, readonly string[]>> = {
  'worklist-import': ['worklists', 'tasks', 'subscribers'],
  'outcome-merge': ['attempts', 'tasks', 'feedback'],
  'risk-recompute': ['subscribers', 'risk'],
  'contact-policy-recompute': ['tasks', 'contact-policy'],
  'model-train': ['models'],
  // A campaign's run makes (or adds to) a work list and its tasks; a scheduled run may do so for several.
  'campaign-run': ['campaigns', 'worklists', 'tasks'],
  'campaign-scheduled': ['campaigns', 'worklists', 'tasks'],
};

/**
 * The operations whose cached answers a change makes stale, or 'all'. A kind this table does not know (a newer
 * backend) stales everything: a needless refetch is better than a stale screen.
 */
export function staleOperations(what: readonly string[]): ReadonlySet<OperationName> | 'all' {
  const ops = new Set<OperationName>();
  for (const w of what) {
    if (w === EVERYTHING || !Object.prototype.hasOwnProperty.call(invalidationTable, w)) return 'all';
    for (const op of invalidationTable[w]!) ops.add(op);
  }
  return ops;
}

/** A saved change as the screen learns it: what it touched and, when the backend announces it too, its stamp. */
export interface SavedChange {
  what: readonly string[];
  /** The `at` of the `data-changed` event the backend emits for this save: the event is then not applied twice. */
  at?: string;
  /** Cached answers the save's own answer updates in place (so they are not refetched). */
  patch?: { [N in OperationName]?: (cached: OperationOutput<N>) => OperationOutput<N> };
}

/** What each write changes, from its answer. Writes not listed change nothing a read shows (exports, previews). */
export const savedChanges: { [N in OperationName]?: (out: OperationOutput<N>) => SavedChange } = {
  // The backend emits data-changed {attempts, tasks} stamped with the attempt's time. The answer carries the task's
  // new status and the agent's 我的今日; the workspace's attempt count goes up by one here instead of a refetch (each
  // was a call of its own: §11.6, ≤ 2 calls a save). Another agent's day a supervisor reads is not the logger's.
  'attempt-log': (out) => ({
    what: ['attempts', 'tasks'],
    at: out.attempt.at,
    patch: {
      'app-info': (info) => (out.created ? { ...info, counts: { ...info.counts, attempts: info.counts.attempts + 1 } } : info),
      'agent-day-get': (day) => (out.agentDay && day.agentId === out.agentDay.agentId ? out.agentDay : day),
    },
  }),
  'feedback-add': () => ({ what: ['feedback'] }),
  'note-add': () => ({ what: ['notes'] }),
  'task-assign': () => ({ what: ['tasks'] }),
  'contact-refusal-lift': () => ({ what: ['tasks'] }),
  'worklist-close': () => ({ what: ['worklists', 'tasks'] }),
  'worklist-set-due': () => ({ what: ['worklists', 'tasks'] }),
  'offer-save': () => ({ what: ['offers'] }),
  'offer-restore': () => ({ what: ['offers'] }),
  'plan-save': () => ({ what: ['plans'] }),
  'agent-save': () => ({ what: ['agents'] }),
  'agent-reset-pin': () => ({ what: ['agents'] }),
  'retention-save': () => ({ what: ['retention'] }),
  'audit-export': () => ({ what: ['audit'] }),
  'purge-run': () => ({ what: ['worklists', 'tasks', 'subscribers', 'retention'] }),
  'risk-config-save': () => ({ what: ['risk'] }),
  'risk-config-activate': () => ({ what: ['risk'] }),
  'contact-policy-save': () => ({ what: ['contact-policy'] }),
  'contact-policy-activate': () => ({ what: ['contact-policy'] }),
  'model-activate': () => ({ what: ['models'] }),
  'group-save': () => ({ what: ['groups'] }),
  'group-delete': () => ({ what: ['groups'] }),
  'target-save': () => ({ what: ['targets'] }),
  'campaign-save': () => ({ what: ['campaigns'] }),
  'campaign-delete': () => ({ what: ['campaigns'] }),
  'segment-delete': () => ({ what: ['segments'] }),
};

/** Reads too costly to refetch on every change (the weekly dashboard on a big workspace): at most once per interval. */
export const throttledOperations: Readonly<Partial<Record<OperationName, number>>> = { 'dashboard-get': 5_000, 'analysis-get': 5_000 };

const operationOf = (key: QueryKey): OperationName => key[0] as OperationName;

/**
 * A card looked up by a typed number counts against the session's look-up allowance, and heavy use is audited
 * (electron/backend/lookup-limit.ts): others' changes only mark it stale (it is read again when next shown or
 * looked up), never refetch it behind the agent's back. The agent's own saves do refresh it.
 */
export const refetchedByEvents = (key: QueryKey): boolean =>
  !(operationOf(key) === 'customer-lookup' && typeof (key[1] as { msisdn?: unknown } | undefined)?.msisdn === 'string');
const stampKey = (what: readonly string[], at: string) => `${at}|${[...what].sort().join(',')}`;

export interface LiveDataOptions {
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** Keeps the query cache in step with the backend's changes. One per query client. */
export class LiveData {
  private readonly expected: string[] = [];
  private readonly finishedJobs: string[] = [];
  /** Saves of ours awaiting their answer, and the events heard meanwhile (applied once the answers are in). */
  private saving = 0;
  private readonly heldBack: { what: readonly string[]; at?: string }[] = [];
  private readonly lastRefetch = new Map<OperationName, number>();
  private readonly pending = new Set<OperationName>();
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(
    readonly queryClient: QueryClient,
    options: LiveDataOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  /** Subscribes to the backend's events; returns the unsubscribe function. */
  connect(api: ApiClient): () => void {
    const offs = [
      api.on('data-changed', ({ what, at }) => this.changed(what, at)),
      api.on('callback-due', () => this.changed(['callbacks'])),
      api.on('job-progress', (p) => {
        if (p.finished && !p.error) this.jobFinished({ id: p.jobId, kind: p.kind, state: 'done' });
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  /** A change announced by the backend: stale reads refetch (active ones now, the rest when next shown). */
  changed(what: readonly string[], at?: string): void {
    if (what.length === 0) return;
    if (this.saving > 0) {
      // Most likely our own save's event, racing its answer: the answer knows more (what it updates in place).
      this.heldBack.push({ what, ...(at !== undefined && { at }) });
      return;
    }
    if (this.ownSave(what, at)) return;
    const ops = staleOperations(what);
    const touched = new Set<OperationName>();
    for (const q of this.queryClient.getQueryCache().getAll()) {
      const op = operationOf(q.queryKey);
      if (ops === 'all' || ops.has(op)) touched.add(op);
    }
    const now = [...touched].filter((op) => !this.throttle(op));
    void this.queryClient.invalidateQueries(
      { predicate: (q) => now.includes(operationOf(q.queryKey)) && refetchedByEvents(q.queryKey) },
      // An event after our own save may find that save's refetch under way: it already reads the committed data.
      { cancelRefetch: false },
    );
    void this.queryClient.invalidateQueries({ predicate: (q) => now.includes(operationOf(q.queryKey)) && !refetchedByEvents(q.queryKey), refetchType: 'none' });
    for (const op of touched) if (!now.includes(op)) this.later(op);
  }

  /**
   * A job has finished: what its kind changes is stale. Heard twice for a job this screen followed (the pushed
   * `job-progress`, and job-get saying it is done), applied once.
   */
  jobFinished(job: { id: string; kind: string; state: string }): void {
    if (job.state !== 'done' || this.finishedJobs.includes(job.id)) return;
    this.finishedJobs.push(job.id);
    if (this.finishedJobs.length > 64) this.finishedJobs.shift();
    this.changed(jobChanges[job.kind] ?? []);
  }

  /** Runs one write of ours: events heard until it answers wait for that answer. */
  async write<T>(run: () => Promise<T>, onSaved: (out: T) => void): Promise<T> {
    this.saving++;
    try {
      const out = await run();
      onSaved(out);
      return out;
    } finally {
      if (--this.saving === 0) for (const e of this.heldBack.splice(0)) this.changed(e.what, e.at);
    }
  }

  /** A write of ours succeeded: patch what its answer carries, stale the rest of what it touched. */
  saved<N extends OperationName>(name: N, output: OperationOutput<N>): void {
    const change = (savedChanges[name] as ((out: OperationOutput<N>) => SavedChange) | undefined)?.(output);
    if (!change || change.what.length === 0) return;
    // The answers the save's own answer brought up to date (or still loading): not read again. One its patch leaves as
    // it was (another agent's day) is stale as any other.
    const current = new Set<string>();
    for (const [op, patch] of Object.entries(change.patch ?? {}) as [OperationName, (cached: unknown) => unknown][]) {
      for (const q of this.queryClient.getQueryCache().findAll({ queryKey: [op] })) {
        const cached = q.state.data;
        const next = cached === undefined ? cached : patch(cached);
        if (next !== cached) this.queryClient.setQueryData(q.queryKey, next);
        if (next !== cached || cached === undefined) current.add(q.queryHash);
      }
    }
    if (change.at !== undefined) this.expect(change.what, change.at);
    const ops = staleOperations(change.what);
    void this.queryClient.invalidateQueries({
      predicate: (q) => !current.has(q.queryHash) && (ops === 'all' || ops.has(operationOf(q.queryKey))),
    });
  }

  /**
   * Our save's answer has been applied; the backend's event for the same change (same stamp) is still to come
   * (events heard during the save wait for its answer, see write): it is dropped when it arrives.
   */
  private expect(what: readonly string[], at: string): void {
    this.expected.push(stampKey(what, at));
    if (this.expected.length > 64) this.expected.shift();
  }

  private ownSave(what: readonly string[], at: string | undefined): boolean {
    if (at === undefined) return false;
    const i = this.expected.indexOf(stampKey(what, at));
    if (i < 0) return false;
    this.expected.splice(i, 1);
    return true;
  }

  private throttle(op: OperationName): boolean {
    const interval = throttledOperations[op];
    if (interval === undefined) return false;
    const last = this.lastRefetch.get(op);
    if (this.pending.has(op) || (last !== undefined && this.now() - last < interval)) return true;
    this.lastRefetch.set(op, this.now());
    return false;
  }

  private later(op: OperationName): void {
    if (this.pending.has(op)) return;
    this.pending.add(op);
    const wait = Math.max(0, (this.lastRefetch.get(op) ?? 0) + throttledOperations[op]! - this.now());
    this.setTimer(() => {
      this.pending.delete(op);
      this.lastRefetch.set(op, this.now());
      void this.queryClient.invalidateQueries({ queryKey: [op] }, { cancelRefetch: false });
    }, wait);
  }
}

/**
 * Why TanStack Query (issue 13): loading, error, "only the newest request lands" and caching are solved once,
 * well, instead of by hand in every page. Reads never go stale by the clock: LiveData (live.ts) invalidates them
 * when the backend says something changed. No retries: a failed read shows its error with a retry button.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/** The key of a read: the operation and its input (the whole input, so different filters are different entries). */
export const apiQueryKey = <N extends OperationName>(name: N, input: OperationInput<N>) => [name, input] as const;

/** The query options of one read, for hooks and for tests over a plain QueryClient / QueryObserver. */
export function apiQueryOptions<N extends OperationName>(api: ApiClient, name: N, input: OperationInput<N>) {
  return { queryKey: apiQueryKey(name, input), queryFn: () => api.call(name, input) };
}

/** Runs a write and tells the cache what it changed (live.ts `savedChanges`), then the caller's onSuccess. */
export async function runApiMutation<N extends OperationName>(api: ApiClient, live: LiveData, name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  return live.write(
    () => api.call(name, input),
    (out) => live.saved(name, out),
  );
}

