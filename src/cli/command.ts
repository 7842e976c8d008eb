// The contract every `xwf` subcommand implements; main.ts only dispatches.
import type { ParseArgsConfig } from 'node:util';
import type { Locale } from '../core/i18n/locale';

/** Documented exit codes: 0 ok, 1 findings or a failed verdict, 2 usage, 3 environment. */
export const EXIT = { ok: 0, findings: 1, usage: 2, environment: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readonly locale: Locale;
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
}

export interface CommandInput {
  readonly positionals: string[];
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly io: CliIO;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: { readonly en: string; readonly zh: string };
  /** One line after `xwf`, e.g. `runs <folder> [--json]`. */
  readonly usage: string;
  readonly examples: readonly string[];
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Help text of each option, by option name. */
  readonly optionHelp?: Record<string, string>;
  run(input: CommandInput): Promise<ExitCode>;
}

/** Bad arguments: printed with the command's usage, exit 2. */
export class UsageError extends Error {}
/** The world is not as needed (missing folder, unreachable host): exit 3. */
export class EnvironmentError extends Error {}

export function writeJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}
