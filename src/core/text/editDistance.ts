// Edit distance and "did you mean" lookups for misspelt keys, sections and enum values.

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prevPrev = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prevPrev[j - 2] + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return prev[n];
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '_');
}

/**
 * The candidate closest to `word`, or undefined when none is close enough. Case, spaces and
 * underscores are compared loosely first (`npu_model` finds `NPU model`), then by edit distance
 * up to a third of the word's length (at least 1, at most 3).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const folded = fold(word);
  const foldedCandidates = foldedOf(candidates);
  const exact = foldedCandidates.indexOf(folded);
  if (exact >= 0) return candidates[exact];
  const limit = Math.max(1, Math.min(3, Math.floor(folded.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let i = 0; i < candidates.length; i++) {
    const c = foldedCandidates[i];
    if (Math.abs(c.length - folded.length) >= bestDistance) continue;
    const d = editDistance(folded, c, bestDistance - 1);
    if (d < bestDistance) {
      best = candidates[i];
      bestDistance = d;
    }
  }
  return best;
}

// Candidate lists are long-lived tables (keys, sections): fold each once.
const foldCache = new WeakMap<readonly string[], string[]>();
function foldedOf(candidates: readonly string[]): string[] {
  let f = foldCache.get(candidates);
  if (!f) {
    f = candidates.map(fold);
    foldCache.set(candidates, f);
  }
  return f;
}
