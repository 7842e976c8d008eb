// `xwf`: the workflow's command line, a thin face over src/core for CI, scripts and coding agents.
import { parseArgs } from 'node:util';
import { localeFromEnv } from '../core/i18n/locale';
import { EXIT, EnvironmentError, UsageError, type CliCommand, type CliIO, type ExitCode } from './command';
import { loadCommand, loadCommands } from './commands/index';

declare const XWF_VERSION: string | undefined;
const VERSION = typeof XWF_VERSION === 'string' ? XWF_VERSION : '0.1.0';

export function helpText(io: CliIO, commands: readonly CliCommand[]): string {
  const zh = io.locale === 'zh-cn';
  const lines = [
    zh ? 'xwf：xLLM NPU 工作流命令行' : 'xwf: the xLLM NPU workflow on the command line',
    '',
    zh ? '用法：xwf <命令> [选项]' : 'Usage: xwf <command> [options]',
    '',
    zh ? '命令：' : 'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(18)} ${zh ? c.summary.zh : c.summary.en}`),
    '',
    zh ? '退出码：0 成功，1 有发现或判定失败，2 用法错误，3 环境错误' : 'Exit codes: 0 ok, 1 findings or failed verdict, 2 usage, 3 environment',
    zh ? '查看命令帮助：xwf <命令> --help' : 'Help on a command: xwf <command> --help',
  ];
  return lines.join('\n') + '\n';
}

export function commandHelp(cmd: CliCommand, io: CliIO): string {
  const zh = io.locale === 'zh-cn';
  const opts = Object.entries(cmd.options).map(([name, o]) => {
    const flag = `--${name}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(26)} ${cmd.optionHelp?.[name] ?? ''}`.trimEnd();
  });
  return [
    `${zh ? '用法' : 'Usage'}: xwf ${cmd.usage}`,
    '',
    zh ? cmd.summary.zh : cmd.summary.en,
    '',
    ...(opts.length ? [zh ? '选项：' : 'Options:', ...opts, ''] : []),
    zh ? '示例：' : 'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

/** Runs one invocation; never calls process.exit, so tests can call it in-process. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(io, await loadCommands()));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    io.err(`xwf: ${io.locale === 'zh-cn' ? '未知命令' : 'unknown command'} '${name}'\n\n${helpText(io, await loadCommands())}`);
    return EXIT.usage;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.out(commandHelp(cmd, io));
      return EXIT.ok;
    }
    return await cmd.run({ positionals: parsed.positionals, values: parsed.values, io });
  } catch (e) {
    if (e instanceof EnvironmentError) {
      io.err(`xwf ${cmd.name}: ${e.message}\n`);
      return EXIT.environment;
    }
    const code = (e as { code?: string }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`xwf ${cmd.name}: ${(e as Error).message}\n${io.locale === 'zh-cn' ? '用法' : 'usage'}: xwf ${cmd.usage}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    locale: localeFromEnv(process.env),
    cwd: process.cwd(),
    env: process.env,
  };
}
