// A loopback fake of GitHub's REST API for the Action's tests: a node:http server on 127.0.0.1 (a
// random port) that records every request and validates it against GitHub's own OpenAPI
// description (@octokit/openapi). Requests GitHub would not accept are recorded in `errors`, which
// every test asserts is empty:
//   - a path or method that is not in the description, or a path/query parameter it rejects;
//   - a JSON body that the operation's requestBody schema rejects (unknown properties included);
//   - what GitHub checks beyond the schema and answers 422 for: review comments on lines outside
//     the pull request's diff, start_line not before line, a `completed` check run without a
//     conclusion, columns on a multi-line annotation, a head_sha that is not a commit SHA, and
//     texts over GitHub's size limits (a check run's summary and text 65,535, an annotation's
//     message and raw_details 64 KB and title 255, a review comment's body 65,536, all counted
//     in UTF-8 bytes as GitHub has done); for these the fake also answers 422, as GitHub does;
//   - a missing or wrong token or User-Agent, and operations the fake has no answer for.
// The fake's own responses are validated against the description's response schemas too, so that
// the Action is tested against realistic answers.
//
// It answers the operations the Action uses, with realistic bodies and headers:
//   GET   /repos/{o}/{r}/pulls/{n}/files      the scenario's files with their `patch`, paginated (Link),
//                                             at most 3,000 of them as GitHub lists
//   GET   /repos/{o}/{r}/pulls/{n}/comments   the scenario's review comments, paginated (Link)
//   POST  /repos/{o}/{r}/pulls/{n}/reviews    200, a COMMENTED review
//   POST  /repos/{o}/{r}/pulls/{n}/comments   201, one review comment
//   POST  /repos/{o}/{r}/check-runs           201, a check run with a new id
//   PATCH /repos/{o}/{r}/check-runs/{id}      200, annotations appended
// and, per scenario: 403 on every write (a fork's read-only token), or faults on chosen operations,
// optionally only for requests about one file (500, 422, 403 "Resource not accessible by
// integration", secondary rate limit with retry-after, or no answer at all: `hang`).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { githubOpenApi, type MatchedOperation, type OpenApiDescription } from './openapi.js';

export interface FakePullFile {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The unified-diff hunks GitHub returns (no `diff --git`/`---`/`+++` header); absent for binary or huge files. */
  patch?: string;
  previous_filename?: string;
  /** Counted from the patch unless given (a huge file has counts but no patch). */
  additions?: number;
  deletions?: number;
}

export interface FakeReviewComment {
  body: string;
  path: string;
  line?: number;
  /** The author's login (default github-actions[bot]). */
  user?: string;
}

export type FaultKind = 'server-error' | 'unprocessable' | 'forbidden' | 'secondary-rate-limit' | 'hang';

export interface Fault {
  /** An operationId of GitHub's description, such as checks/create or pulls/create-review. */
  operationId: string;
  kind: FaultKind;
  /** Only requests about this file: a review with a comment on it, a review comment on it. */
  path?: string;
  /** How many requests fail before the operation answers normally (default: all of them). */
  times?: number;
}

export interface FakePull {
  number: number;
  headSha: string;
  baseSha: string;
  files: FakePullFile[];
  /** Review comments already on the pull request (a re-run). */
  comments?: FakeReviewComment[];
}

export interface FakeScenario {
  owner: string;
  repo: string;
  /** The token every request must carry (`Authorization: token ...`). */
  token: string;
  pull?: FakePull;
  /** Every POST/PATCH/PUT/DELETE answers 403 "Resource not accessible by integration" (a fork's token). */
  forbidWrites?: boolean;
  faults?: Fault[];
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined without one. */
  body: any;
  operationId?: string;
  pathParams: Record<string, string>;
  /** The status the fake answered with. */
  status: number;
}

export interface CheckRunState {
  id: number;
  create: any;
  updates: any[];
  /** Every annotation, in the order they were sent (create then each update). */
  annotations: any[];
  conclusion?: string;
  headSha: string;
}

export interface ReviewState {
  id: number;
  pullNumber: number;
  request: any;
}

/** GitHub's size limits (see the header), in UTF-8 bytes; "64 KB" read as 65,536, so that the fake refuses only what GitHub surely would. */
export const GITHUB_LIMITS = { checkOutputText: 65_535, annotationMessage: 65_536, annotationTitle: 255, reviewCommentBody: 65_536 } as const;

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;

