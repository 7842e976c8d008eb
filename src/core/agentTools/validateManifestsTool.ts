// xllm_validate_manifests: manifest and JSON-artifact diagnostics (`xwf validate --json`).
import { z } from 'zod';
import { validateReportSchema } from '../diagnostics/diagnosticReport';
import { AgentToolError, defineTool } from './agentTool';
import { PathNotFoundError, validatePaths } from '../diagnostics/validatePaths';

export const validateManifestsInput = z.strictObject({
  paths: z
    .array(z.string().min(1))
    .min(1)
    .default(['.'])
    .describe('Manifests, JSON artifacts (metrics.json, score.json, request_config.json, analysis.json, config.json) or folders holding run roots (default: the whole workspace).'),
});

export const validateManifestsOutput = z.object({
  files_checked: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  findings: validateReportSchema,
  skipped: z.array(z.string()).describe('Files named directly that are neither a manifest nor a known JSON artifact.'),
});

export const validateManifestsTool = defineTool({
  name: 'xllm_validate_manifests',
  title: 'Validate manifests',
  titleZh: '校验运行清单',
  description:
    'Check run manifests (manifest.md / manifest.yaml) and JSON artifacts against the workflow rules: structure, value types, evidence rules (commit, startup command, workload, warmup, raw artifacts; dirty worktree; profiling vs performance; speculative counters), cross-file consistency with metrics.json and the baseline run, and leaked credentials. Each finding has a stable XWF code, a severity and a 1-based line/column. Use it after filling a manifest and before calling a result formal evidence.',
  inputSchema: validateManifestsInput,
  outputSchema: validateManifestsOutput,
  remote: false,
  readOnly: true,
  cli: { command: 'validate', args: (i) => [...i.paths], json: (o) => o.findings },
  summarize: (o, locale) =>
    locale === 'zh-cn'
      ? `检查了 ${o.files_checked} 个文件：${o.errors} 个错误，${o.warnings} 个警告`
      : `${o.files_checked} file(s) checked: ${o.errors} error(s), ${o.warnings} warning(s)`,
  async run(input, ctx) {
    try {
      const result = await validatePaths(input.paths, { cwd: ctx.cwd, locale: ctx.locale });
      return {
        files_checked: result.filesChecked,
        errors: result.rows.filter((r) => r.severity === 'error').length,
        warnings: result.rows.filter((r) => r.severity === 'warning').length,
        findings: result.rows,
        skipped: result.skipped,
      };
    } catch (e) {
      if (e instanceof PathNotFoundError) throw new AgentToolError('environment', e.message);
      throw e;
    }
  },
});
