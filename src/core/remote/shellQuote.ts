// POSIX single-quote quoting: the only way a manifest or setting value ever reaches a remote shell.

/** Quotes one value so any POSIX shell reads it back byte for byte, never expanding anything inside. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a shell value cannot contain a NUL byte');
  // Inside single quotes nothing is special except the closing quote: end, add an escaped quote, reopen.
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Quotes an argument vector into one command line. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a name can be a shell variable (and an environment variable set from the script). */
export function isShellName(name: string): boolean {
  return NAME.test(name);
}

/** `name='value'` lines; names are checked, values quoted. Arrays become bash arrays `name=('a' 'b')`. */
export function shellAssignments(vars: Readonly<Record<string, string | readonly string[]>>): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(vars)) {
    if (!isShellName(name)) throw new Error(`not a valid shell variable name: ${JSON.stringify(name)}`);
    lines.push(typeof value === 'string' ? `${name}=${shellQuote(value)}` : `${name}=(${value.map(shellQuote).join(' ')})`);
  }
  return lines.join('\n');
}
