import './sheetjs-node';
import { EventEmitter } from 'node:events';
import { failedResult, isOperationName, operations, sessionEndMessages, type EventName, type EventPayload } from '../../core/api';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { changeStamp, getWorkspaceValue, setWorkspaceValue, workspaceCounts, writeAudit } from '../../db/workspace';
import { callbacksComingDue } from '../../db/tasks';
import { figuresDue } from '../../db/scores';
import { maskMsisdn, maskName } from '../../core/privacy/mask';
import { localDate, type HandlerContext } from './context';
import { QUEUE_SORT_INLINE_TASKS } from './handlers/queue';
import { seedDemoWorkspace } from './demo';
import { dispatch } from './dispatch';
import { FileStore } from './files';
import { JobRunner, type JobAudience } from './jobs/runner';
import { mayAccess } from './ownership';
import { SessionStore, type Session } from './sessions';
import { ensureDailyBackup } from './backups';
import { identityNumberOf } from '../../core/privacy/identity';
import { identityHash, keyCheckValue, loadIdentityKey, type IdentityKeyState } from './identity-key';
import { defaultDataDir } from './paths';
import { ensureDailyPurge } from './retention';
import { expireOverdueTasks } from './task-status';
import { ensureCallbackBlocks, ensureOwnSaleGapBlocks, ensureQueueBlocks } from './contact';
import { ensureBuiltinCampaigns, scheduledCampaignsDue } from './campaigns';
import type { Backend, BackendOptions, Caller, EventListener } from './types';

export type { Backend, BackendOptions, Caller } from './types';

/** The CLI runs supervisors' routines on the workspace file it was given: it acts as the local supervisor. */
const localSupervisor: Caller = { agentId: null, role: 'supervisor' };
const nobody: Caller = { agentId: null, role: 'public' };

