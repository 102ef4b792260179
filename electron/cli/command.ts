import { openBackend, type Backend, type BackendOptions } from '../backend';
import { nodeComputeProcess } from '../backend/jobs/compute-process';
import { ApiFailure, errorText, failedResult, type ApiError, type JobView, type OperationName, type OperationOutput } from '../../core/api';

/** Where a command writes: standard output for results, standard error for failures. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** Every option any command takes; each command reads the ones its usage names. */
export interface CliOptions {
  db?: string;
  json: boolean;
  port?: string;
  open: boolean;
  'no-demo': boolean;
  rows?: string;
  out?: string;
  seed?: string;
  labels: boolean;
  from?: string;
  to?: string;
  agent?: string;
  password?: string;
  lang?: string;
  week?: string;
  sheet?: string;
  list?: string;
  type?: string;
  due?: string;
  period?: string;
  'reject-all': boolean;
  problems?: string;
  activate: boolean;
  'dry-run': boolean;
  'other-workspace': boolean;
  kind?: string;
  by?: string;
  county?: string;
  hall?: string;
  where?: string;
}

/** What a command gets: its words after the name, the options, the workspace path, and how to answer. */
export interface CommandContext {
  args: string[];
  opt: CliOptions;
  dbPath: string;
  /** Files and messages in English only when asked (--lang en); Chinese is the desk's language. */
  locale: 'zh-CN' | 'en';
  io: CliIO;
  /** The human line, or the data as JSON with --json. */
  print(human: string, data: unknown): void;
}

/**
 * One command of the CLI. `synopsis` and `summary` are the README's command table and the first line of
 * --help; `help` the option lines below it. tests/unit/electron/cli-table.test.ts holds the README to them.
 */
export interface Command {
  name: string;
  synopsis: string;
  summary: string;
  help?: string;
  run(c: CommandContext): Promise<number>;
}

/** A refused call or a failed job: its error, as the contract carries it. */
export type Failure = { ok: false; error: ApiError | NonNullable<JobView['error']> };

/** A backend on the command's workspace for the length of `fn`, closed however `fn` ends. */
export async function withBackend<T>(c: CommandContext, fn: (backend: Backend) => Promise<T>, options: Pick<BackendOptions, 'demoIfEmpty' | 'dailyBackups' | 'scheduledCampaigns' | 'dailyRecompute'> = {}): Promise<T> {
  const backend = openBackend({ dbPath: c.dbPath, computeProcess: nodeComputeProcess, ...options });
  try {
    return await fn(backend);
  } finally {
    backend.close();
  }
}

/** A command line that cannot be run as typed: what is wrong, in the CLI's language, and where the help is (exit 2). */
export function usageError(c: Pick<CommandContext, 'io' | 'locale'>, message: { zh: string; en: string }): number {
  c.io.err(c.locale === 'en' ? `${message.en}\n\nRun "retention-desk --help --lang en" for the commands.` : `${message.zh}\n\n运行 "retention-desk --help" 查看命令。`);
  return 2;
}

/** A failure on stderr: with --json as data, else its code and its message in the CLI's language. */
export function failed(c: CommandContext, r: Failure): number {
  c.io.err(c.opt.json ? JSON.stringify(r) : `${r.error.code}: ${errorText(c.locale, r.error)}`);
  return 1;
}

/** Registers a file named on the command line; null (said on stderr) when it is not there. */
export function registerFile(c: CommandContext, backend: Backend, file: string): string | null {
  try {
    return backend.files.registerPath(file).token;
  } catch (e) {
    c.io.err(e instanceof ApiFailure ? errorText(c.locale, e) : (e as Error).message);
    return null;
  }
}

/** The result type of a job an operation starts (its output is `jobOf(result)` in the contract). */
export type JobResultOf<N extends OperationName> = OperationOutput<N> extends { result?: infer R } ? NonNullable<R> : never;

/** Starts a job operation and waits for it: its typed result, or the failure to print (refused, failed, cancelled). */
export async function runJob<N extends OperationName>(backend: Backend, name: N, input: unknown): Promise<{ ok: true; jobId: string; result: JobResultOf<N> } | Failure> {
  const started = await backend.dispatch(name, input);
  if (!started.ok) return started;
  const job = await waitForJob(backend, (started.data as JobView).id);
  if (job.state !== 'done') return job.error ? { ok: false, error: job.error } : failedResult('internal', 'api.internal', { detail: job.state });
  // The runner checked the result against the kind's schema (core/api/job-results.ts) before it was kept.
  return { ok: true, jobId: job.id, result: job.result as JobResultOf<N> };
}

/** Polls the job through the contract, as any client does (the CLI holds no handle on the job runner). */
export async function waitForJob(backend: Backend, jobId: string): Promise<JobView> {
  for (;;) {
    const r = await backend.dispatch('job-get', { jobId });
    if (!r.ok) throw new ApiFailure(r.error.code, r.error.messageKey, r.error.params, r.error.details);
    const job = r.data as JobView;
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const stdio: CliIO = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
