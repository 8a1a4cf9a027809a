// Durations as prometheus-operator and Prometheus write them: `30s`, `1m30s`, `2h`, `0`.
//
// The operator's API types every interval and timeout as `Duration`, a string matching
//   ^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$
// (whole numbers, units y > w > d > h > m > s > ms, each at most once, largest first), and
// Prometheus parses it with model.ParseDuration (y = 365d, w = 7d). This module parses that
// syntax into milliseconds, formats milliseconds back, and reads the loose forms people write
// (`30`, `1.5m`, `30sec`, `1m30`, `90 s`, `30s1m`) to suggest the valid one.

/** The operator's Duration pattern (pkg/apis/monitoring/v1/types.go). The empty string matches: it means "unset". */
export const DURATION_PATTERN = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

export type DurationUnit = 'y' | 'w' | 'd' | 'h' | 'm' | 's' | 'ms';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds per unit, largest first (the order the syntax requires). */
export const UNIT_MS: readonly [DurationUnit, number][] = [
  ['y', 365 * DAY],
  ['w', 7 * DAY],
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
  ['ms', 1],
];
const MS_OF = new Map<string, number>(UNIT_MS);

/** Whether the operator's API accepts `text` as a Duration (the empty string included). */
export function isValidDuration(text: string): boolean {
  return DURATION_PATTERN.test(text);
}

/**
 * Milliseconds of a valid Duration, as Prometheus's model.ParseDuration reads it; undefined for
 * anything else, the empty string included (Prometheus: "empty duration string").
 */
export function parseDuration(text: string): number | undefined {
  if (text === '' || !DURATION_PATTERN.test(text)) return undefined;
  if (text === '0') return 0;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/([0-9]+)(ms|[ywdhms])/g)) total += Number(digits) * MS_OF.get(unit)!;
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Prometheus's own rendering of a duration (model.Duration.String): units largest first, years
 * and weeks only when they divide the value exactly. 90000 is `1m30s`, 0 is `0s`.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNIT_MS) {
    if ((unit === 'y' || unit === 'w') && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/**
 * A duration as one whole number of the largest unit that expresses it exactly: 90000 is `90s`
 * (not `1m30s`), 5400000 is `90m`, 1500 is `1500ms`, 0 is `0s`. This is the form suggested for
 * a fraction (`1.5m` becomes `90s`): one number, as the user wrote, with a unit that keeps it whole.
 */
export function formatSingleUnit(ms: number): string {
  if (ms === 0) return '0s';
  for (const [unit, size] of UNIT_MS) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

// ---------------------------------------------------------------------------------------------
// Loose forms

/** Unit spellings people use, lowercased, and the unit they mean (us and ns as fractions of ms). */
const ALIASES: Record<string, DurationUnit | 'us' | 'ns'> = {};
const alias = (unit: DurationUnit | 'us' | 'ns', ...names: string[]) => names.forEach((n) => (ALIASES[n] = unit));
alias('y', 'y', 'yr', 'yrs', 'year', 'years');
alias('w', 'w', 'wk', 'wks', 'week', 'weeks');
alias('d', 'd', 'day', 'days');
alias('h', 'h', 'hr', 'hrs', 'hour', 'hours');
alias('m', 'm', 'min', 'mins', 'minute', 'minutes');
alias('s', 's', 'sec', 'secs', 'second', 'seconds');
alias('ms', 'ms', 'msec', 'msecs', 'millisecond', 'milliseconds');
alias('us', 'us', 'µs', 'μs', 'usec', 'usecs', 'microsecond', 'microseconds');
alias('ns', 'ns', 'nsec', 'nsecs', 'nanosecond', 'nanoseconds');
const SUB_MS: Record<string, number> = { us: 1e-3, ns: 1e-6 };

/** A bare number after a unit means the next smaller unit: `1m30` is `1m30s`, `1h30` is `1h30m`. */
const NEXT_SMALLER: Partial<Record<DurationUnit, DurationUnit>> = { d: 'h', h: 'm', m: 's', s: 'ms' };

export interface DurationReading {
  /** What the text most likely means, in milliseconds. */
  ms: number;
  /** The valid Duration to write instead. */
  suggestion: string;
  /** What is wrong with the text, for messages (`fractions are not allowed`). */
  problems: string[];
}

interface Token {
  text: string;
  value: number;
  fraction: boolean;
  /** The unit as written (lowercased), '' for none. */
  written: string;
  unit?: DurationUnit | 'us' | 'ns';
}

function withUnit(token: Token, unit: DurationUnit | 'us' | 'ns'): number {
  return token.value * (SUB_MS[unit] ?? MS_OF.get(unit)!);
}

/** ISO 8601 (`PT30S`, `PT1M30S`, `P1D`); months are left alone (`P1M`). */
function readIso(text: string): DurationReading | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!match || !match.slice(1).some(Boolean) || /T$/i.test(text)) return undefined;
  const sizes = [7 * DAY, DAY, HOUR, MINUTE, SECOND];
  const exact = roundMs(match.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * sizes[i] : 0), 0));
  if (exact === undefined) return undefined;
  return { ms: exact, suggestion: formatDuration(exact), problems: ['ISO 8601 durations are not accepted'] };
}

