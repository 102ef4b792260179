import fs from 'node:fs';
import path from 'node:path';
import type { JobView, OperationName, OperationOutput } from '../../core/api';
import { openBackend, type Backend, type BackendOptions, type Caller } from '../../electron/backend';

/** A backend on a real SQLite file, with typed calls and job waiting, as both transports use it. */
export function testBackend(options: BackendOptions) {
  // The identity key file goes beside the test's workspace, not into the real home folder.
  const backend: Backend = openBackend({ identityKeyDir: path.join(path.dirname(path.resolve(options.dbPath)), 'home'), ...options });
  /** As the local supervisor, unless a caller is given (an agent's call, a supervisor's own id). */
  async function call<N extends OperationName>(name: N, input: unknown, caller?: Caller): Promise<OperationOutput<N>> {
    const r = await backend.dispatch(name, input, caller);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code, messageKey: r.error.messageKey, params: r.error.params });
    return r.data as OperationOutput<N>;
  }
  /** Follows a job to its end; its view keeps the type the operation gave it (a typed result). */
  async function waitJob<J extends JobView>(job: J, timeoutMs = 60_000): Promise<J> {
    const deadline = Date.now() + timeoutMs;
    let current = job;
    while (current.state === 'running') {
      if (Date.now() > deadline) throw new Error(`job ${job.kind} did not finish`);
      await new Promise((r) => setTimeout(r, 20));
      current = (await call('job-get', { jobId: job.id })) as J;
    }
    return current;
  }
  function upload(bytes: Uint8Array, name: string): string {
    return backend.files.registerBytes(bytes, name).token;
  }
  function uploadPath(file: string): string {
    return backend.files.registerBytes(fs.readFileSync(file), file.split('/').pop()!).token;
  }
  return { backend, call, waitJob, upload, uploadPath, close: () => backend.close() };
}
