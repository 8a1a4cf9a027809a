// Stable identities for findings: SARIF fingerprints and review-comment markers. A finding is named
// by what it is about, as the baseline names it (rule, file, object and path in the object; the
// message only for findings about the input itself), so moving lines, or editing another file that
// a message cites by line, keeps its identity. SHA-256, as GitHub's own fingerprints.
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/finding.js';

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

/** What the finding is about, as text: rule, file, then the object and path, or the message. */
export function identityOf(f: Finding): string {
  return f.subject ? `${f.ruleId}\0${f.file}\0${f.subject.object}\0${f.subject.path}` : `${f.ruleId}\0${f.file}\0\0\0${f.message}`;
}
