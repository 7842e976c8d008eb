import * as assert from 'node:assert/strict';
import { parseLockResult } from '../../../src/core/remote/deviceLock';
import { jobState, parseJobStatus } from '../../../src/core/remote/detachedJob';
import { parseHostProbe } from '../../../src/core/remote/hostProbe';
import { parseManifestFile } from '../../../src/core/manifest/manifestFields';
import { renderManifestMarkdown } from '../../../src/core/manifest/manifestTemplate';
import { readPerfPlan } from '../../../src/core/remote/perfPlan';
import { LineSplitter, parseProgress } from '../../../src/core/remote/progressLine';
import { parseRemoteHosts, remoteHostSchema } from '../../../src/core/remote/remoteHost';
import { entryProblem } from '../../../src/core/remote/runArchive';
import { SecretRedactor } from '../../../src/core/remote/secretRedactor';
import { classifySshFailure } from '../../../src/core/remote/sshTransport';
import { parseSshG } from '../../../src/core/remote/sshResolve';
import { evalscopePerfArgv } from '../../../src/core/remote/workloadCommand';
import { fillManifest } from '../../../src/core/remote/manifestFill';

const host = remoteHostSchema.parse({ name: 'npu-a', sshTarget: 'ci@10.0.0.8', workDir: '/data/xwf', defaultDevices: [4, 5] });

function plan(values: Parameters<typeof renderManifestMarkdown>[0]) {
  return readPerfPlan(parseManifestFile(renderManifestMarkdown(values), 'manifest.md'), host);
}

