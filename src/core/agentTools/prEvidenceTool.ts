// xllm_draft_pr_evidence: PR-ready Markdown answering the evidence checklist (`xwf pr-evidence --json`).
import { z } from 'zod';
import { prEvidence } from '../compare/prEvidenceMarkdown';
import { prEvidenceSchema } from '../compare/prEvidenceSchema';
import { compareRuns } from '../compare/runComparison';
import { defineTool } from './agentTool';
import { compareArgs, compareOptionsOf, comparePairShape, loadRunInput } from './compareInputs';

export const prEvidenceInput = z.strictObject({
  ...comparePairShape,
  accuracy: z.array(z.string().min(1)).optional().describe('Accuracy run roots of the patch: level, score and bad cases are reported.'),
  profiling: z.array(z.string().min(1)).optional().describe('Profiling run roots used to explain the change, listed as diagnosis only.'),
  lang: z.enum(['en', 'zh-cn']).optional().describe('Language of the Markdown (default: the user interface language).'),
});

export const prEvidenceTool = defineTool({
  name: 'xllm_draft_pr_evidence',
  title: 'Draft PR evidence',
  titleZh: '生成 PR 证据',
  description:
    'Draft PR-ready performance evidence for a baseline/current pair: Markdown answering the checklist (model, tokenizer, dtype, devices, commit; exact launch and benchmark commands; warm-up and gate; profiling used only as diagnosis; accuracy level and bad cases; what the patch changed; remaining risks; artifacts with relative links) with the comparison table and verdict, plus the answers as JSON. Use it when writing a PR description or report; it never prints a percentage gain unless the verdict is a formal PASS or FAIL. Nothing is written to disk.',
  inputSchema: prEvidenceInput,
  outputSchema: prEvidenceSchema,
  remote: false,
  readOnly: true,
  cli: {
    command: 'pr-evidence',
    args: (i) => [
      ...compareArgs(i),
      ...(i.accuracy ?? []).flatMap((a) => ['--accuracy', a]),
      ...(i.profiling ?? []).flatMap((p) => ['--profiling', p]),
      ...(i.lang ? ['--lang', i.lang] : []),
    ],
  },
  summarize: (o, locale) => (locale === 'zh-cn' ? `PR 证据：${o.baseline_run_id} → ${o.current_run_id}` : `PR evidence: ${o.baseline_run_id} -> ${o.current_run_id}`),
  async run(input, ctx) {
    const options = compareOptionsOf(input);
    const [baseline, current] = await Promise.all([loadRunInput(ctx, input.baseline), loadRunInput(ctx, input.current)]);
    const accuracy = await Promise.all((input.accuracy ?? []).map((p) => loadRunInput(ctx, p)));
    const profiling = await Promise.all((input.profiling ?? []).map((p) => loadRunInput(ctx, p)));
    const cmp = compareRuns(baseline, current, options);
    return prEvidence(cmp, { baseline, current, accuracy, profiling, linkBase: ctx.cwd, locale: input.lang ?? ctx.locale });
  },
});
