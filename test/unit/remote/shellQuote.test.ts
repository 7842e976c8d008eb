import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { shellAssignments, shellJoin, shellQuote } from '../../../src/core/remote/shellQuote';

/** Runs a script in a real bash and returns its stdout. */
function bash(script: string): string {
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' });
}

// Strings full of what shells treat specially, plus arbitrary Unicode (no NUL: argv and env cannot hold it).
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom("'", '"', '$', '`', '\\', '(', ')', ';', '&', '|', '<', '>', '*', '?', '~', '!', '#', ' ', '\n', '\t', '{', '}', '[', ']', 'a', '-') }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }).map((s) => s.replace(/\0/g, '')),
);

describe('remote: shellQuote through a real bash -c', () => {
  it('reads back every value byte for byte (printf %s)', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        assert.equal(bash(`printf %s ${shellQuote(value)}`), value);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps argument boundaries in a joined command line', () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 5 }), (argv) => {
        const out = bash(`for a in ${shellJoin(argv)}; do printf '%s\\0' "$a"; done`);
        assert.deepEqual(out.split('\0').slice(0, -1), argv);
      }),
      { numRuns: 80 },
    );
  });

  it('assigns variables and arrays that expand to the same values', () => {
    fc.assert(
      fc.property(nasty, fc.array(nasty, { maxLength: 4 }), (s, arr) => {
        const script = `${shellAssignments({ S: s, A: arr })}\nprintf '%s\\0' "$S" "\${A[@]}"`;
        assert.deepEqual(bash(script).split('\0').slice(0, -1), [s, ...arr]);
      }),
      { numRuns: 80 },
    );
  });

  it('never runs what a value contains', () => {
    const out = bash(`x=${shellQuote("$(echo INJECTED)'; echo INJECTED2; '")}; printf %s "$x"`);
    assert.equal(out, "$(echo INJECTED)'; echo INJECTED2; '");
  });

  it('refuses bad variable names and NUL bytes', () => {
    assert.throws(() => shellAssignments({ 'a;b': 'x' }), /not a valid shell variable name/);
    assert.throws(() => shellQuote('a\0b'), /NUL/);
  });
});
