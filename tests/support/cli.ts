import { runCli } from '../../electron/cli';

/** Runs a CLI command on a workspace as a script would, with what it printed on stdout and stderr. */
export async function runCliOn(dbPath: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', dbPath], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
