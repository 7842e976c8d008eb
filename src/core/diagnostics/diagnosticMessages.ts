// English and Simplified Chinese text of every diagnostic; keys start with the code they belong to.
import { catalog } from '../i18n/catalog';

export const DIAGNOSTIC_MESSAGES = {
  'XWF001': {
    en: 'File too large to check ({0} bytes; the limit is {1}). A manifest or artifact JSON is a few kilobytes: is this the right file?',
    zh: '文件过大，无法检查（{0} 字节，上限 {1}）。运行清单或 JSON 产物通常只有几 KB，请确认文件是否正确。',
  },
  'XWF002': {
    en: 'Binary file (NUL byte on line {0}), not a text manifest or JSON artifact.',
    zh: '这是二进制文件（第 {0} 行有 NUL 字节），不是文本清单或 JSON 产物。',
  },
  'XWF003.bytes': {
    en: 'Not valid UTF-8: the first bad byte is at offset {0} (line {1}). Save the file as UTF-8.',
    zh: '不是有效的 UTF-8：第一个错误字节位于偏移 {0}（第 {1} 行）。请将文件保存为 UTF-8。',
  },
  'XWF003.text': {
    en: 'The text contains U+FFFD replacement characters: the file was probably not saved as UTF-8 (reopen it with the right encoding and save as UTF-8).',
    zh: '文本中含有 U+FFFD 替换字符：文件很可能不是以 UTF-8 保存的（请用正确的编码重新打开并另存为 UTF-8）。',
  },
  'XWF004': {
    en: 'The file is GBK/GB18030-encoded, not UTF-8 (first non-UTF-8 byte on line {0}). Re-save it as UTF-8, e.g. `iconv -f GBK -t UTF-8`.',
    zh: '文件是 GBK/GB18030 编码而非 UTF-8（第 {0} 行起）。请另存为 UTF-8，例如 `iconv -f GBK -t UTF-8`。',
  },
  'XWF005': { en: 'YAML syntax error: {0}', zh: 'YAML 语法错误：{0}' },
  'XWF006.deep': {
    en: 'Nested deeper than {0} levels; a manifest never needs this, so it was not parsed.',
    zh: '嵌套超过 {0} 层；运行清单不需要这样的结构，因此未解析。',
  },
  'XWF006.aliases': {
    en: 'YAML aliases expand to more than {0} nodes (an alias bomb); the file was not parsed.',
    zh: 'YAML 别名展开后超过 {0} 个节点（别名炸弹）；未解析该文件。',
  },

  'XWF101.suggest': { en: "Unknown section '{0}'. Did you mean '{1}'?", zh: "未知的章节 '{0}'。是否应为 '{1}'？" },
  'XWF101': { en: "Unknown section '{0}'. The sections are: {1}.", zh: "未知的章节 '{0}'。可用章节：{1}。" },
  'XWF102.suggest': { en: "Unknown key '{0}'. Did you mean '{1}'?", zh: "未知的字段 '{0}'。是否应为 '{1}'？" },
  'XWF102': { en: "Unknown key '{0}': it is not part of the manifest template.", zh: "未知的字段 '{0}'：它不属于运行清单模板。" },
  'XWF103': {
    en: "Duplicate key '{0}': it is already set on line {1}, and only that first value counts.",
    zh: "重复的字段 '{0}'：第 {1} 行已设置，只有第一个值生效。",
  },
  'XWF104': { en: "Key '{0}' belongs in section {1}, not {2}.", zh: "字段 '{0}' 应位于章节 {1}，而不是 {2}。" },
  'XWF104.outside': {
    en: "Key '{0}' stands before any section; it belongs in section {1}.",
    zh: "字段 '{0}' 位于所有章节之前；它应位于章节 {1}。",
  },
  'XWF105': {
    en: 'Not a `- key: value` line: the manifest reader ignores it. Move notes into a key such as known_risks or deviations.',
    zh: '不是 `- key: value` 格式的行：清单读取器会忽略它。请把说明写进 known_risks、deviations 等字段。',
  },
  'XWF105.yamlSection': {
    en: 'A section must be a mapping of key: value pairs.',
    zh: '章节必须是 key: value 形式的映射。',
  },
  'XWF105.yamlTop': {
    en: 'A YAML manifest must be a mapping of sections (Identity, Code, ...).',
    zh: 'YAML 运行清单必须是由章节（Identity、Code 等）组成的映射。',
  },
  'XWF106': { en: 'Missing from the template ({0}): {1}.', zh: '缺少模板中的字段（{0} 个）：{1}。' },
  'XWF106.section': { en: 'section {0} ({1})', zh: '章节 {0}（{1}）' },
  'XWF107': {
    en: "Section '{0}' appears again (first on line {1}); keys of both are read, but keep one.",
    zh: "章节 '{0}' 重复出现（首次在第 {1} 行）；两处的字段都会被读取，但请只保留一处。",
  },

  'XWF201.suggest': {
    en: "'{0}' is not a valid {1}: use one of {2}. Did you mean '{3}'?",
    zh: "'{0}' 不是有效的 {1}：可选值为 {2}。是否应为 '{3}'？",
  },
  'XWF201': { en: "'{0}' is not a valid {1}: use one of {2}.", zh: "'{0}' 不是有效的 {1}：可选值为 {2}。" },
  'XWF202': { en: "{0} must be an integer, not '{1}'.", zh: "{0} 必须是整数，而不是 '{1}'。" },
  'XWF203': { en: "{0} must be a number, not '{1}'.", zh: "{0} 必须是数字，而不是 '{1}'。" },
  'XWF204': { en: "{0} must be true or false, not '{1}'.", zh: "{0} 必须是 true 或 false，而不是 '{1}'。" },
  'XWF205': {
    en: "{0} must be a git commit hash (7 to 40 hex digits), not '{1}'.",
    zh: "{0} 必须是 Git 提交哈希（7 到 40 位十六进制），而不是 '{1}'。",
  },
  'XWF206': { en: "{0} must be an http(s) URL such as http://127.0.0.1:8000/v1, not '{1}'.", zh: "{0} 必须是 http(s) URL，例如 http://127.0.0.1:8000/v1，而不是 '{1}'。" },
  'XWF207': { en: "{0} must be comma-separated device ids such as 0,1,2,3, not '{1}'.", zh: "{0} 必须是逗号分隔的设备编号，例如 0,1,2,3，而不是 '{1}'。" },
  'XWF208': {
    en: "{0} must be an ISO date or date-time such as 2026-05-28 or 2026-05-28T10:15:30+08:00, not '{1}'.",
    zh: "{0} 必须是 ISO 日期或日期时间，例如 2026-05-28 或 2026-05-28T10:15:30+08:00，而不是 '{1}'。",
  },
  'XWF209': { en: '{0} = {1} is out of range: expected {2}.', zh: '{0} = {1} 超出范围：应为 {2}。' },
  'XWF209.unit': { en: '0 to 1', zh: '0 到 1' },
  'XWF209.positive': { en: 'at least 1', zh: '至少为 1' },
  'XWF209.nonNegative': { en: '0 or more', zh: '0 或更大' },
  'XWF209.port': { en: '1 to 65535', zh: '1 到 65535' },
  'XWF210': {
    en: 'ASCEND_RT_VISIBLE_DEVICES lists {0} device(s) but physical_device_ids lists {1}: they must describe the same cards.',
    zh: 'ASCEND_RT_VISIBLE_DEVICES 列出 {0} 张卡，而 physical_device_ids 列出 {1} 张：两者必须描述同一组卡。',
  },

  'XWF301': {
    en: 'Debug result, not formal evidence: missing {0}.',
    zh: '这是调试结果，不是正式证据：缺少{0}。',
  },
  'XWF301.status': {
    en: 'conclusion_status is {1} but the run is not formal evidence: missing {0}. Fill them in or set the status to inconclusive.',
    zh: 'conclusion_status 为 {1}，但本次运行不是正式证据：缺少{0}。请补全，或将状态改为 inconclusive。',
  },
  'XWF302': {
    en: 'Dirty worktree (git_status_short is not empty) but no *.diff or *.patch is saved in the run root: the code under test cannot be reproduced.',
    zh: '工作区有改动（git_status_short 非空），但运行根目录中没有保存 *.diff 或 *.patch：无法复现被测代码。',
  },
  'XWF303.missing': {
    en: 'No request-level warmup recorded (warmup_num): formal steady-state performance needs warmup_num >= 1; without it this is a cold-start or smoke result.',
    zh: '未记录请求级预热（warmup_num）：正式的稳态性能需要 warmup_num >= 1；否则只能算冷启动或冒烟结果。',
  },
  'XWF303.zero': {
    en: 'warmup_num is {0}: formal steady-state performance needs at least 1 warmup request; this is a cold-start or smoke result.',
    zh: 'warmup_num 为 {0}：正式的稳态性能至少需要 1 个预热请求；这只能算冷启动或冒烟结果。',
  },
  'XWF304': {
    en: 'A profiling run (msprof attached) is offered as a performance result: profiling numbers are not comparable with normal runs; use it to explain a bottleneck only.',
    zh: '把性能采集运行（挂载了 msprof）当作性能结果：采集时的数据不能与正常运行对比，只能用来解释瓶颈。',
  },
  'XWF305': {
    en: "Speculative decoding (speculative_tokens = {0}) but metrics.json lacks the server /vars counters ({1}); evalscope's accept rate alone is a weak signal.",
    zh: '启用了投机解码（speculative_tokens = {0}），但 metrics.json 缺少服务端 /vars 计数（{1}）；仅凭 evalscope 的接受率证据不足。',
  },
  'XWF306': {
    en: 'Sampling with temperature {0} but {1} not recorded: record top_p, top_k and seed, or use temperature 0.0.',
    zh: '使用温度 {0} 采样，但未记录 {1}：请记录 top_p、top_k 和 seed，或使用温度 0.0。',
  },
  'XWF307': {
    en: 'The profiling run root has no PROF_*/mindstudio_profiler_output (or *_ascend_pt/ASCEND_PROFILER_OUTPUT): the profiling result is INCONCLUSIVE.',
    zh: '性能采集运行根目录中没有 PROF_*/mindstudio_profiler_output（或 *_ascend_pt/ASCEND_PROFILER_OUTPUT）：采集结论为 INCONCLUSIVE。',
  },
  'XWF308': {
    en: 'level is full but score.json is accuracy level {0}: L1/L2 results never become a full precision conclusion.',
    zh: 'level 为 full，但 score.json 的精度级别是 {0}：L1/L2 结果不能作为完整的精度结论。',
  },

  'XWF401': {
    en: "{0} points to '{1}', which does not exist in the run root.",
    zh: "{0} 指向 '{1}'，但运行根目录中不存在该路径。",
  },
  'XWF402.suggest': {
    en: "baseline_run_id '{0}' matches no run in this workspace. Did you mean '{1}'?",
    zh: "baseline_run_id '{0}' 在工作区中找不到对应的运行。是否应为 '{1}'？",
  },
  'XWF402': { en: "baseline_run_id '{0}' matches no run in this workspace.", zh: "baseline_run_id '{0}' 在工作区中找不到对应的运行。" },
  'XWF403': {
    en: "metrics.json says {0} = '{1}' but the manifest says '{2}'.",
    zh: "metrics.json 中 {0} = '{1}'，而清单中为 '{2}'。",
  },
  'XWF404': {
    en: "Differs from baseline {0}: {1} is '{2}' here and '{3}' there. A fair comparison changes only the one parameter that is the experiment (name it in fairness_notes).",
    zh: "与基线 {0} 不一致：{1} 此处为 '{2}'，基线为 '{3}'。公平对比只能改变作为实验变量的那一个参数（请在 fairness_notes 中写明）。",
  },
  'XWF404.second': {
    en: "Differs from baseline {0}: {1} is '{2}' here and '{3}' there, but fairness_notes already names {4} as the experiment; only one parameter may differ.",
    zh: "与基线 {0} 不一致：{1} 此处为 '{2}'，基线为 '{3}'；但 fairness_notes 已将 {4} 作为实验变量，只允许一个参数不同。",
  },
  'XWF405': {
    en: "baseline_commit {0} is not the commit of baseline run {1} ({2}).",
    zh: 'baseline_commit {0} 与基线运行 {1} 的提交（{2}）不一致。',
  },

  'XWF501': {
    en: 'This looks like a credential ({0}) in a shared artifact: remove it and rotate the secret.',
    zh: '共享产物中疑似包含凭据（{0}）：请删除并更换该密钥。',
  },
  'XWF502': {
    en: "Local home path '{0}' in a shared artifact: use a path relative to the workspace.",
    zh: "共享产物中包含本地用户目录路径 '{0}'：请改用相对于工作区的路径。",
  },

  'XWF601': { en: 'JSON syntax error: {0}.', zh: 'JSON 语法错误：{0}。' },
  'XWF602': { en: '{0}: {1}', zh: '{0}：{1}' },
} as const;

