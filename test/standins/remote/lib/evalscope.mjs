// Stand-in for `evalscope perf` (1.7+ output format) and `evalscope eval`: really sends requests to an
// OpenAI-compatible server, measures TTFT/TPOT/ITL/latency, prints tqdm-like progress, writes the real files:
// <outputs>/<YYYYmmdd_HHMMSS>/<model or --name>/{benchmark.log, parallel_<P>_number_<N>/benchmark_{args,summary,percentile}.json}.
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDecoder } from 'node:util';

const VERSION = '1.7.2';
const argv = process.argv.slice(2);

// argparse-like: `--key value`, `--key=value`, `--flag`, and list options taking several values.
const LIST = new Set(['parallel', 'number', 'datasets']);
const FLAGS = new Set(['stream', 'no-stream', 'debug']);
function parse(args) {
  const out = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new Error(`unrecognized argument: ${a}`);
    const eq = a.indexOf('=');
    const key = (eq > 0 ? a.slice(2, eq) : a.slice(2)).replace(/_/g, '-');
    if (FLAGS.has(key)) {
      out[key] = true;
      continue;
    }
    const vals = [];
    if (eq > 0) vals.push(a.slice(eq + 1));
    else while (i + 1 < args.length && !args[i + 1].startsWith('--')) vals.push(args[++i]);
    if (!vals.length) throw new Error(`argument --${key}: expected a value`);
    out[key] = LIST.has(key) ? vals : vals.join(' ');
  }
  return out;
}

function usageError(msg) {
  process.stderr.write(`usage: evalscope perf [-h] --url URL --model MODEL ...\nevalscope perf: error: ${msg}\n`);
  process.exit(2);
}

const pad = (n) => String(n).padStart(2, '0');
function stamp(d = new Date()) {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}_${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
const round = (x, n = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** n) / 10 ** n : null);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

function bar(done, total, startedAt) {
  const pct = total ? Math.floor((done / total) * 100) : 100;
  const width = 10;
  const filled = Math.round((pct / 100) * width);
  const elapsed = (Date.now() - startedAt) / 1000;
  const rate = elapsed > 0 ? done / elapsed : 0;
  const fmt = (s) => `${pad(Math.floor(s / 60))}:${pad(Math.floor(s % 60))}`;
  return `Processing: ${String(pct).padStart(3)}%|${'█'.repeat(filled)}${' '.repeat(width - filled)}| ${done}/${total} [${fmt(elapsed)}<${fmt(rate ? (total - done) / rate : 0)}, ${rate.toFixed(2)}it/s]`;
}

function prompt(len, seed) {
  return Array.from({ length: len }, (_, i) => `w${(i * 31 + seed) % 997}`).join(' ');
}

