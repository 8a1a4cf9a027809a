// Hashes for findings' identities: SHA-256 (as GitHub's own fingerprints) of what a finding is about
// (findingKey in engine/baseline.ts) for SARIF fingerprints and review-comment markers, so moving
// lines, or editing another file that a message cites by line, keeps them; FNV-1a for the
// baseline's message key.
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A short stable hash (FNV-1a, 32 bits): the baseline's message key, kept for existing baselines. */
export function fnv1a(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
