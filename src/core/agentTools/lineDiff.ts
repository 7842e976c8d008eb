// A unified diff of two texts by lines (longest common subsequence), to show what replacing a file would change.

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line edit script; common prefix and suffix are trimmed first so typical small edits stay cheap. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  if (n * m > 4_000_000) {
    // Too large to align line by line: show the middle as replaced.
    for (let i = start; i < endA; i++) ops.push({ kind: '-', line: a[i] });
    for (let j = start; j < endB; j++) ops.push({ kind: '+', line: b[j] });
  } else {
    // lcs[i][j]: length of the LCS of a[start+i..endA) and b[start+j..endB).
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        ops.push({ kind: ' ', line: a[start + i] });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Deletions before insertions, as diff -u shows a replaced line.
        ops.push({ kind: '-', line: a[start + i++] });
      } else {
        ops.push({ kind: '+', line: b[start + j++] });
      }
    }
  }
  for (let i = endA; i < a.length; i++) ops.push({ kind: ' ', line: a[i] });
  return ops;
}

/** `diff -u` style text; empty when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string, context = 3): string {
  if (oldText === newText) return '';
  const ops = editScript(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldLabel}`, `+++ ${newLabel}`];
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) {
    // Only the final newline differs.
    out.push('@@ end of file @@', '\\ the texts differ in their final newline');
    return out.join('\n') + '\n';
  }
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k] - context);
    let to = Math.min(ops.length, changed[k] + context + 1);
    while (k + 1 < changed.length && changed[k + 1] - context <= to) to = Math.min(ops.length, changed[++k] + context + 1);
    k++;
    let oldStart = 1;
    let newStart = 1;
    for (let x = 0; x < from; x++) {
      if (ops[x].kind !== '+') oldStart++;
      if (ops[x].kind !== '-') newStart++;
    }
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newCount ? newStart : newStart - 1},${newCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
  }
  return out.join('\n') + '\n';
}
