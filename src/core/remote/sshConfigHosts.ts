// Host aliases a user already has in ~/.ssh/config, offered when adding a remote host.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import SSHConfig, { LineType, type Line } from 'ssh-config';

export interface SshConfigHost {
  /** The alias as written after `Host` (no wildcard patterns). */
  readonly alias: string;
  readonly hostName?: string;
  readonly user?: string;
  readonly port?: number;
  readonly identityFile?: string;
  /** File and 1-based line of the `Host` block. */
  readonly file: string;
  readonly line: number;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length) return str(value[0]);
  if (value && typeof value === 'object' && 'val' in value) return String((value as { val: unknown }).val);
  return undefined;
}

function values(line: Line): string[] {
  if (line.type !== LineType.DIRECTIVE) return [];
  return typeof line.value === 'string' ? line.value.split(/\s+/).filter(Boolean) : line.value.map((v) => v.val);
}

/** Concrete aliases of one config text; `Include` files are read too (relative to ~/.ssh), at most 8 deep. */
export async function listSshConfigHosts(configPath = path.join(os.homedir(), '.ssh', 'config'), depth = 0): Promise<SshConfigHost[]> {
  let text: string;
  try {
    text = await fs.readFile(configPath, 'utf8');
  } catch {
    return []; // no config is the common case, not an error
  }
  const parsed = SSHConfig.parse(text);
  const out: SshConfigHost[] = [];
  // Line numbers: the parser keeps the text between directives in `before`, so count newlines as we go.
  let lineNo = 1;
  const lineOf = new Map<Line, number>();
  const walk = (lines: readonly Line[]) => {
    for (const l of lines) {
      lineNo += (l.before.match(/\n/g) ?? []).length;
      lineOf.set(l, lineNo);
      if ('config' in l && Array.isArray(l.config)) walk(l.config as unknown as Line[]);
      lineNo += (l.after.match(/\n/g) ?? []).length;
    }
  };
  walk(parsed);
  const include = async (l: Line) => {
    for (const inc of values(l)) {
        const incPath = path.isAbsolute(inc) ? inc : path.join(os.homedir(), '.ssh', inc.replace(/^~\//, ''));
        if (/[*?]/.test(incPath)) {
          const dir = path.dirname(incPath);
          const re = new RegExp('^' + path.basename(incPath).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
          const names = await fs.readdir(dir).catch(() => [] as string[]);
          for (const n of names.sort()) if (re.test(n)) out.push(...(await listSshConfigHosts(path.join(dir, n), depth + 1)));
        } else out.push(...(await listSshConfigHosts(incPath.replace(/^~/, os.homedir()), depth + 1)));
    }
  };
  for (const l of parsed) {
    if (l.type !== LineType.DIRECTIVE) continue;
    const param = l.param.toLowerCase();
    if (param === 'include' && depth < 8) {
      await include(l);
      continue;
    }
    if ((param !== 'host' && param !== 'match') || !('config' in l)) continue;
    const block: Record<string, string | undefined> = {};
    for (const d of (l as { config: Line[] }).config) {
      if (d.type !== LineType.DIRECTIVE) continue;
      // An Include after a Host line belongs to that block in ssh_config; its hosts are still hosts.
      if (d.param.toLowerCase() === 'include' && depth < 8) await include(d);
      else block[d.param.toLowerCase()] ??= str(d.value);
    }
    if (param === 'match') continue;
    for (const alias of values(l)) {
      if (/[*?!]/.test(alias)) continue; // patterns are defaults for other hosts, not hosts
      const port = block.port !== undefined ? Number(block.port) : undefined;
      out.push({
        alias,
        hostName: block.hostname,
        user: block.user,
        port: port !== undefined && Number.isInteger(port) ? port : undefined,
        identityFile: block.identityfile,
        file: configPath,
        line: lineOf.get(l) ?? 1,
      });
    }
  }
  return out;
}
