type Env = Record<string, string | undefined>;

export type StepResult = { ok: true } | { ok: false; reason: string };

export interface SandboxFacts {
  restrictedUserns: boolean;
  helperPath: string;
  helperSuid: boolean;
  profileMentionsBinary: boolean;
}

export interface StartFacts {
  forceBrowser?: boolean;
  platform: string;
  env: Env;
  uid?: number | null;
  binaryPath: string | null;
  binaryExists: boolean;
  electronInstall?: StepResult | null;
  nodeVersion?: string;
  electronNodeRange?: string | null;
  sandbox?: SandboxFacts | null;
  nativeMismatch?: string | null;
  nativeBuild?: StepResult | null;
}

export type StartDecision =
  | { mode: 'electron'; binaryPath: string }
  | { mode: 'browser'; reason: string }
  | { next: 'install-electron' | 'build-native' };

export const INSTALL_ELECTRON_COMMAND: string;

export function electronBinaryPath(o: { electronDir: string; pathTxt: string | null; env: Env; platform: string }): string | null;

export function parseStartArgs(argv: readonly string[]): { build: boolean; forceBrowser: boolean; passThrough: string[] };

export function decideStartMode(facts: StartFacts): StartDecision;

export function nodeBelow(version: string | undefined, range: string | null | undefined): boolean;

export function sandboxBlocked(s: SandboxFacts): boolean;

export function sandboxReason(s: SandboxFacts): string;

export function linuxSandboxFacts(o: { binaryPath: string; procKernelDir?: string; apparmorDir?: string }): SandboxFacts;

export function installerFailureReason(o: { stderr: string | null; code: number | null; signal: string | null; timedOutAfterMs?: number | null }): string;

export function fallbackMessage(reason: string): string;

export const BUILD_OUTPUTS: readonly string[];

export function buildNeededReason(root: string): string | null;

export function superviseLaunch(
  child: import('node:child_process').ChildProcess,
  hooks: {
    fallBack: (reason: string) => void;
    exit: (code: number | null, signal: string | null) => void;
    passLine?: (line: string) => void;
    interrupted?: () => boolean;
    readyHintMs?: number;
    readyHint?: () => void;
    explain?: (reason: string, how: { code: number | null; signal: string | null }) => string;
  },
): void;