const DOCS = 'https://docs.github.com/rest';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const SHA = /^[0-9a-f]{40}$/;
const FIXED_TIME = '2025-01-15T10:00:00Z';

/** Lines of the new file in each hunk of a unified diff: what GitHub lets review comments sit on. */
export function rightSideHunks(patch: string | undefined): Set<number>[] {
  const hunks: Set<number>[] = [];
  if (!patch) return hunks;
  let current: Set<number> | undefined;
  let line = 0;
  for (const raw of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (header) {
      current = new Set();
      hunks.push(current);
      line = Number(header[1]);
      continue;
    }
    if (!current) continue;
    if (raw.startsWith('+') || raw.startsWith(' ')) current.add(line++);
    // '-' lines and "\ No newline at end of file" are not lines of the new file.
  }
  return hunks;
}

/**
 * The patch GitHub shows when lines first..last (1-based, inclusive) of `text` were inserted into a
 * file that otherwise stays the same, with `context` lines around them.
 */
export function patchInsertingLines(text: string, first: number, last: number, context = 3): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (first < 1 || last > lines.length || first > last) throw new Error(`lines ${first}-${last} are not in a ${lines.length}-line file`);
  const from = Math.max(1, first - context);
  const to = Math.min(lines.length, last + context);
  const inserted = last - first + 1;
  const newCount = to - from + 1;
  const oldCount = newCount - inserted;
  const oldStart = oldCount === 0 ? from - 1 : from;
  const body: string[] = [];
  for (let n = from; n <= to; n++) body.push(`${n >= first && n <= last ? '+' : ' '}${lines[n - 1]}`);
  return [`@@ -${oldStart},${oldCount} +${from},${newCount} @@`, ...body].join('\n');
}

/** The patch of a new file. */
export function patchNewFile(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}

