import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AGENT_TOOLS } from '../../../src/core/agentTools/toolRegistry';
import { languageModelToolContribution, nlsKeyOfTool } from '../../../src/core/agentTools/toolJsonSchema';
import { ARTIFACT_SCHEMAS } from '../../../src/core/schemas/jsonSchemas';
import { REPO_ROOT } from '../../support/paths';

const readJson = (rel: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, rel), 'utf8')) as Record<string, unknown>;

describe('language-model tool contributions in package.json', () => {
  const pkg = readJson('package.json') as { contributes: { languageModelTools?: unknown[]; commands: { command: string }[] } };

  it('equal what the tool registry generates from the zod schemas (stale entries fail)', () => {
    const expected = AGENT_TOOLS.map(languageModelToolContribution);
    assert.deepEqual(
      pkg.contributes.languageModelTools,
      expected,
      `package.json contributes.languageModelTools is stale; replace it with:\n${JSON.stringify(expected, null, 2)}`,
    );
  });

  it('have a display name in English and Chinese for every tool', () => {
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    for (const tool of AGENT_TOOLS) {
      assert.equal(en[nlsKeyOfTool(tool)], tool.title);
      assert.equal(zh[nlsKeyOfTool(tool)], tool.titleZh);
    }
  });

  it('contribute the Install Agent Skills command', () => {
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'xllm.installAgentSkills'));
  });

  it('publish a JSON Schema for every CLI output an agent tool mirrors', () => {
    for (const tool of AGENT_TOOLS) assert.ok(`cli-${tool.cliCommand}.schema.json` in ARTIFACT_SCHEMAS, `schemas/cli-${tool.cliCommand}.schema.json`);
    assert.ok('cli-skills.schema.json' in ARTIFACT_SCHEMAS);
  });
});
