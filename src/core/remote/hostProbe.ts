// What the host has: required tools on the PATH (checked before anything starts) and the versions it reports.

/** Prints `missing=<tool>` per absent tool and `key=value` version lines. Vars: TOOLS (array). */
export const PROBE_HOST = `for t in "\${TOOLS[@]}"; do command -v "$t" > /dev/null 2>&1 || echo "missing=$t"; done
echo "hostname=$(hostname 2>/dev/null || uname -n)"
command -v evalscope > /dev/null 2>&1 && echo "evalscope=$(timeout 60 evalscope --version 2>/dev/null | head -n 1)"
if command -v npu-smi > /dev/null 2>&1; then
  smi=$(timeout 30 npu-smi info 2>/dev/null)
  echo "npu_smi=$(printf '%s\\n' "$smi" | sed -n 's/.*Version:[[:space:]]*\\([^[:space:]|]*\\).*/\\1/p' | head -n 1)"
  echo "npu_name=$(printf '%s\\n' "$smi" | sed -n 's/^| *[0-9][0-9]* *\\([A-Za-z0-9][A-Za-z0-9]*\\) *| *[A-Za-z].*/\\1/p' | head -n 1)"
fi
info="\${ASCEND_TOOLKIT_HOME:-/usr/local/Ascend/ascend-toolkit/latest}"
for f in "$info"/*/ascend_toolkit_install.info "$info"/version.cfg; do
  [ -r "$f" ] || continue
  v=$(sed -n 's/^version=\\(.*\\)/\\1/p;s/^toolkit_installed_version=.*:\\(.*\\)\\]/\\1/p' "$f" | head -n 1)
  [ -n "$v" ] && { echo "cann=$v"; break; }
done
[ -r /usr/local/Ascend/driver/version.info ] && echo "driver=$(sed -n 's/^Version=\\(.*\\)/\\1/p' /usr/local/Ascend/driver/version.info | head -n 1)"
command -v python3 > /dev/null 2>&1 && echo "torch_npu=$(timeout 60 python3 -c 'import torch_npu; print(torch_npu.__version__)' 2>/dev/null | tail -n 1)"
exit 0
`;

export interface HostProbe {
  readonly missing: readonly string[];
  readonly hostname: string | undefined;
  readonly versions: {
    readonly evalscope?: string;
    readonly npuSmi?: string;
    readonly npuName?: string;
    readonly cann?: string;
    readonly driver?: string;
    readonly torchNpu?: string;
  };
}

export function parseHostProbe(stdout: string): HostProbe {
  const missing: string[] = [];
  const kv: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    if (key === 'missing') missing.push(value);
    else if (value) kv[key] = value;
  }
  const evalscope = kv.evalscope?.match(/\d+\.\d+(\.\d+)?[\w.]*/)?.[0];
  return {
    missing,
    hostname: kv.hostname,
    versions: {
      evalscope,
      npuSmi: kv.npu_smi,
      npuName: kv.npu_name,
      cann: kv.cann,
      driver: kv.driver ?? kv.npu_smi,
      torchNpu: kv.torch_npu,
    },
  };
}

/** Tools a perf run needs inside the container (or on the host without one). */
export const PERF_TOOLS = ['bash', 'setsid', 'tail', 'tar', 'curl', 'npu-smi', 'evalscope'] as const;