/** Words and phrases the messages are assembled from. */
export const PHRASES = {
  'reason.commit': { en: 'commit', zh: '提交（commit）' },
  'reason.startupCommand': { en: 'startup command', zh: '启动命令' },
  'reason.workload': { en: 'workload ({0})', zh: '负载（{0}）' },
  'reason.warmup': { en: 'warmup (warmup_num >= 1)', zh: '预热（warmup_num >= 1）' },
  'reason.rawArtifacts': { en: 'raw artifact paths ({0})', zh: '原始产物路径（{0}）' },
  'reason.dirtyWorktree': { en: 'saved diff of the dirty worktree', zh: '工作区改动的 diff' },
  'reason.profilingCapture': { en: 'profiling capture (PROF_*)', zh: '性能采集数据（PROF_*）' },
  'reason.smokeLevel': { en: 'a level above smoke', zh: '高于 smoke 的级别' },
  'reason.malformed': { en: 'a readable manifest', zh: '可读取的运行清单' },
  'list.or': { en: ' or ', zh: '或' },
  'list.sep': { en: ', ', zh: '、' },
  'list.groups': { en: '; ', zh: '；' },
  'value.unset': { en: '(not set)', zh: '（未填写）' },
  'credential.openaiKey': { en: 'an sk- API key', zh: 'sk- 开头的 API 密钥' },
  'credential.bearer': { en: 'an Authorization bearer token', zh: 'Authorization Bearer 令牌' },
  'credential.privateKey': { en: 'a private key', zh: '私钥' },
  'credential.assignment': { en: 'a {0} value', zh: '{0} 的值' },
  'credential.urlPassword': { en: 'a password inside a URL', zh: 'URL 中的密码' },
  'credential.token': { en: 'an access token', zh: '访问令牌' },
  'json.unexpectedEnd': { en: 'unexpected end of text', zh: '文本意外结束' },
  'json.unexpectedCharacter': { en: 'unexpected character', zh: '意外的字符' },
  'json.invalidString': { en: 'invalid string (control character or bad escape)', zh: '无效的字符串（控制字符或错误的转义）' },
  'json.invalidNumber': { en: 'invalid number', zh: '无效的数字' },
  'json.tooDeep': { en: 'nested too deeply', zh: '嵌套过深' },
  'json.trailingContent': { en: 'unexpected text after the JSON value', zh: 'JSON 值之后还有多余内容' },
  'schema.type': { en: 'expected {0}, got {1}', zh: '应为 {0}，实际为 {1}' },
  'schema.missing': { en: "required key '{0}' is missing", zh: "缺少必需的键 '{0}'" },
  'schema.unknownKey': { en: "key '{0}' is not allowed", zh: "不允许的键 '{0}'" },
  'schema.enum': { en: 'expected one of {0}', zh: '应为以下之一：{0}' },
  'schema.tooSmall': { en: 'must be >= {0}', zh: '必须 >= {0}' },
  'schema.tooBig': { en: 'must be <= {0}', zh: '必须 <= {0}' },
  'schema.integer': { en: 'expected an integer', zh: '应为整数' },
  'schema.format': { en: 'invalid {0}', zh: '无效的 {0}' },
  'schema.other': { en: '{0}', zh: '{0}' },
} as const;

export const dm = catalog(DIAGNOSTIC_MESSAGES);
export const phrase = catalog(PHRASES);
export type DiagnosticMessageKey = keyof typeof DIAGNOSTIC_MESSAGES;