function gitSha(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 40; i++) {
    let h = 2166136261 ^ i;
    for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Everything GitHub would reject or the fake could not answer: tests assert it stays empty. */
  readonly errors: string[] = [];
  readonly checkRuns = new Map<number, CheckRunState>();
  readonly reviews: ReviewState[] = [];
  /** Review comments posted one at a time (pulls/create-review-comment), as sent. */
  readonly reviewComments: any[] = [];
  /** Every review comment posted, in a review or alone: what the pull request shows. */
  readonly postedComments: FakeReviewComment[] = [];
  readonly api: OpenApiDescription;
  private server!: Server;
  private port = 0;
  private nextId = 4_000_000_001;
  private readonly faultsUsed = new Map<Fault, number>();
  private rateRemaining = 4999;

  private constructor(readonly scenario: FakeScenario) {
    this.api = githubOpenApi();
  }

  static async start(scenario: FakeScenario): Promise<FakeGitHub> {
    const fake = new FakeGitHub(scenario);
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        fake.errors.push(`fake crashed on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"fake crashed"}');
      });
    });
    // Octokit keeps connections alive; let them go as soon as the child exits.
    fake.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** GITHUB_API_URL for the Action. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The requests to one operation (an operationId of GitHub's description), in order. */
  calls(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => WRITE_METHODS.has(r.method));
  }

  private fail(message: string): void {
    this.errors.push(message);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = rawBody;
    }
    const record: RecordedRequest = {
      seq: this.requests.length + 1,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      pathParams: {},
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}, operation?: MatchedOperation) => {
      record.status = status;
      if (operation && status < 300) for (const e of this.api.validateResponse(operation.operation, status, payload)) this.fail(e);
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { ...this.standardHeaders(), ...headers, ...(text ? { 'content-length': String(Buffer.byteLength(text)) } : {}) });
      res.end(text);
    };

    // Who is asking: GitHub answers 401 without a valid token and 403 without a User-Agent.
    const authorization = req.headers.authorization ?? '';
    if (authorization !== `token ${this.scenario.token}` && authorization !== `Bearer ${this.scenario.token}`) {
      this.fail(`${method} ${url.pathname}: expected "Authorization: token <the github-token input>", got ${JSON.stringify(authorization)}`);
      send(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      return;
    }
    if (!req.headers['user-agent']) this.fail(`${method} ${url.pathname}: no User-Agent header (GitHub answers 403)`);

    // What GitHub's description says about it.
    const matched = this.api.match(method, url.pathname);
    if ('error' in matched) {
      this.fail(matched.error);
      send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      return;
    }
    record.operationId = matched.operation.operationId;
    record.pathParams = matched.pathParams;
    for (const e of this.api.validateRequest(matched, url.searchParams, req.headers['content-type'], rawBody)) this.fail(e);

    const { owner, repo } = matched.pathParams;
    if (owner !== undefined && (owner !== this.scenario.owner || repo !== this.scenario.repo)) {
      this.fail(`${method} ${url.pathname}: the repository is ${this.scenario.owner}/${this.scenario.repo}`);
      send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      return;
    }

    // Injected faults, then a fork's read-only token.
    const about = (f: Fault) => f.path === undefined || record.body?.path === f.path || (record.body?.comments ?? []).some((c: any) => c?.path === f.path);
    const fault = this.scenario.faults?.find((f) => f.operationId === record.operationId && about(f) && (this.faultsUsed.get(f) ?? 0) < (f.times ?? Infinity));
    if (fault) {
      this.faultsUsed.set(fault, (this.faultsUsed.get(fault) ?? 0) + 1);
      this.sendFault(fault.kind, send);
      return;
    }
    if (this.scenario.forbidWrites && WRITE_METHODS.has(method)) {
      this.sendFault('forbidden', send);
      return;
    }

    switch (record.operationId) {
      case 'pulls/list-files':
        return this.listFiles(matched, url, send);
      case 'pulls/list-review-comments':
        return this.listReviewComments(matched, url, send);
      case 'pulls/create-review':
        return this.createReview(matched, record.body, send);
      case 'pulls/create-review-comment':
        return this.createReviewComment(matched, record.body, send);
      case 'checks/create':
        return this.createCheckRun(matched, record.body, send);
      case 'checks/update':
        return this.updateCheckRun(matched, record.body, send);
      case 'repos/get-content': // see "repository contents" at the end of the class
        return this.getContent(matched, url, send);
      default:
        this.fail(`${method} ${url.pathname} (${record.operationId}) is valid but the fake has no answer for it`);
        send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    }
  }

  private standardHeaders(): Record<string, string> {
    this.rateRemaining = Math.max(this.rateRemaining - 1, 1);
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.rateRemaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(5000 - this.rateRemaining),
      'x-ratelimit-resource': 'core',
      'x-github-request-id': `FAKE:${(this.requests.length + 1).toString(16).toUpperCase().padStart(6, '0')}`,
    };
  }

  private sendFault(kind: FaultKind, send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    switch (kind) {
      case 'hang':
        return; // no answer: the connection stays open until the client gives up or the fake stops
      case 'server-error':
        send(500, { message: 'Server Error' });
        return;
      case 'unprocessable':
        send(422, { message: 'Unprocessable Entity', errors: ['Validation failed by the fake (injected 422)'], documentation_url: DOCS, status: '422' });
        return;
      case 'forbidden':
        send(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' }, { 'x-accepted-github-permissions': 'checks=write; pull_requests=write' });
        return;
      case 'secondary-rate-limit':
        send(
          403,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:0001.',
            documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403',
          },
          { 'retry-after': '1' },
        );
        return;
    }
  }

  // ---- answers ----------------------------------------------------------------------------

  private pull(matched: MatchedOperation): FakePull | undefined {
    const pull = this.scenario.pull;
    if (!pull || Number(matched.pathParams.pull_number) !== pull.number) {
      this.fail(`${matched.operation.method} ${matched.operation.template}: pull request #${matched.pathParams.pull_number} is not the scenario's (#${pull?.number ?? 'none'})`);
      return undefined;
    }
    return pull;
  }

  /** GitHub's pagination: per_page (default 30, at most 100), page, and a Link header. */
  private paginate<T>(items: T[], url: URL): { page: T[]; headers: Record<string, string> } {
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number) => {
      const target = new URL(url.toString());
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(n));
      return target.toString();
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${link(page - 1)}>; rel="prev"`);
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) links.push(`<${link(1)}>; rel="first"`);
    return { page: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  private listFiles(matched: MatchedOperation, url: URL, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    const pull = this.pull(matched);
    if (!pull) return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    const { owner, repo } = this.scenario;
    // GitHub lists a pull request's first 3,000 files and no more. Only the page asked for is built.
    const { page, headers } = this.paginate(pull.files.slice(0, MAX_LISTED_FILES), url);
    const entries = page.map((file) => {
      const lines = file.patch?.split('\n') ?? [];
      const additions = file.additions ?? lines.filter((l) => l.startsWith('+')).length;
      const deletions = file.deletions ?? lines.filter((l) => l.startsWith('-')).length;
      const blob = gitSha(`blob ${file.filename} ${pull.headSha}`);
      return {
        sha: blob,
        filename: file.filename,
        status: file.status ?? 'modified',
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `https://github.com/${owner}/${repo}/blob/${pull.headSha}/${encodeURI(file.filename)}`,
        raw_url: `https://github.com/${owner}/${repo}/raw/${pull.headSha}/${encodeURI(file.filename)}`,
        contents_url: `https://api.github.com/repos/${owner}/${repo}/contents/${encodeURI(file.filename)}?ref=${pull.headSha}`,
        ...(file.patch !== undefined ? { patch: file.patch } : {}),
        ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
      };
    });
    send(200, entries, headers, matched);
  }

  private listReviewComments(matched: MatchedOperation, url: URL, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    const pull = this.pull(matched);
    if (!pull) return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    const comments = (pull.comments ?? []).map((c, i) => this.reviewCommentObject(pull, 1000 + i, c));
    const { page, headers } = this.paginate(comments, url);
    send(200, page, headers, matched);
  }

  private createReview(matched: MatchedOperation, body: any, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    const pull = this.pull(matched);
    if (!pull) return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    // What GitHub checks beyond the schema (it answers 422 "Unprocessable Entity").
    const problems: string[] = [];
    if (body?.commit_id !== undefined && body.commit_id !== pull.headSha) problems.push(`commit_id ${body.commit_id} is not the pull request's head ${pull.headSha}`);
    if ((body?.event === 'COMMENT' || body?.event === 'REQUEST_CHANGES') && !body.body) problems.push(`Body is required for event ${body.event}`);
    if (typeof body?.body === 'string' && Buffer.byteLength(body.body) > GITHUB_LIMITS.reviewCommentBody) problems.push(`body is too long (maximum is ${GITHUB_LIMITS.reviewCommentBody} characters)`);
    for (const [i, comment] of ((body?.comments ?? []) as any[]).entries()) {
      const problem = this.commentProblem(pull, comment, `comments[${i}] (${comment.path}:${comment.start_line ?? ''}${comment.start_line ? '-' : ''}${comment.line})`);
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) {
      for (const p of problems) this.fail(`POST create-review: GitHub would answer 422: ${p}`);
      return send(422, { message: 'Unprocessable Entity', errors: problems, documentation_url: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`, status: '422' });
    }
    const id = this.nextId++;
    this.reviews.push({ id, pullNumber: pull.number, request: body });
    this.postedComments.push(...((body?.comments ?? []) as any[]).map((c) => ({ body: c.body, path: c.path, line: c.line })));
    const { owner, repo } = this.scenario;
    const prUrl = `https://api.github.com/repos/${owner}/${repo}/pulls/${pull.number}`;
    const html = `https://github.com/${owner}/${repo}/pull/${pull.number}#pullrequestreview-${id}`;
    send(
      200,
      {
        id,
        node_id: `PRR_fake${id}`,
        user: simpleUser('github-actions[bot]', 41898282, 'Bot'),
        body: body?.body ?? '',
        state: body?.event === 'APPROVE' ? 'APPROVED' : body?.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : body?.event === 'COMMENT' ? 'COMMENTED' : 'PENDING',
        html_url: html,
        pull_request_url: prUrl,
        _links: { html: { href: html }, pull_request: { href: prUrl } },
        submitted_at: FIXED_TIME,
        commit_id: body?.commit_id ?? pull.headSha,
        author_association: 'CONTRIBUTOR',
      },
      {},
      matched,
    );
  }

  /** Why GitHub would refuse a review comment (422), or undefined. */
  private commentProblem(pull: FakePull, comment: any, at: string): string | undefined {
    const file = pull.files.find((f) => f.filename === comment.path && f.status !== 'removed');
    if (!file) return `${at}: Path could not be resolved`;
    if (typeof comment.body === 'string' && Buffer.byteLength(comment.body) > GITHUB_LIMITS.reviewCommentBody) return `${at}: body is too long (maximum is ${GITHUB_LIMITS.reviewCommentBody} characters)`;
    if (comment.position !== undefined) return undefined; // the legacy diff position; not checked here
    if (comment.line === undefined) return `${at}: needs a line or a position`;
    if ((comment.side ?? 'RIGHT') !== 'RIGHT' || (comment.start_side ?? comment.side ?? 'RIGHT') !== 'RIGHT') {
      return `${at}: only RIGHT-side comments are checked by the fake (side ${comment.side}, start_side ${comment.start_side})`;
    }
    const hunk = rightSideHunks(file.patch).find((h) => h.has(comment.line));
    if (!hunk) return `${at}: pull_request_review_thread.line must be part of the diff`;
    if (comment.start_line !== undefined) {
      if (!(comment.start_line < comment.line)) return `${at}: pull_request_review_thread.start_line must precede the end line`;
      if (!hunk.has(comment.start_line)) return `${at}: pull_request_review_thread.start_line must be part of the same hunk as the line`;
    } else if (comment.start_side !== undefined) {
      return `${at}: start_side without start_line`;
    }
    return undefined;
  }

  private createReviewComment(matched: MatchedOperation, body: any, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    const pull = this.pull(matched);
    if (!pull) return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    const problems: string[] = [];
    if (body?.commit_id !== pull.headSha) problems.push(`commit_id ${body?.commit_id} is not the pull request's head ${pull.headSha}`);
    const problem = this.commentProblem(pull, body ?? {}, `${body?.path}:${body?.start_line ?? ''}${body?.start_line ? '-' : ''}${body?.line}`);
    if (problem) problems.push(problem);
    if (problems.length > 0) {
      for (const p of problems) this.fail(`POST create-review-comment: GitHub would answer 422: ${p}`);
      return send(422, { message: 'Validation Failed', errors: problems, documentation_url: `${DOCS}/pulls/comments#create-a-review-comment-for-a-pull-request`, status: '422' });
    }
    this.reviewComments.push(body);
    this.postedComments.push({ body: body.body, path: body.path, line: body.line });
    const comment = this.reviewCommentObject(pull, this.nextId++, { body: body.body, path: body.path, line: body.line });
    send(201, { ...comment, ...(body.start_line !== undefined ? { start_line: body.start_line, original_start_line: body.start_line, start_side: 'RIGHT' } : {}) }, {}, matched);
  }

  /** GitHub's size limits on a check run's output, as 422s. */
  private outputProblems(output: any): string[] {
    const problems: string[] = [];
    for (const field of ['summary', 'text'] as const) {
      const text = output?.[field];
      if (typeof text === 'string' && Buffer.byteLength(text) > GITHUB_LIMITS.checkOutputText) {
        problems.push(`output.${field}: Only ${GITHUB_LIMITS.checkOutputText} characters are allowed; ${Buffer.byteLength(text)} were supplied.`);
      }
    }
    for (const [i, a] of ((output?.annotations ?? []) as any[]).entries()) {
      for (const field of ['message', 'raw_details'] as const) {
        if (typeof a[field] === 'string' && Buffer.byteLength(a[field]) > GITHUB_LIMITS.annotationMessage) problems.push(`output.annotations[${i}].${field} is over 64 KB`);
      }
      if (typeof a.title === 'string' && Buffer.byteLength(a.title) > GITHUB_LIMITS.annotationTitle) problems.push(`output.annotations[${i}].title is over 255 characters`);
    }
    return problems;
  }

  private checkAnnotations(where: string, output: any): void {
    for (const [i, a] of ((output?.annotations ?? []) as any[]).entries()) {
      const at = `${where}: output.annotations[${i}] (${a.path}:${a.start_line})`;
      if (a.start_line < 1) this.fail(`${at}: start_line must be at least 1`);
      if (a.end_line < a.start_line) this.fail(`${at}: end_line ${a.end_line} is before start_line ${a.start_line}`);
      if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
        this.fail(`${at}: start_column/end_column are only allowed when start_line equals end_line`);
      }
      if (a.start_column !== undefined && a.start_column < 1) this.fail(`${at}: start_column must be at least 1`);
      if (a.start_column !== undefined && a.end_column !== undefined && a.end_column < a.start_column) this.fail(`${at}: end_column is before start_column`);
      if (typeof a.path === 'string' && (a.path.startsWith('/') || a.path.startsWith('./') || a.path.includes('\\'))) {
        this.fail(`${at}: path must be relative to the repository root, with forward slashes`);
      }
    }
  }

  private createCheckRun(matched: MatchedOperation, body: any, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    if (!SHA.test(String(body?.head_sha))) this.fail(`POST check-runs: head_sha ${JSON.stringify(body?.head_sha)} is not a commit SHA (GitHub answers 422)`);
    if ((body?.status === 'completed' || body?.completed_at !== undefined) && body?.conclusion === undefined) {
      this.fail('POST check-runs: a completed check run needs a conclusion (GitHub answers 422)');
    }
    this.checkAnnotations('POST check-runs', body?.output);
    const tooLong = this.outputProblems(body?.output);
    if (tooLong.length > 0) {
      for (const p of tooLong) this.fail(`POST check-runs: GitHub would answer 422: ${p}`);
      return send(422, { message: `Invalid request.\n\n${tooLong.join('\n')}`, documentation_url: `${DOCS}/checks/runs#create-a-check-run`, status: '422' });
    }
    const id = this.nextId++;
    const state: CheckRunState = { id, create: body, updates: [], annotations: [...(body?.output?.annotations ?? [])], conclusion: body?.conclusion, headSha: body?.head_sha };
    this.checkRuns.set(id, state);
    send(201, this.checkRunObject(state, body), {}, matched);
  }

  private updateCheckRun(matched: MatchedOperation, body: any, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    const state = this.checkRuns.get(Number(matched.pathParams.check_run_id));
    if (!state) {
      this.fail(`PATCH check-runs/${matched.pathParams.check_run_id}: no such check run`);
      return send(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    }
    this.checkAnnotations(`PATCH check-runs/${state.id}`, body?.output);
    const tooLong = this.outputProblems(body?.output);
    if (tooLong.length > 0) {
      for (const p of tooLong) this.fail(`PATCH check-runs/${state.id}: GitHub would answer 422: ${p}`);
      return send(422, { message: `Invalid request.\n\n${tooLong.join('\n')}`, documentation_url: `${DOCS}/checks/runs#update-a-check-run`, status: '422' });
    }
    state.updates.push(body);
    state.annotations.push(...(body?.output?.annotations ?? []));
    if (body?.conclusion !== undefined) state.conclusion = body.conclusion;
    send(200, this.checkRunObject(state, { ...state.create, ...body, output: { ...state.create?.output, ...body?.output } }), {}, matched);
  }

  private checkRunObject(state: CheckRunState, body: any) {
    const { owner, repo } = this.scenario;
    const completed = body?.status === 'completed' || body?.conclusion !== undefined;
    return {
      id: state.id,
      name: body?.name ?? 'check',
      node_id: `CR_fake${state.id}`,
      head_sha: state.headSha,
      external_id: body?.external_id ?? '',
      url: `https://api.github.com/repos/${owner}/${repo}/check-runs/${state.id}`,
      html_url: `https://github.com/${owner}/${repo}/runs/${state.id}`,
      details_url: body?.details_url ?? `https://github.com/${owner}/${repo}/runs/${state.id}`,
      status: completed ? 'completed' : (body?.status ?? 'queued'),
      conclusion: state.conclusion ?? null,
      started_at: body?.started_at ?? FIXED_TIME,
      completed_at: completed ? (body?.completed_at ?? FIXED_TIME) : null,
      output: {
        title: body?.output?.title ?? null,
        summary: body?.output?.summary ?? null,
        text: body?.output?.text ?? null,
        annotations_count: state.annotations.length,
        annotations_url: `https://api.github.com/repos/${owner}/${repo}/check-runs/${state.id}/annotations`,
      },
      check_suite: { id: 5_000_000_001 },
      app: {
        id: 15368,
        slug: 'github-actions',
        node_id: 'MDM6QXBwMTUzNjg=',
        owner: simpleUser('github', 9919, 'Organization'),
        name: 'GitHub Actions',
        description: 'Automate your workflow from idea to production',
        external_url: 'https://help.github.com/en/actions',
        html_url: 'https://github.com/apps/github-actions',
        created_at: '2018-07-30T09:30:17Z',
        updated_at: '2019-12-10T19:04:12Z',
        permissions: { checks: 'write', contents: 'read', metadata: 'read', pull_requests: 'write' },
        events: ['check_run', 'pull_request', 'push'],
      },
      pull_requests: this.scenario.pull
        ? [
            {
              id: 1_900_000_000 + this.scenario.pull.number,
              number: this.scenario.pull.number,
              url: `https://api.github.com/repos/${owner}/${repo}/pulls/${this.scenario.pull.number}`,
              head: { ref: 'feature', sha: this.scenario.pull.headSha, repo: { id: 800_000_001, url: `https://api.github.com/repos/${owner}/${repo}`, name: repo } },
              base: { ref: 'main', sha: this.scenario.pull.baseSha, repo: { id: 800_000_001, url: `https://api.github.com/repos/${owner}/${repo}`, name: repo } },
            },
          ]
        : [],
    };
  }

  private reviewCommentObject(pull: FakePull, id: number, c: FakeReviewComment) {
    const { owner, repo } = this.scenario;
    const url = `https://api.github.com/repos/${owner}/${repo}/pulls/comments/${id}`;
    const html = `https://github.com/${owner}/${repo}/pull/${pull.number}#discussion_r${id}`;
    const prUrl = `https://api.github.com/repos/${owner}/${repo}/pulls/${pull.number}`;
    const login = c.user ?? 'github-actions[bot]';
    return {
      url,
      pull_request_review_id: 3_000_000_000 + id,
      id,
      node_id: `PRRC_fake${id}`,
      diff_hunk: '@@ -1,1 +1,1 @@',
      path: c.path,
      position: 1,
      original_position: 1,
      commit_id: pull.headSha,
      original_commit_id: pull.headSha,
      user: simpleUser(login, login === 'github-actions[bot]' ? 41898282 : 100 + id, login.endsWith('[bot]') ? 'Bot' : 'User'),
      body: c.body,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
      html_url: html,
      pull_request_url: prUrl,
      author_association: 'CONTRIBUTOR',
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: prUrl } },
      line: c.line ?? 1,
      original_line: c.line ?? 1,
      side: 'RIGHT',
      subject_type: 'line',
    };
  }

  // ---- repository contents (the policy tests: config-from base, notices) -----------------------
  // GET /repos/{o}/{r}/contents/{path}?ref=SHA: a file (base64 content) or a folder (its entries)
  // of the commit `ref`, from `contents` (ref -> path -> text); 404 for anything else.

  /** The repository's files per commit, for repos/get-content. */
  readonly contents = new Map<string, Record<string, string>>();

  private getContent(matched: MatchedOperation, url: URL, send: (s: number, p: unknown, h?: Record<string, string>, o?: MatchedOperation) => void): void {
    const ref = url.searchParams.get('ref') ?? '';
    const path = matched.pathParams.path ?? '';
    const files = this.contents.get(ref);
    if (!files) this.fail(`GET contents/${path}: no contents for ref ${JSON.stringify(ref)} in the scenario`);
    const { owner, repo } = this.scenario;
    const entry = (p: string, type: 'file' | 'dir', text?: string) => {
      const self = `https://api.github.com/repos/${owner}/${repo}/contents/${encodeURI(p)}?ref=${ref}`;
      const blob = gitSha(`${type} ${p} ${ref} ${text ?? ''}`);
      const git = `https://api.github.com/repos/${owner}/${repo}/git/${type === 'dir' ? 'trees' : 'blobs'}/${blob}`;
      const html = `https://github.com/${owner}/${repo}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodeURI(p)}`;
      return {
        type,
        size: text === undefined ? 0 : Buffer.byteLength(text),
        name: p.split('/').pop()!,
        path: p,
        sha: blob,
        url: self,
        git_url: git,
        html_url: html,
        download_url: type === 'dir' ? null : `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${encodeURI(p)}`,
        _links: { self, git, html },
      };
    };
    const text = files?.[path];
    if (text !== undefined) {
      return send(200, { ...entry(path, 'file', text), content: Buffer.from(text, 'utf8').toString('base64').replace(/.{60}/g, '$&\n'), encoding: 'base64' }, {}, matched);
    }
    const children = new Map<string, 'file' | 'dir'>();
    for (const p of Object.keys(files ?? {})) {
      if (!p.startsWith(`${path}/`)) continue;
      const rest = p.slice(path.length + 1).split('/');
      children.set(`${path}/${rest[0]}`, rest.length > 1 ? 'dir' : 'file');
    }
    if (children.size > 0) return send(200, [...children].sort().map(([p, type]) => entry(p, type, type === 'file' ? files![p] : undefined)), {}, matched);
    send(404, { message: 'Not Found', documentation_url: `${DOCS}/repos/contents#get-repository-content`, status: '404' });
  }
}

function simpleUser(login: string, id: number, type: 'User' | 'Bot' | 'Organization') {
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_fake${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}
