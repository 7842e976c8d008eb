// Parser of the device-node listing (`ls -l /dev/davinci* /dev/davinci_manager /dev/devmm_svm /dev/hisi_hdc`).
import { splitLines } from './snapshotText';

/** Nodes a container or host needs before any NPU process can start (formats.md section 5). */
export const REQUIRED_DEVICE_NODES = ['/dev/davinci_manager', '/dev/devmm_svm', '/dev/hisi_hdc'] as const;

export interface DeviceNodes {
  /** `/dev/...` paths the listing shows as present. */
  readonly present: readonly string[];
  /** `/dev/davinci<N>` nodes present. */
  readonly davinci: readonly number[];
  /** Required nodes that are absent (`/dev/davinci<N>` stands for "no numbered node at all"). */
  readonly missing: readonly string[];
}

export function parseDeviceNodes(text: string): DeviceNodes {
  const present = new Set<string>();
  for (const line of splitLines(text)) {
    // `ls: cannot access '/dev/hisi_hdc': No such file or directory` names a missing node.
    if (/cannot access|No such file/i.test(line)) continue;
    const m = /(\/dev\/[\w.-]+)\s*$/.exec(line.trim());
    if (m) present.add(m[1]);
  }
  const davinci = [...present].map((p) => /^\/dev\/davinci(\d+)$/.exec(p)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1])).sort((a, b) => a - b);
  const missing: string[] = REQUIRED_DEVICE_NODES.filter((n) => !present.has(n));
  if (!davinci.length) missing.unshift('/dev/davinci<N>');
  return { present: [...present].sort(), davinci, missing };
}
