// Renders every artifact schema to JSON Schema; the build writes these into schemas/.
import { z } from 'zod';
import { manifestSchema } from './manifestSchema';
import { collectReportSchema, metricsSchema } from './metricsSchema';
import { scoreSchema } from './scoreSchema';
import { requestConfigSchema } from './requestConfigSchema';
import { analysisSchema } from './analysisSchema';
import { workspaceConfigSchema } from './workspaceConfigSchema';
import { runsReportSchema } from '../runs/runsReport';
import { validateReportSchema } from '../diagnostics/diagnosticReport';
import { gateVerdictSchema } from '../gate/gateVerdictSchema';
import { analyzeReportSchema } from '../profiling/analyzeReportSchema';
import { profileComparisonSchema } from '../profiling/profileComparisonSchema';
import { comparisonSchema } from '../compare/comparisonSchema';
import { prEvidenceSchema } from '../compare/prEvidenceSchema';
import { remoteCliReportSchema } from '../remote/remoteCliReport';
import { newRunReportSchema } from '../agentTools/newRunReport';
import { skillsReportSchema } from '../agentTools/skillsReport';
import { patchEventsReportSchema } from '../profiling/patchEventsReport';

// Later CLI output shapes are added to this table too, so every JSON contract lands in schemas/.
export const ARTIFACT_SCHEMAS: Record<string, { schema: z.ZodType; title: string }> = {
  'manifest.schema.json': { schema: manifestSchema, title: 'xLLM run manifest' },
  'metrics.schema.json': { schema: metricsSchema, title: 'xLLM metrics.json' },
  'score.schema.json': { schema: scoreSchema, title: 'xLLM accuracy score.json' },
  'request-config.schema.json': { schema: requestConfigSchema, title: 'xLLM accuracy request_config.json' },
  'analysis.schema.json': { schema: analysisSchema, title: 'xLLM pipeline analysis.json' },
  'workspace-config.schema.json': { schema: workspaceConfigSchema, title: 'xLLM workspace config.json' },
  'cli-runs.schema.json': { schema: runsReportSchema, title: 'Output of xwf runs --json' },
  'cli-validate.schema.json': { schema: validateReportSchema, title: 'Output of xwf validate --json' },
  'cli-collect.schema.json': { schema: collectReportSchema, title: 'Output of xwf collect --json' },
  'cli-gate.schema.json': { schema: gateVerdictSchema, title: 'Output of xwf gate --json' },
  'cli-analyze.schema.json': { schema: analyzeReportSchema, title: 'Output of xwf analyze --json' },
  'cli-analyze-compare.schema.json': { schema: profileComparisonSchema, title: 'Output of xwf analyze <baseline> --compare <current> --json' },
  'cli-compare.schema.json': { schema: comparisonSchema, title: 'Output of xwf compare --json' },
  'cli-pr-evidence.schema.json': { schema: prEvidenceSchema, title: 'Output of xwf pr-evidence --json' },
  'cli-remote.schema.json': { schema: remoteCliReportSchema, title: 'Output of xwf remote ... --json' },
  'cli-new-run.schema.json': { schema: newRunReportSchema, title: 'Output of xwf new-run --json' },
  'cli-skills.schema.json': { schema: skillsReportSchema, title: 'Output of xwf skills install --json' },
  'cli-patch-events.schema.json': { schema: patchEventsReportSchema, title: 'Output of xwf patch-events --json' },
};

/** Returns file name -> JSON text, deterministic, with a trailing newline. */
export function renderJsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, { schema, title }] of Object.entries(ARTIFACT_SCHEMAS)) {
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    out[file] = JSON.stringify({ $schema: json.$schema, title, ...json }, null, 2) + '\n';
  }
  return out;
}
