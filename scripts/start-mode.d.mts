type Env = Record<string, string | undefined>;

export type StartDecision = { mode: 'electron'; binaryPath: string } | { mode: 'browser'; reason: string };

export function electronBinaryPath(o: {
  electronDir: string;
  pathTxt: string | null;
  env: Env;
  platform: string;
}): string | null;

export function parseStartArgs(argv: readonly string[]): { build: boolean; forceBrowser: boolean; passThrough: string[] };

export function decideStartMode(o: {
  forceBrowser?: boolean;
  binaryPath: string | null;
  binaryExists: boolean;
  platform: string;
  env: Env;
  uid?: number | null;
}): StartDecision;

export function fallbackMessage(reason: string): string;

export const BUILD_OUTPUTS: readonly string[];

export function buildNeededReason(root: string): string | null;
