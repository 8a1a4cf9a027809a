// A pull-request review whose comments carry ```suggestion``` blocks built from the findings'
// fixes, on lines inside the diff's hunks. One review per run; comments already posted by an
// earlier run (recognised by a hidden marker) are not posted again; the number of comments is
// capped and the review body says how many were left out. Should GitHub refuse the review (422),
// its comments are posted one at a time, and only those GitHub refuses again are lost.
import type { Finding } from '../engine/finding.js';
import type { SourceText } from '../yaml/source.js';
import { lineSuggestion, type LineSuggestion } from '../report/suggestion.js';
import { docsUrl } from '../ruleset/docs-url.js';
import { findingKey } from '../engine/baseline.js';
import { sha256 } from '../report/hash.js';
import { codeFence, markdownCode, markdownInline, markdownLink } from '../report/markdown.js';
import { cut, CUT_MARK, isUnprocessable, LIMITS, type Octokit } from './api.js';
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
    out.push({ finding, suggestion, marker: sha256(`${findingKey(finding)}\0${suggestion.text}`).slice(0, 32), ...(offered ? { suggested: offered.desc } : {}) });
  }
  return out;
}

export function commentBody({ finding, suggestion, marker, suggested }: ReviewComment, docsUrlOf: (ruleId: string) => string = docsUrl): string {
  // Values from the repository (the message's manifest values, a custom rule's id and docs link,
  // the suggestion's description) are escaped: they open no mention, link or HTML (markdown.ts).
  // The suggestion is the exact text to commit, inside a fence that no line of it can close.
  const fence = codeFence(suggestion.text);
  return [
    `**${finding.severity}** ${markdownLink(markdownCode(finding.ruleId), docsUrlOf(finding.ruleId))}: ${markdownInline(finding.message)}`,
    '',
    // A suggestion could change what a working scrape does: say so before the one-click commit.
    ...(suggested ? [`Suggested, to review before committing (\`--fix\` never applies it): ${markdownInline(suggested)}.`, ''] : []),
    `${fence}suggestion`,
    suggestion.text,
    fence,
    '',
    `<!-- scrapelint:${marker} -->`,
  ].join('\n');
}

/**
 * The comment's body within GitHub's limit: its message is cut, never its suggestion (a cut one
 * would commit half an edit); undefined when the suggestion alone is longer than GitHub takes.
 */
export function fittedBody(c: ReviewComment, docsUrlOf?: (ruleId: string) => string): string | undefined {
  const suggested = c.suggested === undefined ? undefined : cut(c.suggested, 4096, 'chars');
  let message = c.finding.message;
  for (;;) {
    const body = commentBody({ ...c, finding: { ...c.finding, message }, ...(suggested === undefined ? {} : { suggested }) }, docsUrlOf);
    const over = Buffer.byteLength(body) - LIMITS.reviewCommentBody;
    if (over <= 0) return body;
    if (message.length <= CUT_MARK.length) return undefined;
    // A character of the message is at least a byte of the body: this cut removes `over` bytes or more.
    message = cut(c.finding.message, Math.max(message.length - over, 0), 'chars');
  }
}

export interface ReviewResult {
  posted: number;
  alreadyPosted: number;
  leftOut: number;
  /** Left out because the suggestion alone is longer than a review comment may be. */
  tooLong: number;
  /** GitHub refused the review as a whole (422, why): its comments were posted one at a time. */
  refused?: string;
  /** Comments GitHub refused one at a time too, each with why. */
  dropped: { where: string; why: string }[];
}

const reason = (error: unknown) => cut((error as Error).message ?? String(error), 300, 'chars');

export async function publishReview(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  pr: PullRequest,
  comments: readonly ReviewComment[],
  docsUrlOf?: (ruleId: string) => string,
): Promise<ReviewResult> {
  const result: ReviewResult = { posted: 0, alreadyPosted: 0, leftOut: 0, tooLong: 0, dropped: [] };
  if (comments.length === 0) return result;
  const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: pr.number, per_page: 100 });
  const seen = new Set<string>();
  for (const comment of existing) for (const match of (comment.body ?? '').matchAll(MARKER)) seen.add(match[1]);
  const unseen = comments.filter((c) => !seen.has(c.marker));
  result.alreadyPosted = comments.length - unseen.length;
  const fresh = unseen.flatMap((c) => {
    const body = fittedBody(c, docsUrlOf);
    return body === undefined ? [] : [{ comment: c, body }];
  });
  result.tooLong = unseen.length - fresh.length;
  if (fresh.length === 0) return result;
  const posting = fresh.slice(0, MAX_REVIEW_COMMENTS).map(({ comment: c, body }) => ({
    path: c.finding.file,
    line: c.suggestion.endLine,
    side: 'RIGHT' as const,
    ...(c.suggestion.startLine < c.suggestion.endLine ? { start_line: c.suggestion.startLine, start_side: 'RIGHT' as const } : {}),
    body,
  }));
  const leftOut = fresh.length - posting.length;
  result.leftOut = leftOut;
  const body = [
    `scrapelint has ${fresh.length === 1 ? 'a suggested fix' : `${fresh.length} suggested fixes`} for this pull request.`,
    leftOut > 0 ? `${leftOut} more ${leftOut === 1 ? 'is' : 'are'} not posted here (at most ${MAX_REVIEW_COMMENTS} comments per review); see the check run and the job summary.` : '',
  ]
    .filter((line) => line !== '')
    .join(' ');
  try {
    await octokit.rest.pulls.createReview({ ...repo, pull_number: pr.number, commit_id: pr.headSha, event: 'COMMENT', body, comments: posting });
    result.posted = posting.length;
    return result;
  } catch (error) {
    if (!isUnprocessable(error)) throw error;
    result.refused = reason(error);
  }
  // GitHub validates a review as a whole: one comment it will not place costs them all. One at a
  // time, a refusal costs only the comment at fault.
  for (const comment of posting) {
    try {
      await octokit.rest.pulls.createReviewComment({ ...repo, pull_number: pr.number, commit_id: pr.headSha, ...comment });
      result.posted++;
    } catch (error) {
      if (!isUnprocessable(error)) throw error;
      result.dropped.push({ where: `${comment.path}:${comment.line}`, why: reason(error) });
    }
  }
  return result;
}
