// An in-memory CliIO, so CLI commands run in-process in tests.
import type { CliIO } from '../../src/cli/command';
import type { Locale } from '../../src/core/i18n/locale';

export function captureIO(cwd: string, locale: Locale = 'en'): CliIO & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    locale,
    cwd,
    env: {},
    stdout: () => out,
    stderr: () => err,
  };
}