/** A whole number of milliseconds, allowing for binary fractions (`0.1h`); undefined when it is not one. */
function roundMs(value: number): number | undefined {
  const rounded = Math.round(value);
  if (!Number.isFinite(value) || value < 0 || Math.abs(value - rounded) > 1e-6 || !Number.isSafeInteger(rounded)) return undefined;
  return rounded;
}

/**
 * What a duration that the API rejects most likely means, and the valid form to write, or
 * undefined when there is no confident reading (`1M`: minutes or months? `-5s`, `1m1m`, `soon`).
 *
 * The suggested form:
 * - one number with a unit keeps its unit: `30sec` → `30s`, `90 s` → `90s`, `2 minutes` → `2m`;
 *   a bare number is seconds: `30` → `30s`;
 * - one number with a fraction becomes one whole number of the largest unit that keeps it whole:
 *   `1.5m` → `90s`, `0.5h` → `30m`, `1.5s` → `1500ms`;
 * - several parts become Prometheus's form of their sum, largest unit first: `1m30` → `1m30s`,
 *   `30s1m` → `1m30s`, `1h 30m` → `1h30m`.
 */
export function readDuration(input: string | number): DurationReading | undefined {
  if (typeof input === 'number') {
    const ms = roundMs(input * SECOND);
    if (ms === undefined) return undefined;
    const suggestion = Number.isInteger(input) ? `${input}s` : formatSingleUnit(ms);
    return { ms, suggestion, problems: ['a number without a unit (the API wants a string such as `30s`)'] };
  }
  const text = input.trim();
  if (text === '') return undefined;
  if (isValidDuration(text)) {
    const ms = parseDuration(text);
    return ms === undefined ? undefined : { ms, suggestion: text, problems: text === input ? [] : ['spaces are not allowed'] };
  }
  const iso = readIso(text);
  if (iso) return iso;

  const tokens: Token[] = [];
  const rest = text.replace(/(\d+(?:\.\d+)?|\.\d+)\s*([a-zµμ]*)\s*/giy, (whole, number: string, unit: string) => {
    tokens.push({ text: whole, value: Number(number), fraction: number.includes('.'), written: unit });
    return '';
  });
  if (rest !== '' || tokens.length === 0) return undefined;

  const problems = new Set<string>();
  if (/\s/.test(input)) problems.add('spaces are not allowed');
  const used = new Set<string>();
  for (const [i, token] of tokens.entries()) {
    if (token.written === '') {
      if (tokens.length === 1) {
        token.unit = 's';
        problems.add('a number needs a unit (`s` for seconds)');
      } else {
        const previous = tokens[i - 1]?.unit as DurationUnit | undefined;
        const next = i === tokens.length - 1 && previous ? NEXT_SMALLER[previous] : undefined;
        if (!next) return undefined;
        token.unit = next;
        problems.add('the last number has no unit');
      }
    } else {
      // `M` could be months; every other unit reads the same in any case.
      if (token.written === 'M') return undefined;
      const unit = ALIASES[token.written.toLowerCase()];
      if (!unit) return undefined;
      token.unit = unit;
      if (token.written !== unit) {
        problems.add(token.written.toLowerCase() === unit ? 'units are lowercase' : `\`${token.written}\` is not a unit (the units are y, w, d, h, m, s and ms)`);
      } else if (unit === 'us' || unit === 'ns') {
        problems.add(`\`${unit}\` is not a unit (the smallest is ms)`);
      }
    }
    if (used.has(token.unit)) return undefined;
    used.add(token.unit);
    if (token.fraction) problems.add('fractions are not allowed');
  }
  const order = ['y', 'w', 'd', 'h', 'm', 's', 'ms', 'us', 'ns'];
  const ranks = tokens.map((t) => order.indexOf(t.unit!));
  if (ranks.some((rank, i) => i > 0 && rank < ranks[i - 1])) problems.add('units go from the largest to the smallest');

  const ms = roundMs(tokens.reduce((sum, t) => sum + withUnit(t, t.unit!), 0));
  if (ms === undefined) return undefined;
  let suggestion: string;
  if (tokens.length > 1) suggestion = formatDuration(ms);
  else {
    const [only] = tokens;
    const unit = only.unit!;
    suggestion = !only.fraction && MS_OF.has(unit) ? `${only.value}${unit}` : formatSingleUnit(ms);
  }
  if (parseDuration(suggestion) !== ms) return undefined;
  return { ms, suggestion, problems: [...problems] };
}
