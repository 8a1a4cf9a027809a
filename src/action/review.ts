// A pull-request review whose comments carry ```suggestion``` blocks built from the findings'
// fixes, on lines inside the diff's hunks. One review per run; comments already posted by an
// earlier run (recognised by a hidden marker) are not posted again; the number of comments is
// capped and the review body says how many were left out.
import type { Finding } from '../engine/finding.js';
import type { SourceText } from '../yaml/source.js';
import { lineSuggestion, type LineSuggestion } from '../report/suggestion.js';
import { docsUrl } from '../ruleset/docs-url.js';
import { fnv1a } from '../report/hash.js';
import type { Octokit } from './api.js';
import type { FileDiff } from './diff.js';
import type { PullRequest } from './pull-request.js';

export const MAX_REVIEW_COMMENTS = 30;
const MARKER = /<!-- scrapelint:([0-9a-f]+) -->/g;

export interface ReviewComment {
  finding: Finding;
  suggestion: LineSuggestion;
  marker: string;
  /** What the edit does, when it is one of the finding's suggestions rather than its fix. */
  suggested?: string;
}

/**
 * Findings with a fix, or else a suggestion (its first), whose lines lie inside one of the
 * diff's hunks. A fix and a suggestion are both offered for one click; the comment says which.
 */
export function reviewComments(findings: readonly Finding[], sources: Map<string, SourceText>, diff: Map<string, FileDiff>): ReviewComment[] {
  const out: ReviewComment[] = [];
  for (const finding of findings) {
    const source = sources.get(finding.file);
    const file = diff.get(finding.file);
    const offered = finding.fix ? undefined : finding.suggestions?.[0];
    if (!source || !file || (!finding.fix && !offered)) continue;
    const suggestion = lineSuggestion(finding, source, offered ? offered.edits : finding.fix!.edits);
    if (!suggestion) continue;
    let inside = true;
    for (let line = suggestion.startLine; line <= suggestion.endLine; line++) if (!file.inHunks.has(line)) inside = false;
    if (!inside) continue;
    out.push({ finding, suggestion, marker: fnv1a(`${finding.ruleId}\0${finding.file}\0${finding.message}\0${suggestion.text}`), ...(offered ? { suggested: offered.desc } : {}) });
  }
  return out;
}

export function commentBody({ finding, suggestion, marker, suggested }: ReviewComment, docsUrlOf: (ruleId: string) => string = docsUrl): string {
  const fence = suggestion.text.includes('```') ? '````' : '```';
  return [
    `**${finding.severity}** [\`${finding.ruleId}\`](${docsUrlOf(finding.ruleId)}): ${finding.message}`,
    '',
    // A suggestion could change what a working scrape does: say so before the one-click commit.
    ...(suggested ? [`Suggested, to review before committing (\`--fix\` never applies it): ${suggested}.`, ''] : []),
    `${fence}suggestion`,
    suggestion.text,
    fence,
    '',
    `<!-- scrapelint:${marker} -->`,
  ].join('\n');
}

export interface ReviewResult {
  posted: number;
  alreadyPosted: number;
  leftOut: number;
}

export async function publishReview(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  pr: PullRequest,
  comments: readonly ReviewComment[],
  docsUrlOf?: (ruleId: string) => string,
): Promise<ReviewResult> {
  if (comments.length === 0) return { posted: 0, alreadyPosted: 0, leftOut: 0 };
  const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: pr.number, per_page: 100 });
  const seen = new Set<string>();
  for (const comment of existing) for (const match of (comment.body ?? '').matchAll(MARKER)) seen.add(match[1]);
  const fresh = comments.filter((c) => !seen.has(c.marker));
  const alreadyPosted = comments.length - fresh.length;
  if (fresh.length === 0) return { posted: 0, alreadyPosted, leftOut: 0 };
  const posting = fresh.slice(0, MAX_REVIEW_COMMENTS);
  const leftOut = fresh.length - posting.length;
  const body = [
    `scrapelint has ${fresh.length === 1 ? 'a suggested fix' : `${fresh.length} suggested fixes`} for this pull request.`,
    leftOut > 0 ? `${leftOut} more ${leftOut === 1 ? 'is' : 'are'} not posted here (at most ${MAX_REVIEW_COMMENTS} comments per review); see the check run and the job summary.` : '',
  ]
    .filter((line) => line !== '')
    .join(' ');
  await octokit.rest.pulls.createReview({
    ...repo,
    pull_number: pr.number,
    commit_id: pr.headSha,
    event: 'COMMENT',
    body,
    comments: posting.map((c) => ({
      path: c.finding.file,
      line: c.suggestion.endLine,
      side: 'RIGHT' as const,
      ...(c.suggestion.startLine < c.suggestion.endLine ? { start_line: c.suggestion.startLine, start_side: 'RIGHT' as const } : {}),
      body: commentBody(c, docsUrlOf),
    })),
  });
  return { posted: posting.length, alreadyPosted, leftOut };
}
