// The run model every face shares: one run root, where it is, what it is, what it holds.
import type { RunKind } from './runKinds';

export interface ArtifactStatus {
  readonly id: string;
  /** What the rule expects, e.g. `metrics.json` or `PROF_*`. */
  readonly expected: string;
  readonly required: boolean;
  /** Entries that satisfy it, relative to the run root; empty when missing. */
  readonly found: readonly string[];
  readonly dir: boolean;
}

export interface ArtifactInventory {
  readonly artifacts: readonly ArtifactStatus[];
  /** Required artifacts that are absent, by their expected name. */
  readonly missing: readonly string[];
  /** Every top-level entry of the run root (folders end with '/'). */
  readonly entries: readonly string[];
}

export interface RunRoot {
  readonly kind: RunKind;
  /** The folder name; a manifest's run_id is read by the features that parse manifests. */
  readonly runId: string;
  /** Absolute path of the run root folder. */
  readonly root: string;
  /** Path relative to the folder that was scanned, '/'-separated. */
  readonly relativePath: string;
  /** Absolute path of manifest.md / manifest.yaml / manifest.yml, or null when there is none. */
  readonly manifestPath: string | null;
  /** `conventional` layout or a configured `glob`. */
  readonly matchedBy: 'conventional' | 'glob';
  readonly inventory: ArtifactInventory;
}
