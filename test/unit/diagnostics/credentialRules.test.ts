import * as assert from 'node:assert/strict';
import { findCredentials } from '../../../src/core/diagnostics/credentialRules';
import { validateManifest } from '../../../src/core/diagnostics/validateManifest';
import { buildManifest } from './manifestBuilder';
import { only } from './structureRules.test';

function secrets(text: string): string[] {
  return findCredentials(text).map((f) => text.slice(f.start, f.end));
}

describe('credential diagnostics (XWF5xx)', () => {
  it('finds API keys, bearer tokens, private keys, token variables, passwords and URL passwords', () => {
    const text = [
      'startup_command: OPENAI_API_KEY=sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123 xllm --api-key s3cr3t-value --port 8000',
      "healthcheck_command: curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig' http://h/v1",
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'HF_TOKEN=hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
      'db_password: hunter2hunter2',
      'api_url: https://admin:pa55word@10.0.0.1:8000/v1',
      '{"api_key": "abcdef123456"}',
    ].join('\n');
    assert.deepEqual(secrets(text), [
      'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123',
      's3cr3t-value',
      'eyJhbGciOiJIUzI1NiJ9.payload.sig',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
      'hunter2hunter2',
      'pa55word',
      'abcdef123456',
    ]);
  });

  it('stays silent on placeholders and on keys that merely contain "token"', () => {
    const text = [
      'OPENAI_API_KEY=EMPTY xllm --api-key $API_KEY --max-tokens 512',
      'password: <redacted>',
      'token: ${HF_TOKEN}',
      'max_tokens_per_batch: 20480',
      'input_tokens: 2048',
      'speculative_num_accepted_tokens_delta: 811',
      'tokenizer_path: /data/models/x',
      'Authorization: Bearer ***',
      'see https://user@host/x',
    ].join('\n');
    assert.deepEqual(secrets(text), []);
  });

  it('reports each secret once, at its exact range, as an error with a redact fix', () => {
    const token = 'hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
    const text = buildManifest({ startup_command: `HF_TOKEN=${token} xllm --model m` });
    const [d] = only(validateManifest(text, { fileName: 'manifest.md' }), 'XWF501');
    const line = text.split('\n').findIndex((l) => l.includes(token));
    const character = text.split('\n')[line].indexOf(token);
    assert.deepEqual(d.range, { start: { line, character }, end: { line, character: character + token.length } });
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.data, { fix: 'redact', value: '<redacted>' });
    assert.match(d.message, /an access token/);
    assert.equal(only(validateManifest(text, { fileName: 'manifest.md' }), 'XWF501').length, 1);
  });

  it('names the variable in an assignment, in both languages', () => {
    const text = buildManifest({ deviations: 'used password=hunter2hunter2 for the db' });
    assert.match(only(validateManifest(text, { fileName: 'manifest.md' }), 'XWF501')[0].message, /\(a password value\)/);
    assert.match(only(validateManifest(text, { fileName: 'manifest.md', locale: 'zh-cn' }), 'XWF501')[0].message, /password 的值/);
  });

  it('XWF502: local home paths are information only', () => {
    const text = buildManifest({ repo_path: '/home/zhangsan/xllm', model_path: 'C:\\Users\\li\\models' });
    const d = only(validateManifest(text, { fileName: 'manifest.md' }), 'XWF502');
    assert.deepEqual(d.map((x) => x.severity), ['information', 'information']);
    assert.match(d[0].message, /'\/home\/zhangsan'/);
    assert.deepEqual(only(validateManifest(buildManifest(), { fileName: 'manifest.md' }), 'XWF502'), []);
  });
});