async function oneRequest(opts, seq) {
  const body = {
    model: opts.model,
    messages: [{ role: 'user', content: prompt(opts.promptLen, seq) }],
    max_tokens: opts.maxTokens,
    stream: opts.stream,
    ...(opts.stream ? { stream_options: { include_usage: true } } : {}),
    ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
    ...(opts.topP !== undefined ? { top_p: opts.topP } : {}),
    ...(opts.topK !== undefined ? { top_k: opts.topK } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...opts.extra,
  };
  const t0 = performance.now();
  const rec = { ok: false, ttft: null, itls: [], latency: null, inTok: opts.promptLen, outTok: 0 };
  try {
    const res = await fetch(opts.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (!opts.stream) {
      const json = await res.json();
      rec.latency = performance.now() - t0;
      rec.ttft = rec.latency;
      rec.outTok = json.usage?.completion_tokens ?? 0;
      rec.inTok = json.usage?.prompt_tokens ?? rec.inTok;
    } else {
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let last = null;
      let chunks = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let nl;
        while ((nl = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 2);
          if (!ev.startsWith('data:')) continue;
          const data = ev.slice(5).trim();
          if (data === '[DONE]') continue;
          const j = JSON.parse(data);
          if (j.usage) {
            rec.outTok = j.usage.completion_tokens;
            rec.inTok = j.usage.prompt_tokens;
          }
          if (j.choices?.[0]?.delta?.content) {
            const now = performance.now();
            if (rec.ttft === null) rec.ttft = now - t0;
            else rec.itls.push(now - last);
            last = now;
            chunks++;
          }
        }
      }
      rec.latency = performance.now() - t0;
      if (!rec.outTok) rec.outTok = chunks;
    }
    rec.ok = true;
  } catch (e) {
    rec.error = String(e.cause?.code ?? e.message ?? e);
  }
  return rec;
}

async function runLevel(opts, parallel, number, warmup, outDir, log) {
  // Warmup requests run first and are not measured (evalscope >= 1.7.1).
  if (warmup > 0) {
    log(`Warmup: sending ${warmup} request(s)`);
    await Promise.all(Array.from({ length: Math.min(warmup, parallel) }, async (_, w) => {
      for (let i = w; i < warmup; i += parallel) await oneRequest(opts, 10_000 + i);
    }));
  }
  const results = [];
  let next = 0;
  const started = Date.now();
  const t0 = performance.now();
  process.stderr.write(bar(0, number, started) + '\r');
  await Promise.all(
    Array.from({ length: Math.min(parallel, number) }, async () => {
      while (next < number) {
        const seq = next++;
        results.push(await oneRequest(opts, seq));
        process.stderr.write(bar(results.length, number, started) + (results.length === number ? '\n' : '\r'));
      }
    }),
  );
  const duration = (performance.now() - t0) / 1000;
  const ok = results.filter((r) => r.ok);
  const tpots = ok.filter((r) => r.outTok > 1 && r.ttft !== null).map((r) => (r.latency - r.ttft) / (r.outTok - 1));
  const itls = ok.flatMap((r) => r.itls);
  const outTotal = ok.reduce((a, r) => a + r.outTok, 0);
  const inTotal = ok.reduce((a, r) => a + r.inTok, 0);
  const summary = {
    'Test Duration (s)': round(duration),
    Concurrency: parallel,
    'Request Rate (req/s)': -1.0,
    'Total Requests': number,
    'Success Requests': ok.length,
    'Failed Requests': number - ok.length,
    'Req Throughput (req/s)': round(ok.length / duration),
    'Avg Latency (s)': round(mean(ok.map((r) => r.latency)) / 1000),
    'Avg Input Tokens': round(ok.length ? inTotal / ok.length : 0),
    'Output Throughput (tok/s)': round(outTotal / duration),
    'Total Throughput (tok/s)': round((outTotal + inTotal) / duration),
    'TTFT (ms)': round(mean(ok.map((r) => r.ttft))),
    'TPOT (ms)': round(mean(tpots)),
    'ITL (ms)': round(mean(itls)),
    'Avg Output Tokens': round(ok.length ? outTotal / ok.length : 0),
  };
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const cols = {
    'TTFT (ms)': sorted(ok.map((r) => r.ttft)),
    'ITL (ms)': sorted(itls),
    'TPOT (ms)': sorted(tpots),
    'Latency (s)': sorted(ok.map((r) => r.latency / 1000)),
    'Input tokens': sorted(ok.map((r) => r.inTok)),
    'Output tokens': sorted(ok.map((r) => r.outTok)),
    'Output (tok/s)': sorted(ok.map((r) => r.outTok / (r.latency / 1000))),
    'Total (tok/s)': sorted(ok.map((r) => (r.outTok + r.inTok) / (r.latency / 1000))),
  };
  const labels = [1, 5, 10, 25, 50, 75, 90, 95, 99];
  const rows = [...labels.map((p) => [`${p}%`, p]), ['max', 100]].map(([label, p]) => {
    const row = { Percentiles: label };
    for (const [k, xs] of Object.entries(cols)) row[k] = round(percentile(xs, p));
    return row;
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'benchmark_summary.json'), JSON.stringify(summary, null, 4));
  writeFileSync(path.join(outDir, 'benchmark_percentile.json'), JSON.stringify(rows, null, 4));
  const failures = results.filter((r) => !r.ok);
  if (failures.length) log(`${failures.length} request(s) failed: ${[...new Set(failures.map((f) => f.error))].join(', ')}`);
  log('Benchmarking summary:');
  for (const [k, v] of Object.entries(summary)) log(`  ${k.padEnd(28)} ${v}`);
  return summary;
}

async function perf(raw) {
  let a;
  try {
    a = parse(raw);
  } catch (e) {
    usageError(e.message);
  }
  for (const req of ['url', 'model']) if (!a[req]) usageError(`the following arguments are required: --${req}`);
  if ((a.api ?? 'openai') !== 'openai') usageError(`unsupported --api ${a.api}`);
  const parallels = (a.parallel ?? ['1']).map(Number);
  const numbers = (a.number ?? ['1']).map(Number);
  if (parallels.length !== numbers.length) usageError('--parallel and --number need the same number of values');
  if ([...parallels, ...numbers].some((n) => !Number.isInteger(n) || n <= 0)) usageError('--parallel and --number take positive integers');
  let extra = {};
  if (a['extra-args']) {
    try {
      extra = JSON.parse(a['extra-args']);
    } catch {
      usageError(`--extra-args is not valid JSON: ${a['extra-args']}`);
    }
  }
  const warmup = a['warmup-num'] !== undefined ? Number(a['warmup-num']) : 0;
  const maxTokens = Number(a['max-tokens'] ?? 2048);
  const promptLen = Number(a['max-prompt-length'] ?? a['min-prompt-length'] ?? 32);
  const name = a.name ?? a.model.split('/').filter(Boolean).pop() ?? 'model';
  const outputs = a['outputs-dir'] ?? 'outputs';
  const modelDir = path.join(outputs, stamp(), name);
  mkdirSync(modelDir, { recursive: true });
  const logFile = path.join(modelDir, 'benchmark.log');
  const log = (msg) => {
    const line = `${new Date().toISOString().replace('T', ' ').slice(0, 19)} - evalscope - INFO: ${msg}`;
    console.log(line);
    appendFileSync(logFile, line + '\n');
  };
  log(`evalscope ${VERSION} perf: url=${a.url} model=${a.model} parallel=${parallels.join(',')} number=${numbers.join(',')}`);
  const opts = {
    url: a.url,
    model: a.model,
    stream: a['no-stream'] ? false : a.stream !== undefined ? true : false,
    maxTokens,
    promptLen,
    temperature: a.temperature !== undefined ? Number(a.temperature) : undefined,
    topP: a['top-p'] !== undefined ? Number(a['top-p']) : undefined,
    topK: a['top-k'] !== undefined ? Number(a['top-k']) : undefined,
    seed: a.seed !== undefined ? Number(a.seed) : undefined,
    extra,
  };
  let anyOk = false;
  for (let i = 0; i < parallels.length; i++) {
    const outDir = path.join(modelDir, `parallel_${parallels[i]}_number_${numbers[i]}`);
    mkdirSync(outDir, { recursive: true });
    const args = {
      model: a.model,
      url: a.url,
      api: a.api ?? 'openai',
      parallel: parallels[i],
      number: numbers[i],
      warmup_num: warmup,
      dataset: a.dataset ?? 'openqa',
      dataset_path: a['dataset-path'] ?? null,
      max_tokens: maxTokens,
      min_tokens: a['min-tokens'] !== undefined ? Number(a['min-tokens']) : null,
      min_prompt_length: a['min-prompt-length'] !== undefined ? Number(a['min-prompt-length']) : null,
      max_prompt_length: a['max-prompt-length'] !== undefined ? Number(a['max-prompt-length']) : null,
      tokenizer_path: a['tokenizer-path'] ?? null,
      temperature: opts.temperature ?? null,
      top_p: opts.topP ?? null,
      top_k: opts.topK ?? null,
      seed: opts.seed ?? null,
      extra_args: extra,
      stream: opts.stream,
      name,
      outputs_dir: outputs,
    };
    writeFileSync(path.join(outDir, 'benchmark_args.json'), JSON.stringify(args, null, 4));
    const summary = await runLevel(opts, parallels[i], numbers[i], warmup, outDir, log);
    if (summary['Success Requests'] > 0) anyOk = true;
  }
  process.exit(anyOk ? 0 : 1);
}

async function evalCmd(raw) {
  // Accuracy stand-in: answers come from the same server; every case "passes" when the server answered.
  const a = parse(raw);
  const workDir = a['work-dir'] ?? 'outputs';
  const model = a.model ?? 'model';
  const datasets = a.datasets ?? ['gsm8k'];
  const limit = Number(a.limit ?? 5);
  const dir = path.join(workDir, stamp());
  const url = (a['api-url'] ?? '').replace(/\/$/, '') + '/chat/completions';
  for (const ds of datasets) {
    mkdirSync(path.join(dir, 'predictions', model), { recursive: true });
    mkdirSync(path.join(dir, 'reports', model), { recursive: true });
    let correct = 0;
    const lines = [];
    for (let i = 0; i < limit; i++) {
      const r = await oneRequest({ url, model, stream: false, maxTokens: 8, promptLen: 8, extra: {} }, i);
      if (r.ok) correct++;
      lines.push(JSON.stringify({ index: i, ok: r.ok }));
      process.stderr.write(bar(i + 1, limit, Date.now()) + '\n');
    }
    writeFileSync(path.join(dir, 'predictions', model, `${ds}_main.jsonl`), lines.join('\n') + '\n');
    const score = limit ? correct / limit : 0;
    writeFileSync(
      path.join(dir, 'reports', model, `${ds}.json`),
      JSON.stringify({ name: `${model}@${ds}`, dataset_name: ds, model_name: model, score, metrics: [{ name: 'AverageAccuracy', num: limit, score, macro_score: score, categories: [{ name: ['default'], num: limit, score, subsets: [{ name: 'main', score, num: limit }] }] }] }, null, 2),
    );
  }
}

const [cmd, ...rest] = argv;
if (cmd === '--version' || cmd === '-v' || cmd === 'version') {
  console.log(`evalscope ${VERSION}`);
} else if (cmd === 'perf') {
  await perf(rest);
} else if (cmd === 'eval') {
  await evalCmd(rest);
} else {
  usageError(`invalid choice: ${cmd ?? ''} (choose from 'perf', 'eval')`);
}
