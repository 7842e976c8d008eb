// Where a run lives on the host: the run folder that is fetched back, and a control folder that is not.

export type RemoteRunKind = 'perf' | 'accuracy' | 'profiling';

/** Script lines that set RUN (the run folder) and CTL (pid, exit-code and marker files) from XWF_WORKDIR and RUN_ID. */
export const RUN_PATHS = [
  'case "$RUN_KIND" in perf) RUN="$XWF_WORKDIR/runs/perf/$RUN_ID" ;; accuracy) RUN="$XWF_WORKDIR/runs/accuracy/$RUN_ID" ;; profiling) RUN="$XWF_WORKDIR/profiling/$RUN_ID" ;; *) echo "bad run kind" >&2; exit 2 ;; esac',
  'CTL="$XWF_WORKDIR/.xwf/runs/$RUN_ID"',
].join('\n');

/** Local run root of a run, relative to the workspace. */
export function localRunRelative(kind: RemoteRunKind, runId: string): string {
  return kind === 'profiling' ? `profiling/${runId}` : `runs/${kind}/${runId}`;
}

/** Remote run folder relative to the host's workDir (for display and the manifest's artifact paths). */
export function remoteRunRelative(kind: RemoteRunKind, runId: string): string {
  return localRunRelative(kind, runId);
}
