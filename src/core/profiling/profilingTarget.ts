// One trace file or profiling folder analysed the way `xwf analyze` does it, paths in the report relative
// to the folder given (or the trace file's folder): shared by the CLI and the agent tools.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Boundary } from './gapAnalysis';
import { analyzeProfile, type AnalyzeResult } from './profileReport';
import { findProfilingOutputs } from './profilingOutputs';
import { FileProfilingSource } from './profilingSource';

/** Throws ProfilingPathError when the target is missing or holds no capture. */
export async function analyzeProfilingTarget(target: string, boundary: Boundary | undefined): Promise<{ result: AnalyzeResult; base: string }> {
  const outputs = await findProfilingOutputs(target);
  const base = (await stat(target)).isFile() ? path.dirname(target) : target;
  const relativeTo = (f: string): string => path.relative(base, f).split(path.sep).join('/') || path.basename(f);
  return { result: await analyzeProfile(new FileProfilingSource(outputs), { boundary, relativeTo }), base };
}
