// `xwf skills install --agent <agent>`: writes the workflow skill where Claude Code, Codex or opencode read it,
// generated from this CLI's help and the agent tools' schemas; a file edited by hand is replaced only with --force.
import * as path from 'node:path';
import type { SkillSources } from '../../core/agentTools/skillFiles';
import { SKILL_AGENTS, type SkillAgent } from '../../core/agentTools/skillFiles';
import { applySkillPlan, needsConsent, planSkillInstall, SkillInstallError } from '../../core/agentTools/skillInstall';
import type { SkillsReport } from '../../core/agentTools/skillsReport';
import { AGENT_TOOLS } from '../../core/agentTools/toolRegistry';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO } from '../command';

declare const XWF_VERSION: string | undefined;
const VERSION = typeof XWF_VERSION === 'string' ? XWF_VERSION : '0.1.0';

/**
 * The CLI's own help (English) and the tool registry: what every skill file is generated from. The command
 * table is imported when called, not at load: it lists this command too, and the editor loads this file alone.
 */
export async function loadCliSkillSources(): Promise<SkillSources> {
  const [{ loadCommands }, { commandHelp }] = await Promise.all([import('./index'), import('../main')]);
  const commands = await loadCommands();
  const io: CliIO = { out: () => undefined, err: () => undefined, locale: 'en', cwd: '.', env: {} };
  return {
    version: VERSION,
    commands: commands.map((c: CliCommand) => ({ name: c.name, summary: c.summary.en, help: commandHelp(c, io) })),
    tools: AGENT_TOOLS,
  };
}

function parseAgents(raw: unknown): SkillAgent[] {
  const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  if (!given.length) throw new UsageError(`--agent is required: ${SKILL_AGENTS.join(', ')}`);
  const bad = given.filter((a) => !(SKILL_AGENTS as readonly string[]).includes(a));
  if (bad.length) throw new UsageError(`unknown agent '${bad[0]}': use ${SKILL_AGENTS.join(', ')}`);
  return [...new Set(given as SkillAgent[])];
}

const ACTION = {
  en: { create: 'created', update: 'updated', unchanged: 'unchanged', append: 'added a section to', edited: 'edited by hand', foreign: 'not written by xwf' },
  zh: { create: '已创建', update: '已更新', unchanged: '未变化', append: '已追加段落到', edited: '已被手工修改', foreign: '不是 xwf 生成的' },
} as const;

export const skillsCommand: CliCommand = {
  name: 'skills',
  summary: {
    en: 'Install the workflow skill for Claude Code, Codex or opencode, generated from this CLI and its tool schemas',
    zh: '为 Claude Code、Codex 或 opencode 安装工作流技能文件（由本命令行的帮助与工具模式生成）',
  },
  usage: `skills install --agent <${SKILL_AGENTS.join('|')}> [--dir <project>] [--dry-run] [--force] [--json]`,
  examples: ['xwf skills install --agent claude', 'xwf skills install --agent codex --dir ~/ws/xllm', 'xwf skills install --agent claude,opencode --dry-run'],
  options: { agent: { type: 'string', multiple: true }, dir: { type: 'string' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
  optionHelp: {
    agent: `which agent's skill folder: ${SKILL_AGENTS.join(', ')} (repeatable or comma-separated)`,
    dir: 'project folder to install into (default: the current folder)',
    'dry-run': 'show what would change, with diffs; write nothing',
    force: 'also replace files edited by hand or not written by xwf (their diff is shown first)',
    json: 'print JSON (schema: schemas/cli-skills.schema.json)',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1 || positionals[0] !== 'install') throw new UsageError("expected the subcommand 'install'");
    const agents = parseAgents(values.agent);
    const dir = path.resolve(io.cwd, typeof values.dir === 'string' ? values.dir : '.');
    const dryRun = values['dry-run'] === true;
    const force = values.force === true;
    const zh = io.locale === 'zh-cn';
    let plans;
    try {
      plans = await planSkillInstall(dir, agents, await loadCliSkillSources());
    } catch (e) {
      if (e instanceof SkillInstallError) throw new EnvironmentError(e.message);
      throw e;
    }
    const written = new Set<string>();
    if (!dryRun) {
      try {
        for (const p of (await applySkillPlan(plans, () => force)).written) written.add(p);
      } catch (e) {
        if (e instanceof SkillInstallError) throw new EnvironmentError(e.message);
        throw e;
      }
    }
    const refused = plans.filter((p) => needsConsent(p) && !written.has(p.path));
    if (values.json) {
      const report: SkillsReport = { dir, dry_run: dryRun, files: plans.map((p) => ({ agent: p.agent, path: p.path, action: p.action, written: written.has(p.path), diff: p.diff })) };
      writeJson(io, report);
    } else {
      const label = zh ? ACTION.zh : ACTION.en;
      for (const p of plans) {
        const state = dryRun ? (zh ? '（预演）' : ' (dry run)') : '';
        if (needsConsent(p)) {
          const done = written.has(p.path);
          io.out(`${p.path}: ${label[p.action]}${done ? (zh ? '，已按 --force 替换' : ', replaced (--force)') : zh ? '，未替换' : ', left as is'}${state}\n`);
        } else io.out(`${label[p.action]} ${p.path}${state}\n`);
        // Diffs go to stderr for files that were, or would be, replaced against the user's edits, and in dry runs.
        if (p.diff && (needsConsent(p) || dryRun)) io.err(p.diff);
      }
      if (refused.length && !dryRun) {
        io.err(zh ? `${refused.length} 个文件被手工修改或非 xwf 生成，未替换；确认上面的差异后用 --force 替换\n` : `${refused.length} file(s) edited by hand or not written by xwf were left as they are; review the diff above and use --force to replace them\n`);
      }
    }
    return refused.length && !dryRun ? EXIT.findings : EXIT.ok;
  },
};
