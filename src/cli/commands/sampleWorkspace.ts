// `xwf sample-workspace <folder>`: writes the deterministic sample workspace used by the demo and tests.
import * as path from 'node:path';
import { SampleFolderNotEmptyError, writeSampleWorkspace } from '../../core/sample/sampleWorkspace';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand } from '../command';

export const sampleWorkspaceCommand: CliCommand = {
  name: 'sample-workspace',
  summary: { en: 'Write a realistic sample workspace of perf, accuracy, profiling and eval runs', zh: '生成包含性能、精度、性能采集与综合评测运行的示例工作区' },
  usage: 'sample-workspace <folder> [--json]',
  examples: ['xwf sample-workspace ./xllm-sample', 'xwf sample-workspace /tmp/ws --json'],
  options: { json: { type: 'boolean' } },
  optionHelp: { json: 'print what was written as JSON' },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one folder');
    let result;
    try {
      result = await writeSampleWorkspace(path.resolve(io.cwd, positionals[0]));
    } catch (e) {
      if (e instanceof SampleFolderNotEmptyError) throw new EnvironmentError(e.message);
      throw e;
    }
    if (values.json) writeJson(io, result);
    else io.out(`${io.locale === 'zh-cn' ? '已生成' : 'wrote'} ${result.runs.length} runs (${result.files} files, ${result.traceEvents} trace events) -> ${result.folder}\n`);
    return EXIT.ok;
  },
};
