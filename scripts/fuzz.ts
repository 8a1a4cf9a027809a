// npm run fuzz -- [N] [--seed S]: N mutated inputs (default 1,000) through the oracle of
// __tests__/hostile/oracle.ts (issue 13: never crash, never pass silently, never run unbounded).
// npm run fuzz -- --seed S --index I: make input I of seed S again, print it and its problems.
// The inputs run in a worker thread, one at a time: one that hangs (no answer in HANG_MS) or runs
// out of memory is a crash of its own, the worker is replaced and the run goes on. Each failing
// input is written to a folder under the system's temporary folder. Exits 1 on any crash or
// oracle violation; inputs slower than SLOW_MS are reported, not failed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { packageRoot } from '../src/node/rules-dir.js';
import { loadCorpus, makeInput, type Corpus, type FuzzInput } from '../__tests__/hostile/mutate.js';
import { checkInput, writeInput, type Outcome, type Problem } from '../__tests__/hostile/oracle.js';

const SLOW_MS = 2000;
const HANG_MS = 60_000;
/** The worker's heap: an input that needs more is reported as a crash, not left to take the machine. */
const HEAP_MB = 1024;

interface Job {
  index: number;
}
interface Reply {
  index: number;
  outcome: Outcome;
}

function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'scrapelint-fuzz-work-'));
}

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\nUsage: npm run fuzz -- [N] [--seed S] [--index I]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { count: number; seed: number; index?: number } {
  let count = 1000;
  let seed = 1;
  let index: number | undefined;
  const integer = (value: string | undefined, what: string) => {
    if (value === undefined || !/^\d+$/.test(value)) usage(`${what} must be a whole number, not ${value ?? 'nothing'}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seed = integer(argv[++i], '--seed');
    else if (argv[i] === '--index') index = integer(argv[++i], '--index');
    else if (/^\d+$/.test(argv[i])) count = Number(argv[i]);
    else usage(`unknown argument ${argv[i]}`);
  }
  return { count, seed, index };
}

/** A text as printable lines: control characters escaped, very long lines cut. */
function printable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const shown = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return shown.length > 300 ? `${shown.slice(0, 300)}… (${shown.length - 300} more characters)` : shown;
    })
    .join('\n');
}

function describeInput(input: FuzzInput): string {
  const head = [
    `seed ${input.seed}, index ${input.index}: from ${input.source}`,
    `mutations: ${input.ops.join(', ') || '(none)'}; target ${input.target}${input.stdin ? ' (through standard input)' : ''}`,
  ];
  const files = input.files.map((f) => `--- ${f.path} (${f.bytes.length} bytes)${f.path === input.target ? ', mutated' : ''}\n${printable(f.bytes.toString('utf8'))}`);
  return `${head.join('\n')}\n${files.join('\n')}\n`;
}

const describeProblem = (p: Problem) => `${p.kind} in ${p.run}: ${p.message}${p.frame ? ` (at ${p.frame})` : ''}`;

/** Writes a failing input (its files, and what is wrong in README.txt) to `<out>/<index>/`. */
function saveInput(out: string, input: FuzzInput, problems: readonly Problem[]): string {
  const dir = join(out, String(input.index));
  writeInput(input, join(dir, 'files'));
  writeFileSync(join(dir, 'README.txt'), `${describeInput(input)}\nproblems:\n${problems.map((p) => `  ${describeProblem(p)}\n`).join('')}\nreproduce: npm run fuzz -- --seed ${input.seed} --index ${input.index}\n`);
  return dir;
}

/** Problems that are the same bug: same kind, run and message (numbers and file names aside) and top frame. */
function signature(p: Problem): string {
  const message = p.message.replace(/\S+\.(?:ya?ml|json)\b/g, 'FILE').replace(/\d+/g, 'N');
  return `${p.kind}\0${p.kind === 'crash' ? '' : p.run}\0${message}\0${p.frame ?? ''}`;
}

interface Group {
  problem: Problem;
  count: number;
  indexes: number[];
}

async function reproduce(corpus: Corpus, seed: number, index: number): Promise<void> {
  const input = makeInput(corpus, seed, index);
  process.stdout.write(describeInput(input));
  const dir = scratchDir();
  try {
    const { problems, ms } = await checkInput(input, join(dir, 'input'));
    process.stdout.write(`\n${ms.toFixed(0)} ms; ${problems.length === 0 ? 'no problems' : `problems:\n${problems.map((p) => `  ${describeProblem(p)}\n`).join('')}`}\n`);
    const out = mkdtempSync(join(tmpdir(), `scrapelint-fuzz-${seed}-${index}-`));
    process.stdout.write(`input written to ${saveInput(out, input, problems)}\n`);
    process.exitCode = problems.length > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  // process.argv: node, scripts/run-ts.mjs, scripts/fuzz.ts, then ours.
  const { count, seed, index } = parseArgs(process.argv.slice(3));
  const corpus = loadCorpus(packageRoot());
  if (index !== undefined) return reproduce(corpus, seed, index);

  const groups = new Map<string, Group>();
  const slow: { index: number; ms: number }[] = [];
  const reached = { findings: 0, parseErrors: 0, fixed: 0 };
  let failing = 0;
  let out: string | undefined;
  const record = (i: number, problems: Problem[]) => {
    if (problems.length === 0) return;
    failing++;
    for (const p of problems) {
      const key = signature(p);
      const group = groups.get(key) ?? { problem: p, count: 0, indexes: [] };
      group.count++;
      if (group.indexes.length < 5) group.indexes.push(i);
      groups.set(key, group);
    }
    out ??= mkdtempSync(join(tmpdir(), `scrapelint-fuzz-${seed}-`));
    mkdirSync(out, { recursive: true });
    saveInput(out, makeInput(corpus, seed, i), problems);
  };

  const started = performance.now();
  // The workers' scratch folder (each input empties and refills it), removed at the end.
  const scratch = scratchDir();
  let workers = 0;
  let worker: Worker | undefined;
  /** Runs one input in the worker (starting one if need be); a hang or a dead worker is a crash. */
  const runOne = (i: number) =>
    new Promise<Outcome>((resolve) => {
      const w = (worker ??= new Worker(new URL(import.meta.url), { workerData: { seed, dir: join(scratch, String(workers++)) }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }));
      const t0 = performance.now();
      const finish = (outcome: Outcome, kill: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (kill) {
          void w.terminate();
          worker = undefined;
        }
        resolve(outcome);
      };
      const crash = (message: string, frame: string) => finish({ problems: [{ kind: 'crash', run: 'worker', message, frame }], ms: performance.now() - t0, reached: { findings: 0, parseErrors: 0, fixed: 0 } }, true);
      const timer = setTimeout(() => crash(`no answer in ${HANG_MS / 1000} s (hang)`, 'watchdog'), HANG_MS);
      const onMessage = (reply: Reply) => finish(reply.outcome, false);
      const onError = (error: Error) => crash(error.message, (error as NodeJS.ErrnoException).code ?? 'worker');
      const onExit = (code: number) => crash(`the worker exited with status ${code}`, 'worker');
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ index: i } satisfies Job);
    });

  for (let i = 0; i < count; i++) {
    const outcome = await runOne(i);
    if (outcome.ms > SLOW_MS) slow.push({ index: i, ms: outcome.ms });
    if (outcome.reached.findings > 0) reached.findings++;
    if (outcome.reached.parseErrors > 0) reached.parseErrors++;
    if (outcome.reached.fixed > 0) reached.fixed++;
    record(i, outcome.problems);
    if ((i + 1) % 1000 === 0) {
      const all = [...groups.values()];
      const n = (kind: string) => all.filter((g) => g.problem.kind === kind).reduce((s, g) => s + g.count, 0);
      const rate = ((i + 1) / ((performance.now() - started) / 1000)).toFixed(1);
      process.stdout.write(`${i + 1}/${count} inputs: ${n('crash')} crashes, ${n('violation')} violations, ${slow.length} slow, ${rate} inputs/s\n`);
    }
  }
  await worker?.terminate();
  rmSync(scratch, { recursive: true, force: true });
  const seconds = (performance.now() - started) / 1000;

  const report = (kind: Problem['kind'], title: string) => {
    const list = [...groups.values()].filter((g) => g.problem.kind === kind).sort((a, b) => b.count - a.count);
    const total = list.reduce((s, g) => s + g.count, 0);
    process.stdout.write(`${title}: ${total}${list.length > 0 ? ` (${list.length} distinct)` : ''}\n`);
    for (const g of list) {
      process.stdout.write(`  ${g.count} × ${describeProblem(g.problem).replace(/^\S+ /, '')}\n`);
      process.stdout.write(`      reproduce: npm run fuzz -- --seed ${seed} --index ${g.indexes[0]}${g.indexes.length > 1 ? ` (also ${g.indexes.slice(1).join(', ')})` : ''}\n`);
    }
  };
  process.stdout.write(`\ninputs run: ${count} (seed ${seed}); ${count - failing} without problems\n`);
  process.stdout.write(`  reached: ${reached.findings} with findings, ${reached.parseErrors} with parse errors, ${reached.fixed} with fixes to apply\n`);
  report('crash', 'crashes');
  report('violation', 'oracle violations');
  slow.sort((a, b) => b.ms - a.ms);
  process.stdout.write(`slow inputs (over ${SLOW_MS / 1000} s): ${slow.length}${slow.length > 0 ? `: ${slow.slice(0, 10).map((s) => `#${s.index} ${(s.ms / 1000).toFixed(1)} s`).join(', ')}${slow.length > 10 ? ', …' : ''}` : ''}\n`);
  process.stdout.write(`inputs per second: ${(count / seconds).toFixed(1)} (${seconds.toFixed(1)} s)\n`);
  // maxRSS counts the whole process, the worker thread included.
  process.stdout.write(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  if (out) process.stdout.write(`failing inputs (${failing}) written to ${out}\n`);
  process.exitCode = failing > 0 ? 1 : 0;
}

// Last, so that every declaration above is initialised: the worker answers jobs, the main thread runs.
if (!isMainThread) {
  const { seed, dir } = workerData as { seed: number; dir: string };
  const corpus = loadCorpus(packageRoot());
  parentPort!.on('message', async ({ index }: Job) => {
    const outcome = await checkInput(makeInput(corpus, seed, index), dir);
    parentPort!.postMessage({ index, outcome } satisfies Reply);
  });
} else {
  await run();
}
