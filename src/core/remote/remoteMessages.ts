// User-facing messages of remote runs, English and Simplified Chinese, keyed by a stable code.
import { catalog } from '../i18n/catalog';
import type { Locale } from '../i18n/locale';

export const REMOTE_MESSAGES = {
  unreachable: {
    en: "cannot reach host '{0}' ({1}): {2}",
    zh: "无法连接主机 '{0}'（{1}）：{2}",
  },
  timeout: {
    en: "no answer from host '{0}' ({1}) within {2} s",
    zh: "主机 '{0}'（{1}）在 {2} 秒内无响应",
  },
  auth_failed: {
    en: "authentication to host '{0}' ({1}) failed: {2}. Check the user, the identity file and that the key is in the remote authorized_keys",
    zh: "登录主机 '{0}'（{1}）认证失败：{2}。请检查用户名、私钥文件以及远端 authorized_keys 中是否有该公钥",
  },
  host_key: {
    en: "host key of '{0}' ({1}) is unknown or changed: {2}. Connect once with ssh to accept it, or fix known_hosts",
    zh: "主机 '{0}'（{1}）的主机密钥未知或已变化：{2}。请先用 ssh 手动连接一次以接受密钥，或修正 known_hosts",
  },
  connection_lost: {
    en: "connection to host '{0}' was lost; the remote job keeps running: use reattach to resume",
    zh: "与主机 '{0}' 的连接已断开；远端任务仍在运行：请使用 reattach 继续",
  },
  tool_missing: {
    en: "host '{0}' lacks {1} on the PATH{2}",
    zh: "主机 '{0}'{2} 的 PATH 中缺少 {1}",
  },
  lock_held: {
    en: 'NPU {0} on host {1} is in use by run {2} ({3}, since {4})',
    zh: '主机 {1} 上的 NPU {0} 正被运行 {2} 占用（{3}，开始于 {4}）',
  },
  gate_failed: {
    en: 'precheck gate failed for a {0} run: {1}',
    zh: '{0} 级运行的预检门禁未通过：{1}',
  },
  service_timeout: {
    en: 'service at {0} was not ready within {1} s; see service/node_0.log',
    zh: '服务 {0} 在 {1} 秒内未就绪；请查看 service/node_0.log',
  },
  service_exited: {
    en: 'service exited before it was ready (exit code {0}); see service/node_0.log',
    zh: '服务在就绪前退出（退出码 {0}）；请查看 service/node_0.log',
  },
  workload_failed: {
    en: 'benchmark exited with code {0}; see evalscope/evalscope.log',
    zh: '压测以退出码 {0} 结束；请查看 evalscope/evalscope.log',
  },
  run_exists: {
    en: 'run root {0} already exists; choose another run_id or remove it',
    zh: '运行根目录 {0} 已存在；请更换 run_id 或删除该目录',
  },
  manifest_invalid: {
    en: 'manifest {0}: {1}',
    zh: '清单 {0}：{1}',
  },
  fetch_refused: {
    en: '{0} archive entr(y/ies) refused because they would write outside the run root or are links: {1}',
    zh: '已拒绝 {0} 个归档条目（会写到运行根目录之外或为链接）：{1}',
  },
  cancelled: {
    en: 'cancelled during {0}: {1}',
    zh: '在 {0} 阶段被取消：{1}',
  },
  remote_failed: {
    en: 'remote step {0} failed (exit code {1}): {2}',
    zh: '远端步骤 {0} 失败（退出码 {1}）：{2}',
  },
  no_state: {
    en: 'no remote run {0} is known in {1}',
    zh: '{1} 中没有已知的远端运行 {0}',
  },
  askpass_declined: {
    en: "the prompt from host '{0}' was not answered",
    zh: "未回答主机 '{0}' 的提示",
  },
} as const;

export type RemoteMessageCode = keyof typeof REMOTE_MESSAGES;

export const remoteMessage = catalog(REMOTE_MESSAGES);

/** An error of a remote run with a stable code, so faces localize it and tests match the code, not the text. */
export class RemoteError extends Error {
  constructor(
    readonly code: RemoteMessageCode,
    readonly args: readonly (string | number)[],
  ) {
    super(remoteMessage('en', code, ...args));
    this.name = 'RemoteError';
  }

  localized(locale: Locale): string {
    return remoteMessage(locale, this.code, ...this.args);
  }
}

/** Errors meaning the machine or the connection is not as needed (the CLI's exit 3). */
export const ENVIRONMENT_CODES: ReadonlySet<RemoteMessageCode> = new Set([
  'unreachable',
  'timeout',
  'auth_failed',
  'host_key',
  'connection_lost',
  'tool_missing',
  'lock_held',
  'askpass_declined',
]);
