// Command-line flags shared by the benches: `--name value` numbers and bare `--flag` switches.

/** Whether a bare flag such as `--big` was given. */
export function flag(name) {
  return process.argv.includes(`--${name}`);
}

/** A numeric `--name value`, or the fallback when absent; a non-number is a usage error, not a NaN run. */
export function numberArg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} needs a positive number, got ${JSON.stringify(process.argv[i + 1] ?? '')}`);
    process.exit(2);
  }
  return value;
}

/** A string `--name value`, or the fallback. */
export function stringArg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