export function openBackend(options: BackendOptions): Backend {
  // The identity key (identity-key.ts), found or created on first need: an import with identity numbers, or the
  // migration that hashes numbers an older version left in extra attributes (db/migrations/009).
  let keyState: IdentityKeyState | undefined;
  const identityKey = (): IdentityKeyState =>
    (keyState ??= loadIdentityKey({ dbPath: options.dbPath, keyDir: options.identityKeyDir ?? defaultDataDir(), protector: options.keyProtector }));
  let migrationHashed = false;
  const db = openDatabase(options.dbPath, {
    identityHash: (raw) => {
      const id = identityNumberOf(raw);
      if (id === null) return null;
      let key: IdentityKeyState;
      try {
        key = identityKey();
      } catch (e) {
        // A damaged key file must not keep the workspace from opening; imports will say what is wrong with it.
        console.error(`Retention Desk: ${(e as Error).message}`);
        return null;
      }
      if (!key.ok) return null; // without this workspace's key the number goes unhashed — never kept
      migrationHashed = true;
      return identityHash(key.keyHex, id);
    },
  });
  if (migrationHashed && keyState?.ok && getWorkspaceValue(db, 'id_key_check') === undefined) {
    setWorkspaceValue(db, 'id_key_check', keyCheckValue(keyState.keyHex));
  }
  const now = options.now ?? (() => new Date());
  const bus = new EventEmitter();

  if (options.demoIfEmpty && isEmptyWorkspace(db)) seedDemoWorkspace(db, { now: now() });
  // Migration 010 adds the queue blocks empty: derive them once from the contact policy (docs/status-rule.md).
  ensureQueueBlocks(db, now());
  ensureCallbackBlocks(db, now());
  ensureOwnSaleGapBlocks(db, now());
  // The programmes' campaigns, off, for a supervisor to turn on (docs/product.md §5.6).
  ensureBuiltinCampaigns(db, now());
  const files = new FileStore(path.join(path.dirname(path.resolve(options.dbPath)), 'staging', `${process.pid}`));
  const jobs = new JobRunner(options.dbPath, (payload, audience) => bus.emit('event', 'job-progress', payload, audience), now, options.workerPath, identityKey, options.workerHeapLimitMb, options.computeProcess);

  const sessions = new SessionStore(db, now, options.sessionIdleMinutes, options.lookupLimit);

  // Tasks past their due date close as expired (docs/product.md §6): at start, then hourly, since days turn while the desk runs.
  const expire = () => {
    try {
      if (expireOverdueTasks(db, now()) > 0) announce('data-changed', { what: ['tasks'], at: now().toISOString() });
    } catch (e) {
      if (db.open) console.error(`Retention Desk: closing overdue tasks failed: ${(e as Error).message}`);
    }
  };

  // A backup at start when the last is a day old, then a look every hour; a failure is said, never fatal.
  // The retention purge (docs/product.md §8) runs once a day right after — and only once that day's backup is safely
  // taken, so data that goes is still in the week of backups should the purge have gone wrong.
  const daily = async () => {
    try {
      await ensureDailyBackup(db, options.dbPath, now());
    } catch (e) {
      if (!db.open) return;
      console.error(`Retention Desk: the daily backup failed: ${(e as Error).message}`);
      // Said where a supervisor looks, too: the audit log (a failure said only on the console went unseen, and with it
      // the day's purge, which waits for a backup). The system's error code only: its message names folders.
      try {
        writeAudit(db, { at: now().toISOString(), agentId: null, action: 'backup-failed', detail: { problem: (e as NodeJS.ErrnoException).code ?? 'error' } });
      } catch {
        // the workspace itself may be what fails: the console has it
      }
      return;
    }
    if (!db.open) return;
    try {
      const purged = ensureDailyPurge(db, now());
      if (purged && purged.lists.length > 0) announce('data-changed', { what: ['worklists', 'tasks', 'subscribers'], at: purged.at });
    } catch (e) {
      if (db.open) console.error(`Retention Desk: the daily retention purge failed: ${(e as Error).message}`);
    }
  };

  // Live screens (issue 13): whatever is committed by another connection — a job's worker, the CLI, a second
  // process on the workspace — or by a handler that said nothing is announced as data-changed 'workspace' within
  // a tick (SQLite's data_version and the connection's change count). Handlers that announce their own changes
  // move the mark, so the same change is not said twice.
  let seen = changeStamp(db);
  const announce = <N extends EventName>(name: N, payload: EventPayload<N>, audience?: JobAudience) => {
    bus.emit('event', name, payload, audience);
    if (name === 'data-changed' && db.open) seen = changeStamp(db);
  };
  // A call-back whose time has come moves to the top of its agent's queue at that minute: the agent is told
  // (their session only, and supervisors), with the customer masked.
  let callbacksUntil = now().toISOString();
  const liveTick = () => {
    if (!db.open) return;
    try {
      const stamp = changeStamp(db);
      if (stamp !== seen) {
        seen = stamp;
        bus.emit('event', 'data-changed', { what: ['workspace'], at: now().toISOString() });
      }
      const until = now().toISOString();
      if (until > callbacksUntil) {
        for (const c of callbacksComingDue(db, callbacksUntil, until)) {
          const payload = { taskId: c.id, agentId: c.agent_id, msisdnMasked: maskMsisdn(c.msisdn)!, nameMasked: maskName(c.name), callbackAt: c.callback_at };
          bus.emit('event', 'callback-due', payload, { owner: c.agent_id });
        }
        callbacksUntil = until;
      }
    } catch (e) {
      if (db.open) console.error(`Retention Desk: watching the workspace failed: ${(e as Error).message}`);
    }
  };
  const liveTimer = setInterval(liveTick, options.liveTickMs ?? 1000);
  liveTimer.unref();

  // Campaigns set to run daily (docs/product.md §5.6): looked at with the hour, run in a worker once a day.
  const dailyCampaigns = () => {
    try {
      if (scheduledCampaignsDue(db, 'daily', now())) jobs.start('campaign-scheduled', { trigger: 'daily' });
    } catch (e) {
      if (db.open) console.error(`Retention Desk: starting the daily campaigns failed: ${(e as Error).message}`);
    }
  };

  // The stored figures are computed for a day (contract days left, tenures, porting windows move with it): the queue
  // order and the daily campaigns read them, so the first look of a day recomputes (a new day at a million customers:
  // ~4 s in the background), then runs the daily campaigns. Also finishes a recompute a crash stopped between a mass
  // change's figures and their queue order (docs/scoring-storage.md). Once a day at most: a failed one is said.
  let recomputeStartedFor: string | null = null;
  const currentFigures = (then: () => void) => {
    const today = localDate(now());
    if (!options.dailyRecompute || recomputeStartedFor === today || !figuresDue(db, today)) return then();
    recomputeStartedFor = today;
    jobs.start('risk-recompute', { today }, (job) => {
      if (job.state === 'failed' && db.open) console.error(`Retention Desk: the day's recompute failed: ${job.error?.message ?? job.error?.code ?? ''}`);
      then();
    });
  };

  const hourly = () => {
    if (options.dailyBackups) void daily();
    expire();
    try {
      currentFigures(() => {
        if (options.scheduledCampaigns && db.open) dailyCampaigns();
      });
    } catch (e) {
      if (db.open) console.error(`Retention Desk: starting the day's recompute failed: ${(e as Error).message}`);
    }
  };
  hourly();
  const hourlyTimer = setInterval(hourly, 3_600_000);
  hourlyTimer.unref();

  function close(): void {
    clearInterval(hourlyTimer);
    clearInterval(liveTimer);
    void jobs.closeAll();
    files.clear();
    db.close();
  }

  const context = (caller: Caller, sessionToken: string | null = null, session: Session | null = null): HandlerContext => ({
    db,
    dbPath: options.dbPath,
    now,
    caller,
    sessions,
    session,
    sessionToken,
    files: files.forCaller(caller),
    jobs: jobs.forCaller(caller),
    dialogs: options.dialogs ?? null,
    queueSortInlineTasks: options.queueSortInlineTasks ?? QUEUE_SORT_INLINE_TASKS,
    emit: (name, payload) => announce(name, payload),
  });
  const asCaller = (session: Session | null): Caller | null => (session ? { agentId: session.agentId, role: session.role } : null);
  // Looking at a session (events, files) is not the user's activity: peek, do not touch its idle clock.
  const callerOf = (token: string | null): Caller | null => asCaller(sessions.peek(token));

  return {
    dbPath: options.dbPath,
    dispatch: (name, input, caller = localSupervisor) => dispatch(context(caller), name, input),
    dispatchSession(token, name, input) {
      const session = sessions.resolve(token);
      // A session a supervisor ended: a call that needs one is told why (the agent's screen says so, not "idle").
      const why = session ? null : sessions.whyEnded(token);
      if (why && isOperationName(name) && operations[name].role !== 'public') return Promise.resolve(failedResult('unauthenticated', sessionEndMessages[why]));
      const caller = asCaller(session) ?? nobody;
      return dispatch(context(caller, token, session), name, input);
    },
    onEvent(listener: EventListener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    onSessionEvent(token, listener, onEnded) {
      const filtered = (name: EventName, payload: EventPayload<EventName>, audience?: JobAudience) => {
        const caller = callerOf(token);
        if (!caller) {
          bus.off('event', filtered);
          onEnded?.();
          return;
        }
        if (audience && !mayAccess(audience.owner, caller)) return;
        listener(name, payload);
      };
      bus.on('event', filtered);
      return () => bus.off('event', filtered);
    },
    callerOf,
    filesFor(token) {
      const caller = callerOf(token);
      return caller ? files.forCaller(caller) : null;
    },
    files,
    close,
    async shutdown() {
      clearInterval(hourlyTimer);
      await jobs.closeAll();
      close();
    },
  };
}

function isEmptyWorkspace(db: ReturnType<typeof openDatabase>): boolean {
  // A workspace that was ever used (or deliberately emptied) keeps its marker and is never re-seeded.
  if (getWorkspaceValue(db, 'initialised')) return false;
  const c = workspaceCounts(db);
  return c.subscribers === 0 && c.lists === 0;
}
