// Remote jobs that outlive the SSH connection: started with setsid (own process group), a pid file and an
// exit-code file under CTL, output to a log in the run folder; killed by process group, streamed by byte offset.
import { RUN_PATHS } from './remoteLayout';

export type JobName = 'service' | 'workload' | 'capture';

/**
 * Liveness that ignores zombies: an exited process can linger unreaped (slow init in containers and VMs),
 * and `kill -0` would call it alive.
 */
export const ALIVE_FUNCS = `alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; case "$s" in ''|Z*) return 1 ;; esac; return 0; }
group_alive() { ps -eo pgid=,stat= 2>/dev/null | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'; }`;

/**
 * Starts `$CMD_FILE` (already written) detached from the session. Vars: RUN_KIND, RUN_ID, JOB, CMD_FILE, LOG_FILE
 * (both relative to RUN). The inner `bash -c` text is fixed; paths reach it as positional arguments only.
 */
export const START_JOB = `${RUN_PATHS}
mkdir -p "$CTL" "$RUN/$(dirname "$LOG_FILE")"
rm -f "$CTL/$JOB.pid" "$CTL/$JOB.exit"
cd "$RUN"
setsid bash -c 'echo $$ > "$1.pid.tmp" && mv "$1.pid.tmp" "$1.pid"; bash "$2" > "$3" 2>&1 < /dev/null; echo $? > "$1.exit.tmp"; mv "$1.exit.tmp" "$1.exit"' \\
  xwf-job "$CTL/$JOB" "$RUN/$CMD_FILE" "$RUN/$LOG_FILE" < /dev/null > /dev/null 2>&1 &
for _ in $(seq 1 100); do [ -s "$CTL/$JOB.pid" ] && break; sleep 0.05; done
[ -s "$CTL/$JOB.pid" ] || { echo "job $JOB did not start" >&2; exit 3; }
echo "pid=$(cat "$CTL/$JOB.pid")"
`;

/** Writes a command file: a fixed header, then the body text (the caller's quoted command) verbatim. Vars: RUN_KIND, RUN_ID, CMD_FILE, BODY. */
export const WRITE_COMMAND_FILE = `${RUN_PATHS}
mkdir -p "$RUN/$(dirname "$CMD_FILE")"
{ printf '#!/usr/bin/env bash\\n'; printf '%s\\n' "$BODY"; } > "$RUN/$CMD_FILE.tmp" && mv "$RUN/$CMD_FILE.tmp" "$RUN/$CMD_FILE"
chmod +x "$RUN/$CMD_FILE"
`;

/**
 * State of every job as `key=value` lines: `<job>.pid`, `<job>.alive` (0/1), `<job>.exit`, `cancelled`, `log.<job>` (bytes).
 * Vars: RUN_KIND, RUN_ID.
 */
export const JOB_STATUS = `${RUN_PATHS}
${ALIVE_FUNCS}
for j in service workload capture; do
  if [ -s "$CTL/$j.pid" ]; then
    p=$(cat "$CTL/$j.pid"); echo "$j.pid=$p"
    if [ ! -s "$CTL/$j.exit" ] && alive "$p"; then echo "$j.alive=1"; else echo "$j.alive=0"; fi
  fi
  [ -s "$CTL/$j.exit" ] && echo "$j.exit=$(cat "$CTL/$j.exit")"
done
[ -e "$CTL/cancelled" ] && echo "cancelled=$(cat "$CTL/cancelled")"
[ -d "$RUN" ] && echo "run_dir=1"
[ -e "$CTL/service.ours" ] && echo "service.ours=1"
exit 0
`;

/**
 * Kills the process groups of the listed jobs (TERM, then KILL after GRACE seconds) and leaves a marker with the reason.
 * Vars: RUN_KIND, RUN_ID, JOBS (array), REASON (empty: a normal stop, no cancel marker), GRACE.
 */
export const KILL_JOBS = `${RUN_PATHS}
${ALIVE_FUNCS}
mkdir -p "$CTL"
[ -n "$REASON" ] && printf '%s\\n' "$REASON" > "$CTL/cancelled"
pgs=()
for j in "\${JOBS[@]}"; do
  [ -s "$CTL/$j.pid" ] || continue
  p=$(cat "$CTL/$j.pid")
  case "$p" in ''|*[!0-9]*) continue ;; esac
  kill -TERM -- "-$p" 2>/dev/null && echo "term=$j:$p"
  pgs+=("$p")
done
end=$((SECONDS + GRACE))
while [ \${#pgs[@]} -gt 0 ] && [ $SECONDS -lt $end ]; do
  left=()
  for p in "\${pgs[@]}"; do group_alive "$p" && left+=("$p"); done
  pgs=(\${left[@]+"\${left[@]}"})
  [ \${#pgs[@]} -gt 0 ] && sleep 0.1
done
for p in \${pgs[@]+"\${pgs[@]}"}; do kill -KILL -- "-$p" 2>/dev/null && echo "kill=$p"; done
exit 0
`;

/**
 * Streams a job's log from byte OFFSET until the job has ended, then the rest: exact byte accounting, so a
 * reattach resumes where the last stream stopped. Vars: RUN_KIND, RUN_ID, JOB, LOG_FILE, OFFSET.
 */
export const STREAM_JOB_LOG = `${RUN_PATHS}
${ALIVE_FUNCS}
f="$RUN/$LOG_FILE"
p=$(cat "$CTL/$JOB.pid" 2>/dev/null || true)
off=$OFFSET
emit() { local size; size=$(stat -c %s "$f" 2>/dev/null || echo 0); if [ "$size" -gt "$off" ]; then tail -c +$((off + 1)) "$f" | head -c $((size - off)) || exit 0; off=$size; fi; }
while :; do
  if [ -e "$CTL/$JOB.exit" ] || [ -z "$p" ] || ! alive "$p"; then emit; exit 0; fi
  emit
  sleep 0.2
done
`;

/** Parses JOB_STATUS output. */
export function parseJobStatus(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export interface JobState {
  readonly pid: number | null;
  readonly alive: boolean;
  readonly exitCode: number | null;
}

export function jobState(status: Record<string, string>, job: JobName): JobState {
  const pid = status[`${job}.pid`];
  const exit = status[`${job}.exit`];
  return {
    pid: pid !== undefined && /^\d+$/.test(pid) ? Number(pid) : null,
    alive: status[`${job}.alive`] === '1',
    exitCode: exit !== undefined && /^-?\d+$/.test(exit) ? Number(exit) : null,
  };
}
