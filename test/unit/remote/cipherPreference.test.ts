import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { AES_FIRST_CIPHERS, cipherPreferenceArgs, cpuHasAes, OPENSSH_DEFAULT_CIPHERS } from '../../../src/core/remote/cipherPreference';

describe('cipher preference of the run connection', () => {
  it('reads AES instructions from x86 flags and arm64 features, and not from other words', () => {
    assert.equal(cpuHasAes('processor\t: 0\nflags\t\t: fpu vme sse2 aes avx2\n'), true);
    assert.equal(cpuHasAes('processor\t: 0\nFeatures\t: fp asimd evtstrm aes pmull sha1\n'), true);
    assert.equal(cpuHasAes('processor\t: 0\nflags\t\t: fpu vme sse2 avx2\nmodel name\t: aes-less\n'), false);
    assert.equal(cpuHasAes(''), false);
  });

  it('puts AES-GCM first only over the untouched default list and only with AES instructions', () => {
    assert.deepEqual(cipherPreferenceArgs(OPENSSH_DEFAULT_CIPHERS, true), ['-o', `Ciphers=${AES_FIRST_CIPHERS}`]);
    assert.deepEqual(cipherPreferenceArgs(OPENSSH_DEFAULT_CIPHERS, false), []);
    // A user's own choice always wins.
    assert.deepEqual(cipherPreferenceArgs('chacha20-poly1305@openssh.com', true), []);
    assert.deepEqual(cipherPreferenceArgs(undefined, true), []);
    // Only the order changes: the same ciphers are offered.
    assert.deepEqual(AES_FIRST_CIPHERS.split(',').sort(), OPENSSH_DEFAULT_CIPHERS.split(',').sort());
  });

  it('knows the default list this machine’s ssh prints when nothing is configured', () => {
    const out = execFileSync('ssh', ['-F', '/dev/null', '-G', 'example.invalid'], { encoding: 'utf8' });
    const ciphers = /^ciphers (.*)$/m.exec(out)?.[1];
    assert.equal(ciphers, OPENSSH_DEFAULT_CIPHERS);
  });
});