describe('remote: pieces without a host', () => {
  it('reads a perf plan and names every bad or missing key', () => {
    const ok = plan({
      Identity: { run_id: 'r1', level: 'quick' },
      Model: { model_name: 'Qwen3-8B' },
      Service: { api_url: 'http://127.0.0.1:8000/v1/' },
      Workload: { parallel: 4, number: 40, warmup_num: 2, input_tokens: 1024, output_tokens: 256, stream: 'false', extra_body: '{"ignore_eos": true}' },
    });
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.plan?.apiUrl, 'http://127.0.0.1:8000/v1');
    assert.deepEqual(ok.plan?.devices, [4, 5], 'host defaults when the manifest names no devices');
    assert.equal(ok.plan?.visibleDevices, '4,5');
    assert.equal(ok.plan?.workload.stream, false);
    assert.deepEqual(evalscopePerfArgv(ok.plan!, 'evalscope/raw'), [
      'evalscope', 'perf', '--url', 'http://127.0.0.1:8000/v1/chat/completions', '--api', 'openai', '--model', 'Qwen3-8B',
      '--parallel', '4', '--number', '40', '--warmup-num', '2', '--max-tokens', '256', '--min-tokens', '256',
      '--min-prompt-length', '1024', '--max-prompt-length', '1024', '--extra-args', '{"ignore_eos": true}', '--outputs-dir', 'evalscope/raw',
    ]);
    const bad = plan({
      Identity: { run_id: 'a/b', level: 'full' },
      Environment: { physical_device_ids: '0,x' },
      Service: { api_url: 'not a url' },
      Workload: { parallel: 0, number: 'many', extra_body: '[1]' },
    });
    assert.equal(bad.plan, undefined);
    assert.deepEqual(bad.problems.map((p) => p.key).sort(), ['api_url', 'extra_body', 'model_name', 'number', 'parallel', 'physical_device_ids', 'run_id', 'warmup_num']);
    assert.match(bad.problems.find((p) => p.key === 'warmup_num')!.message, /a full run needs warmup_num >= 1/);
  });

  it('validates host entries and keeps the good ones', () => {
    const { hosts, problems } = parseRemoteHosts([
      { name: 'ok', sshTarget: 'npu-box', workDir: '~/xwf', env: { HCCL_IF_BASE_PORT: '60000' } },
      { name: 'opt', sshTarget: '-oProxyCommand=touch /tmp/x', workDir: '/w' },
      { name: 'ctr', sshTarget: 'h', workDir: '/w', container: 'a b;rm' },
      { name: 'env', sshTarget: 'h', workDir: '/w', env: { 'A;B': 'x' } },
      { name: 'ok', sshTarget: 'other', workDir: '/w' },
    ]);
    assert.deepEqual(hosts.map((h) => h.name), ['ok']);
    assert.deepEqual([...new Set(problems.map((p) => `${p.index}:${p.path}`))], ['1:sshTarget', '2:container', '3:env.A;B', '4:name']);
    assert.ok(problems.some((p) => p.index === 1 && /cannot start with "-"/.test(p.message)));
    assert.match(parseRemoteHosts({}).problems[0].message, /expected a list of hosts/);
  });

  it('splits tqdm output into lines and reads progress', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('a\r\nProcessing:  10%|#  | 1/10 [00:01<00:09]\r'), ['a', 'Processing:  10%|#  | 1/10 [00:01<00:09]']);
    assert.deepEqual(s.push('\nb'), []);
    assert.deepEqual(s.flush(), ['b']);
    assert.deepEqual(parseProgress('Processing:  33%|███ | 1/3 [00:00<00:00, 6.45it/s]'), { percent: 33.3, done: 1, total: 3 });
    assert.deepEqual(parseProgress('Processing: 50% done'), { percent: 50, done: null, total: null });
    assert.equal(parseProgress('throughput 99% of baseline'), null);
  });

  it('reads job status, lock results and host probes', () => {
    const st = parseJobStatus('service.pid=10\nservice.alive=1\nworkload.pid=12\nworkload.alive=0\nworkload.exit=0\ncancelled=by hand\n');
    assert.deepEqual(jobState(st, 'service'), { pid: 10, alive: true, exitCode: null });
    assert.deepEqual(jobState(st, 'workload'), { pid: 12, alive: false, exitCode: 0 });
    assert.deepEqual(jobState(st, 'capture'), { pid: null, alive: false, exitCode: null });
    assert.equal(parseLockResult('locked\n'), null);
    assert.deepEqual(parseLockResult('held=3\nfile=/l/npu3.lock\nrun_id=other\nowner=li@ws\nsince=2026-05-28T10:00:00Z\ndevice=3\n'), {
      device: 3,
      file: '/l/npu3.lock',
      runId: 'other',
      owner: 'li@ws',
      since: '2026-05-28T10:00:00Z',
    });
    assert.throws(() => parseLockResult('error=cannot write /l/npu0.lock (check /l exists and is writable)\n'), /remote step lock failed .*cannot write \/l\/npu0\.lock/);
    const probe = parseHostProbe('missing=evalscope\nmissing=curl\nhostname=npu01\nevalscope=evalscope 1.7.2\nnpu_smi=23.0.2.1\nnpu_name=910B2\ntorch_npu=\n');
    assert.deepEqual(probe.missing, ['evalscope', 'curl']);
    assert.deepEqual(probe.versions, { evalscope: '1.7.2', npuSmi: '23.0.2.1', npuName: '910B2', cann: undefined, driver: '23.0.2.1', torchNpu: undefined });
  });

  it('classifies ssh failures by what ssh printed', () => {
    assert.equal(classifySshFailure(host, 'ci@10.0.0.8: Permission denied (publickey).', false).code, 'auth_failed');
    assert.equal(classifySshFailure(host, 'Host key verification failed.', false).code, 'host_key');
    assert.equal(classifySshFailure(host, 'ssh: connect to host 10.0.0.8 port 22: Connection timed out', false).code, 'unreachable');
    assert.equal(classifySshFailure(host, 'ssh: Could not resolve hostname nope: Name or service not known', false).code, 'unreachable');
    assert.equal(classifySshFailure(host, 'mux_client_request_session: read from master failed: Broken pipe', true).code, 'connection_lost');
    assert.equal(classifySshFailure(host, '', true).code, 'connection_lost');
  });

  it('judges archive entries', () => {
    assert.equal(entryProblem('env/a.txt', 'File'), null);
    assert.equal(entryProblem('./evalscope/raw/', 'Directory'), null);
    assert.equal(entryProblem('../x', 'File'), "climbs out with '..'");
    assert.equal(entryProblem('a/../../x', 'File'), "climbs out with '..'");
    assert.equal(entryProblem('/etc/passwd', 'File'), 'absolute path');
    assert.equal(entryProblem('C:\\x', 'File'), 'absolute path');
    assert.equal(entryProblem('l', 'SymbolicLink'), 'is a link');
    assert.equal(entryProblem('h', 'Link'), 'is a link');
    assert.equal(entryProblem('dev', 'CharacterDevice'), 'unsupported entry type CharacterDevice');
  });

  it('redacts secrets, longest first', () => {
    const r = new SecretRedactor();
    r.add('pass');
    r.add('passphrase!');
    r.addEnv({ HF_TOKEN: 'hf_abc', PLAIN: 'visible' });
    assert.equal(r.redact('passphrase! pass hf_abc visible'), '*** *** *** visible');
  });

  it('parses ssh -G output', () => {
    const g = parseSshG('user ci\nhostname 10.0.0.8\nport 2222\nidentityfile ~/.ssh/id_ed25519\nidentityfile ~/.ssh/id_rsa\n');
    assert.deepEqual([g.user, g.hostName, g.port, g.identityFiles], ['ci', '10.0.0.8', 2222, ['~/.ssh/id_ed25519', '~/.ssh/id_rsa']]);
  });

  it('fills a manifest in place, keeping everything else', () => {
    const text = '# Run Manifest\n\n## Identity\n\n- run_id: r1\n- conclusion_status: pending\n\nfree text the user wrote\n\n## Environment\n\n- host:\n';
    const out = fillManifest(text, 'manifest.md', { host: 'npu-a', conclusion_status: 'inconclusive', container: undefined, metrics_json: 'metrics.json' });
    assert.match(out, /^- host: npu-a$/m);
    assert.match(out, /^- conclusion_status: inconclusive$/m);
    assert.match(out, /free text the user wrote/);
    assert.match(out, /## Artifacts\n\n- metrics_json: metrics.json/);
    assert.throws(() => fillManifest(text, 'manifest.md', { nonsense: 'x' }), /unknown manifest key nonsense/);
  });
});
