/**
 * Typed errors with stable codes. Exit code 2 means the user gave bad input;
 * 3 that a run stopped at its --budget; 1 means anything else went wrong.
 */
/** Stable error codes: scripts may branch on them. */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_CASES'
  | 'E_INPUT'
  | 'E_ENV'
  | 'E_LOCKED'
  | 'E_STORE_MISMATCH'
  | 'E_STORE_DAMAGED'
  | 'E_STORE_URL'
  | 'E_STORE_UNREACHABLE'
  | 'E_RUN_UNKNOWN'
  | 'E_VARIANT_SET'
  | 'E_PROVIDER'
  | 'E_PROVIDER_UNREGISTERED'
  | 'E_FAILED_CALLS'
  | 'E_DISK_FULL'
  | 'E_GATE'
  | 'E_SUPERSEDED'
  | 'E_BUDGET'
  | 'E_BUDGET_REACHED'
  | 'E_INTERRUPTED'
  | 'E_NO_SQLITE'
  | 'E_DOCTOR'
  | 'E_QUEUE_UNREACHABLE'
  | 'E_INTERNAL';

const INPUT_CODES: ReadonlySet<ErrorCode> = new Set([
  'E_USAGE',
  'E_CONFIG',
  'E_CASES',
  'E_INPUT',
  'E_ENV',
  'E_LOCKED',
  'E_STORE_MISMATCH',
  'E_STORE_DAMAGED',
  'E_STORE_URL',
  'E_RUN_UNKNOWN',
  'E_VARIANT_SET',
  'E_PROVIDER_UNREGISTERED',
  'E_BUDGET',
  // The --queue URL names a Redis that does not answer: the user fixes the URL or starts Redis.
  'E_QUEUE_UNREACHABLE',
]);

export interface ErrorLocation {
  file?: string;
  line?: number;
  /** A key path such as `models[0].baseUrl`. */
  field?: string;
}

/**
 * Every error ai-masld means to raise: a stable `code`, where it was found
 * (file, line, field) when the input is at fault, and the CLI's exit code
 * (2 for bad input).
 *
 * @example
 * ```ts
 * import { audit, MasldError } from 'ai-masld';
 *
 * try {
 *   await audit({ out: 'masld-out/run', config: 'audit.yaml' });
 * } catch (err) {
 *   if (err instanceof MasldError && err.exitCode === 2) console.error(`fix ${err.location.file ?? 'the input'}: ${err.message}`);
 *   else throw err;
 * }
 * ```
 */
export class MasldError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  /** 128 + the signal's number for a run stopped by a signal (SIGHUP 129, SIGINT 130, SIGTERM 143). */
  private readonly signalExit?: number;
  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}, options?: { cause?: unknown; signalExit?: number }) {
    super(message, options);
    this.name = 'MasldError';
    this.code = code;
    this.location = location;
    this.signalExit = options?.signalExit;
  }
  get exitCode(): number {
    if (this.code === 'E_INTERRUPTED') return this.signalExit ?? 130;
    if (this.code === 'E_BUDGET_REACHED') return 3;
    return INPUT_CODES.has(this.code) ? 2 : 1;
  }
}

/** `file:line: ` or `file: ` prefix, as compilers print it. */
export function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.line ? `${loc.file}:${loc.line}` : loc.file);
  if (loc.field) parts.push(loc.field);
  return parts.length ? `${parts.join(': ')}: ` : '';
}

export function inputError(code: ErrorCode, message: string, location: ErrorLocation = {}): MasldError {
  return new MasldError(code, `${formatLocation(location)}${message}`, location);
}
