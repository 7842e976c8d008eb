// Checks a run root's entries against the artifacts its kind expects.
import { ARTIFACT_RULES, type RunKind } from './runKinds';
import type { ArtifactInventory, ArtifactStatus } from './runRoot';

function segmentMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (name) => name === pattern;
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return (name) => re.test(name);
}

/**
 * Builds the inventory from the run root's top-level entries (folders carry a trailing '/').
 * Pure, so the view, the server and the CLI agree and tests need no disk.
 */
export function inventoryFromEntries(kind: RunKind, entries: readonly string[]): ArtifactInventory {
  const artifacts: ArtifactStatus[] = ARTIFACT_RULES[kind].map((rule) => {
    const patterns = rule.anyOf ?? [rule.pattern];
    const found = entries.filter((entry) => {
      const isDir = entry.endsWith('/');
      const name = isDir ? entry.slice(0, -1) : entry;
      if (rule.dir && !isDir) return false;
      if (!rule.dir && isDir) return false;
      return patterns.some((p) => segmentMatcher(p)(name));
    });
    return { id: rule.id, expected: rule.pattern, required: rule.required, found, dir: !!rule.dir };
  });
  const missing = artifacts.filter((a) => a.required && a.found.length === 0).map((a) => a.expected + (a.dir ? '/' : ''));
  return { artifacts, missing, entries: [...entries].sort() };
}
