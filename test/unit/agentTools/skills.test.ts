import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { COMMAND_NAMES } from '../../../src/cli/commands/index';
import { loadCliSkillSources } from '../../../src/cli/commands/skills';
import { unifiedDiff } from '../../../src/core/agentTools/lineDiff';
import { isUneditedGeneratedFile, renderSkillFile, skillDescription, SKILL_NAME, type SkillSources } from '../../../src/core/agentTools/skillFiles';
import { planSkillInstall } from '../../../src/core/agentTools/skillInstall';
import { skillsReportSchema } from '../../../src/core/agentTools/skillsReport';
import { AGENT_TOOLS } from '../../../src/core/agentTools/toolRegistry';
import { toolInputJsonSchema } from '../../../src/core/agentTools/toolJsonSchema';
import { captureIO } from '../../support/captureIO';
import { makeTempDir } from '../../support/tempDir';

const CLAUDE = `.claude/skills/${SKILL_NAME}/SKILL.md`;
const CODEX = `.agents/skills/${SKILL_NAME}/SKILL.md`;
const OPENCODE = `.opencode/skills/${SKILL_NAME}/SKILL.md`;

describe('agent skill files', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir('xwf-skills-')));
  afterEach(() => cleanup());

  const install = async (...args: string[]) => {
    const io = captureIO(dir);
    const code = await runCli(['skills', 'install', ...args], io);
    return { code, out: io.stdout(), err: io.stderr() };
  };
  const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');

  it('is generated from every command help text and every tool input, with valid frontmatter', async () => {
    const sources = await loadCliSkillSources();
    const text = renderSkillFile(sources);
    const front = /^---\nname: ([^\n]+)\ndescription: ([^\n]+)\n---\n/.exec(text);
    assert.ok(front, text.slice(0, 300));
    assert.match(front[1], /^[a-z0-9]+(-[a-z0-9]+)*$/);
    const description = JSON.parse(front[2]) as string;
    assert.equal(description, skillDescription(sources));
    assert.ok(description.length >= 1 && description.length <= 1024);
    assert.deepEqual(sources.commands.map((c) => c.name), COMMAND_NAMES);
    for (const c of sources.commands) assert.ok(text.includes(c.help.trimEnd()), `help of xwf ${c.name} is in the skill`);
    for (const tool of AGENT_TOOLS) {
      assert.ok(text.includes(`\`${tool.name}\``), tool.name);
      for (const key of Object.keys(toolInputJsonSchema(tool).properties as object)) assert.ok(text.includes(`| \`${key}\` |`), `${tool.name}.${key}`);
    }
    assert.ok(isUneditedGeneratedFile(text));
    assert.ok(!isUneditedGeneratedFile(text.replace('# xLLM NPU workflow', '# My workflow')));
  });

  it('changes when a command help changes, so skills follow the CLI', async () => {
    const sources = await loadCliSkillSources();
    const changed: SkillSources = { ...sources, commands: sources.commands.map((c, i) => (i === 0 ? { ...c, help: `${c.help}  --extra    a new option\n` } : c)) };
    assert.notEqual(renderSkillFile(changed), renderSkillFile(sources));
    assert.ok(renderSkillFile(changed).includes('--extra    a new option'));
  });

  it('installs where each agent reads skills and reports what it wrote', async () => {
    const r = await install('--agent', 'claude', '--agent', 'codex,opencode', '--json');
    assert.equal(r.code, 0, r.err);
    const report = skillsReportSchema.parse(JSON.parse(r.out));
    assert.deepEqual(report.files.map((f) => [f.agent, f.path, f.action, f.written]), [
      ['claude', CLAUDE, 'create', true],
      ['codex', CODEX, 'create', true],
      ['codex', 'AGENTS.md', 'create', true],
      ['opencode', OPENCODE, 'create', true],
    ]);
    assert.equal(read(CLAUDE), read(CODEX));
    assert.equal(read(CLAUDE), read(OPENCODE));
    assert.match(read('AGENTS.md'), /xwf validate/);
    const again = await install('--agent', 'claude,codex,opencode', '--json');
    assert.ok(skillsReportSchema.parse(JSON.parse(again.out)).files.every((f) => f.action === 'unchanged' && !f.written));
  });

  it('adds its section to an existing AGENTS.md and keeps the user text', async () => {
    writeFileSync(path.join(dir, 'AGENTS.md'), '# Team rules\n\nRun the linters.\n');
    const r = await install('--agent', 'codex');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /added a section to AGENTS\.md/);
    const text = read('AGENTS.md');
    assert.ok(text.startsWith('# Team rules\n\nRun the linters.\n\n<!-- xllm-workflow:begin'), text.slice(0, 120));
    // A newer generation replaces only the block.
    writeFileSync(path.join(dir, 'AGENTS.md'), text + '\nMore rules after.\n');
    assert.equal((await install('--agent', 'codex')).code, 0);
    assert.ok(read('AGENTS.md').endsWith('\nMore rules after.\n'));
  });

  it('refuses to replace a skill edited by hand, shows the diff, and replaces it only with --force', async () => {
    await install('--agent', 'claude');
    const edited = read(CLAUDE).replace('Rules to keep when you report a result:', 'Rules to keep when you report a result (team addition: always attach the gate):');
    writeFileSync(path.join(dir, CLAUDE), edited);
    const refused = await install('--agent', 'claude');
    assert.equal(refused.code, 1);
    assert.match(refused.out, /edited by hand, left as is/);
    assert.match(refused.err, /^-Rules to keep when you report a result \(team addition/m);
    assert.match(refused.err, /--force/);
    assert.equal(read(CLAUDE), edited);
    const dry = await install('--agent', 'claude', '--force', '--dry-run');
    assert.equal(dry.code, 0);
    assert.equal(read(CLAUDE), edited);
    const forced = await install('--agent', 'claude', '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.ok(isUneditedGeneratedFile(read(CLAUDE)));
  });

  it('treats a skill file it did not write as the user’s, and an edited AGENTS.md block too', async () => {
    mkdirSync(path.dirname(path.join(dir, OPENCODE)), { recursive: true });
    writeFileSync(path.join(dir, OPENCODE), '---\nname: xllm-workflow\ndescription: mine\n---\nMy own notes.\n');
    const r = await install('--agent', 'opencode', '--json');
    assert.equal(r.code, 1);
    assert.equal(skillsReportSchema.parse(JSON.parse(r.out)).files[0].action, 'foreign');
    assert.match(read(OPENCODE), /My own notes/);

    await install('--agent', 'codex');
    writeFileSync(path.join(dir, 'AGENTS.md'), read('AGENTS.md').replace('before stating any performance result.', 'before stating any result at all.'));
    const plans = await planSkillInstall(dir, ['codex'], await loadCliSkillSources());
    assert.deepEqual(plans.map((p) => p.action), ['unchanged', 'edited']);
    assert.equal((await install('--agent', 'codex')).code, 1);
    assert.match(read('AGENTS.md'), /any result at all/);
  });

  it('writes nothing in a dry run, and reports bad usage and a missing folder', async () => {
    const dry = await install('--agent', 'claude', '--dry-run');
    assert.equal(dry.code, 0);
    assert.match(dry.out, /created .*\(dry run\)/);
    assert.ok(!existsSync(path.join(dir, CLAUDE)));
    assert.equal((await install('--agent', 'cursor')).code, 2);
    assert.equal((await install()).code, 2);
    const io = captureIO(dir);
    assert.equal(await runCli(['skills', 'uninstall', '--agent', 'claude'], io), 2);
    assert.equal((await install('--agent', 'claude', '--dir', 'nowhere')).code, 3);
  });
});

describe('unified diff', () => {
  it('shows changed lines with context and 1-based hunk ranges', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n';
    const b = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h', 'i'].join('\n') + '\n';
    assert.equal(
      unifiedDiff(a, b, 'a/x', 'b/x', 1),
      ['--- a/x', '+++ b/x', '@@ -3,3 +3,3 @@', ' c', '-d', '+D', ' e', '@@ -8,1 +8,2 @@', ' h', '+i', ''].join('\n'),
    );
    assert.equal(unifiedDiff(a, a, 'a', 'b'), '');
    assert.equal(unifiedDiff('', 'x\n', '/dev/null', 'b/x'), '--- /dev/null\n+++ b/x\n@@ -0,0 +1,1 @@\n+x\n');
  });
});
