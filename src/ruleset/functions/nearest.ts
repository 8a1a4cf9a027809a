// Edit distance, for "did you mean" suggestions.

/** Edit distance with a swap of neighbours counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * What a misspelt `value` most likely meant, for a "did you mean": the nearest candidate, if it is
 * within a few edits (two, or a quarter of the value's length); with `prefix`, also one the value
 * begins (`warn` for `warning`). Undefined when none is that close.
 */
export function closest(value: string, candidates: readonly string[], { prefix = false } = {}): string | undefined {
  if (candidates.length === 0) return undefined;
  const guess = nearest(value, candidates);
  if (guess === value) return undefined;
  if (editDistance(value, guess) <= Math.max(2, value.length / 4)) return guess;
  return prefix && guess.toLowerCase().startsWith(value.toLowerCase()) ? guess : undefined;
}

/** The candidate closest to `value` (case-insensitive), first one on ties. */
export function nearest(value: string, candidates: readonly string[]): string {
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
