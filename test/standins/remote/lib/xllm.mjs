// Stand-in for an xLLM service: an OpenAI-compatible HTTP server on 127.0.0.1 that streams tokens at a set pace.
// Usage: xllm --model <name or path> --port <p> [--host 127.0.0.1] [--devices npu:0] [--served-model-name <n>]
// Pace (env): XWF_STANDIN_TTFT_MS (default 20), XWF_STANDIN_TPOT_MS (default 2), XWF_STANDIN_STARTUP_MS (default 150);
// XWF_STANDIN_SERVICE_FAIL=1 makes it exit with code 3 during startup, like a service that cannot load its model.
import * as http from 'node:http';

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = 'true';
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const port = Number(args.port);
const host = args.host ?? '127.0.0.1';
if (!Number.isInteger(port) || port <= 0) {
  console.error('xllm (stand-in): --port <n> is required');
  process.exit(2);
}
if (!/^127\.|^localhost$/.test(host)) {
  console.error(`xllm (stand-in): refusing to listen on ${host}: loopback only`);
  process.exit(2);
}
const model = args['served-model-name'] ?? (args.model ?? 'standin-model').split('/').filter(Boolean).pop();
const num = (name, dflt) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : dflt);
const ttftMs = num('XWF_STANDIN_TTFT_MS', 20);
const tpotMs = num('XWF_STANDIN_TPOT_MS', 2);
const startupMs = num('XWF_STANDIN_STARTUP_MS', 150);
const log = (msg) => console.log(`${new Date().toISOString()} I xllm_server.cpp] ${msg}`);

let requests = 0;
let generated = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function promptTokens(body) {
  const text = (body.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join(' ') + (body.prompt ?? '');
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}

async function complete(req, res, body) {
  requests++;
  const maxTokens = Math.min(Math.max(1, Number(body.max_tokens ?? 16)), 8192);
  const promptLen = promptTokens(body);
  const id = `chatcmpl-${requests}`;
  const created = Math.floor(Date.now() / 1000);
  let closed = false;
  res.on('close', () => (closed = true));
  if (!body.stream) {
    await sleep(ttftMs + tpotMs * (maxTokens - 1));
    generated += maxTokens;
    const text = Array.from({ length: maxTokens }, (_, i) => `t${i}`).join(' ');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'length' }],
        usage: { prompt_tokens: promptLen, completion_tokens: maxTokens, total_tokens: promptLen + maxTokens },
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (obj) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  const started = Date.now();
  let first = 0;
  for (let i = 0; i < maxTokens && !closed; i++) {
    // Decode steps are paced from the first token (a late first token does not make later ones faster),
    // against that fixed origin so timer drift does not accumulate.
    const due = i === 0 ? started + ttftMs : first + i * tpotMs;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    if (i === 0) first = Date.now();
    send({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: `t${i}` } : { content: ` t${i}` }, finish_reason: null }] });
    generated++;
  }
  if (closed) return;
  send({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta: {}, finish_reason: 'length' }] });
  send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: promptLen, completion_tokens: maxTokens, total_tokens: promptLen + maxTokens } });
  res.end('data: [DONE]\n\n');
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'xllm' }] }));
    return;
  }
  if (req.method === 'GET' && (url.pathname === '/health' || url.pathname === '/v1/health')) {
    res.writeHead(200).end('OK');
    return;
  }
  if (req.method === 'GET' && url.pathname === '/vars') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`num_requests : ${requests}\nnum_generated_tokens : ${generated}\nspeculative_num_accepted_tokens : 0\nspeculative_num_draft_tokens : 0\n`);
    return;
  }
  if (req.method === 'POST' && (url.pathname === '/v1/chat/completions' || url.pathname === '/v1/completions')) {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'invalid JSON body' } }));
        return;
      }
      complete(req, res, body).catch((e) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(e));
      });
    });
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${url.pathname}` } }));
});

log(`xLLM stand-in starting: model=${model} devices=${args.devices ?? 'npu:0'} pid=${process.pid}`);
log('loading model weights ...');
await sleep(startupMs);
if (process.env.XWF_STANDIN_SERVICE_FAIL === '1') {
  log('failed to load model: out of device memory');
  process.exit(3);
}
server.listen(port, host, () => log(`server listening on ${host}:${port}`));
server.on('error', (e) => {
  log(`cannot listen: ${e.message}`);
  process.exit(4);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    log(`received ${sig}, shutting down`);
    server.close();
    process.exit(0);
  });
}
