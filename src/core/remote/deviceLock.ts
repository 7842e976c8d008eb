// One lock file per NPU on the host, so a second run on the same devices is refused and told who holds them.
import { RemoteError } from './remoteMessages';

/**
 * Takes every device lock or none. Vars: LOCK_DIR, DEVICES (array), RUN_ID, OWNER, SINCE.
 * Prints `locked` on success, else `held=<device>` and the holder's file, exit 3.
 * Taking a lock again for the same run_id succeeds (reattach, retry).
 */
export const ACQUIRE_LOCKS = `# Shared by every user of the host, like /tmp: anyone may lock, nobody may remove another's lock.
[ -d "$LOCK_DIR" ] || { mkdir -p "$LOCK_DIR" && chmod 1777 "$LOCK_DIR"; } 2>/dev/null
taken=()
for d in "\${DEVICES[@]}"; do
  f="$LOCK_DIR/npu$d.lock"
  if ( set -o noclobber; printf 'run_id=%s\\nowner=%s\\nsince=%s\\ndevice=%s\\n' "$RUN_ID" "$OWNER" "$SINCE" "$d" > "$f" ) 2>/dev/null; then
    taken+=("$f")
  elif grep -qxF "run_id=$RUN_ID" "$f" 2>/dev/null; then
    :
  elif [ ! -e "$f" ]; then
    for t in \${taken[@]+"\${taken[@]}"}; do rm -f "$t"; done
    echo "error=cannot write $f (check $LOCK_DIR exists and is writable)"
    exit 4
  else
    for t in \${taken[@]+"\${taken[@]}"}; do rm -f "$t"; done
    echo "held=$d"
    echo "file=$f"
    cat "$f" 2>/dev/null
    exit 3
  fi
done
echo locked
`;

/** Removes the locks this run holds (never another run's). Vars: LOCK_DIR, DEVICES (array), RUN_ID. */
export const RELEASE_LOCKS = `for d in "\${DEVICES[@]}"; do
  f="$LOCK_DIR/npu$d.lock"
  grep -qxF "run_id=$RUN_ID" "$f" 2>/dev/null && rm -f "$f"
done
exit 0
`;

export interface LockHolder {
  readonly device: number;
  readonly file: string;
  readonly runId: string;
  readonly owner: string;
  readonly since: string;
}

/** Reads ACQUIRE_LOCKS output; null when the locks were taken. Throws when the lock folder is unusable. */
export function parseLockResult(stdout: string): LockHolder | null {
  if (/^locked$/m.test(stdout)) return null;
  const error = /^error=(.*)$/m.exec(stdout);
  if (error) throw new RemoteError('remote_failed', ['lock', 4, error[1]]);
  const kv: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) kv[line.slice(0, eq)] ??= line.slice(eq + 1);
  }
  return {
    device: Number(kv.held ?? kv.device ?? -1),
    file: kv.file ?? '',
    runId: kv.run_id ?? 'unknown',
    owner: kv.owner ?? 'unknown',
    since: kv.since ?? 'unknown',
  };
}
