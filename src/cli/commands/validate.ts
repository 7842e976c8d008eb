// `xwf validate <files or folders...>`: manifest and JSON-artifact diagnostics for CI, with exit 1 on any error.
import { PathNotFoundError, validatePaths } from '../../core/diagnostics/validatePaths';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand } from '../command';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: {
    en: 'Check run manifests and JSON artifacts: structure, types, evidence rules, cross-file consistency, credentials',
    zh: '检查运行清单与 JSON 产物：结构、类型、证据规则、跨文件一致性、凭据泄露',
  },
  usage: 'validate <files or folders...> [--json]',
  examples: [
    'xwf validate runs/perf/qwen3-32b-tp4-20260529/manifest.md',
    'xwf validate . --json',
    'xwf validate runs/ profiling/ config.json',
  ],
  options: { json: { type: 'boolean' } },
  optionHelp: { json: 'print JSON rows (schema: schemas/cli-validate.schema.json); exit 1 when any error is found' },
  async run({ positionals, values, io }) {
    if (!positionals.length) throw new UsageError('expected at least one file or folder');
    let result;
    try {
      result = await validatePaths(positionals, { cwd: io.cwd, locale: io.locale });
    } catch (e) {
      if (e instanceof PathNotFoundError) throw new EnvironmentError(e.message);
      throw e;
    }
    const { rows, filesChecked: files } = result;
    for (const file of result.skipped) io.err(io.locale === 'zh-cn' ? `跳过 ${file}：不是运行清单或已知的 JSON 产物\n` : `skipped ${file}: not a manifest or a known JSON artifact\n`);
    const errors = rows.filter((r) => r.severity === 'error').length;
    if (values.json) {
      writeJson(io, rows);
    } else {
      for (const r of rows) io.out(`${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}\n`);
      const warnings = rows.filter((r) => r.severity === 'warning').length;
      io.out(
        io.locale === 'zh-cn'
          ? `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告，${rows.length - errors - warnings} 条提示\n`
          : `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s), ${rows.length - errors - warnings} note(s)\n`,
      );
    }
    return errors ? EXIT.findings : EXIT.ok;
  },
};
