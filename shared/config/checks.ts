/**
 * The checks settings are validated with, a few lines each: the entry point validates every setting at start-up,
 * and a schema library there costs a cold instance more than the checks themselves (cold start,
 * docs/performance.md). Each check takes a value (an environment string, or a parsed JSON setting's part) and gives
 * what it stands for, recording what is wrong at its path; the messages are zod's English ones, which request
 * validation uses too.
 */
/** What is wrong, and where: a setting's name, or the keys into a JSON setting's value joined by '.' ('' for all of it). */
export interface Issue {
  path: string;
  message: string;
}

export type Check<T> = (input: unknown, path: string, issues: Issue[]) => T;

const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/** A rule on a checked value: undefined when it holds, or what is wrong. */
type Rule<T> = (value: T) => string | undefined;

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  return typeof input;
}

const isString = (input: unknown): input is string => typeof input === 'string';
const isNumber = (input: unknown): input is number => typeof input === 'number' && Number.isFinite(input);
const wrongType = (expected: string, input: unknown) => `Invalid input: expected ${expected}, received ${typeOf(input)}`;

export const minLength = (min: number): Rule<string> => (value) => (value.length >= min ? undefined : `Too small: expected string to have >=${min} characters`);
export const maxLength = (max: number): Rule<string> => (value) => (value.length <= max ? undefined : `Too big: expected string to have <=${max} characters`);
export const matches = (pattern: RegExp, message = `Invalid string: must match pattern ${String(pattern)}`): Rule<string> => (value) => (pattern.test(value) ? undefined : message);

export const string = (...rules: Array<Rule<string>>): Check<string> => (input, path, issues) => {
  if (!isString(input)) issues.push({ path, message: wrongType('string', input) });
  else
    for (const rule of rules) {
      const message = rule(input);
      if (message !== undefined) issues.push({ path, message });
    }
  return input as string;
};

/** A URL the platform's parser accepts, trimmed, without the tabs and line breaks the parser would drop. */
export const url: Check<string> = (input, path, issues) => {
  if (!isString(input)) return string()(input, path, issues);
  const trimmed = input.trim();
  if (URL.canParse(trimmed)) return trimmed.replace(/[\t\n\r]/g, '');
  issues.push({ path, message: 'Invalid URL' });
  return input;
};

const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const uuid = string(matches(UUID, 'Invalid UUID'));
export const email = (...rules: Array<Rule<string>>): Check<string> => string(matches(EMAIL, 'Invalid email address'), ...rules);

export const int: Rule<number> = (value) => (Number.isInteger(value) ? undefined : 'Invalid input: expected int, received number');
export const atLeast = (min: number): Rule<number> => (value) => (value >= min ? undefined : `Too small: expected number to be >=${min}`);
export const atMost = (max: number): Rule<number> => (value) => (value <= max ? undefined : `Too big: expected number to be <=${max}`);
export const positive: Rule<number> = (value) => (value > 0 ? undefined : 'Too small: expected number to be >0');

/** A finite number. A value that is not an integer where one is wanted is not checked further (as in zod). */
export const number = (...rules: Array<Rule<number>>): Check<number> => (input, path, issues) => {
  if (!isNumber(input)) issues.push({ path, message: wrongType('number', input) });
  else
    for (const rule of rules) {
      const message = rule(input);
      if (message === undefined) continue;
      issues.push({ path, message });
      if (rule === int) break;
    }
  return input as number;
};

/** An environment string read as a number (`Number(text)`: '' is never given, settings left empty are absent). */
export const coerced = (check: Check<number>): Check<number> => (input, path, issues) => check(Number(input), path, issues);

export const oneOf = <const V extends string>(...values: V[]): Check<V> => (input, path, issues) => {
  if (!values.includes(input as V)) issues.push({ path, message: `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}` });
  return input as V;
};

/** Absent (undefined) is allowed; anything else must pass the check. */
export const optional = <T>(check: Check<T>): Check<T | undefined> => (input, path, issues) => (input === undefined ? undefined : check(input, path, issues));

/** Absent stands for this value (not checked); anything else must pass the check. */
export const withDefault = <T>(check: Check<T>, value: T): Check<T> => (input, path, issues) => (input === undefined ? value : check(input, path, issues));

export const array = <T>(item: Check<T>, minItems = 0): Check<T[]> => (input, path, issues) => {
  if (!Array.isArray(input)) {
    issues.push({ path, message: wrongType('array', input) });
    return [];
  }
  const items = input.map((value: unknown, index) => item(value, at(path, index), issues));
  if (items.length < minItems) issues.push({ path, message: `Too small: expected array to have >=${minItems} items` });
  return items;
};

const isRecord = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

/** What a check gives for a valid value. */
export type Checked<C> = C extends Check<infer T> ? T : never;
/** An object's fields as checked: a field whose check allows undefined is optional. */
type Fields<F> = { [K in keyof F as undefined extends Checked<F[K]> ? never : K]: Checked<F[K]> } & {
  [K in keyof F as undefined extends Checked<F[K]> ? K : never]?: Checked<F[K]>;
};

/** An object with these fields; other fields are dropped. */
export const object = <F extends Record<string, Check<unknown>>>(fields: F): Check<Fields<F>> => (input, path, issues) => {
  if (!isRecord(input)) {
    issues.push({ path, message: wrongType('object', input) });
    return {} as Fields<F>;
  }
  const checked: Record<string, unknown> = {};
  // A plain loop: run once per setting at start-up, where iterators and spreads cost allocations (cold start).
  for (const key in fields) {
    const value = (fields[key] as Check<unknown>)(input[key], at(path, key), issues);
    if (value !== undefined) checked[key] = value;
  }
  return checked as Fields<F>;
};

/** An object used as a map: any keys, each value passing the check. */
export const record = <T>(value: Check<T>): Check<Record<string, T>> => (input, path, issues) => {
  if (!isRecord(input)) {
    issues.push({ path, message: wrongType('record', input) });
    return {};
  }
  // A '__proto__' key names no function: left out, never the map's prototype.
  const entries = Object.entries(input).filter(([key]) => key !== '__proto__');
  return Object.fromEntries(entries.map(([key, item]) => [key, value(item, at(path, key), issues)]));
};

/** The first check the value passes; else what the only check that recognised its type found, or 'Invalid input'. */
export const either = <A, B>(first: Check<A>, second: Check<B>): Check<A | B> => (input, path, issues) => {
  const results = [first, second].map((check) => {
    const found: Issue[] = [];
    return { value: check(input, path, found), found };
  });
  const passed = results.find((result) => result.found.length === 0);
  if (passed) return passed.value;
  // A wrong type (here or inside) means the value is not of that check's kind.
  const recognised = results.filter((result) => !result.found.some((issue) => issue.message.startsWith('Invalid input: expected ')));
  if (recognised.length === 1) issues.push(...(recognised[0]?.found ?? []));
  else issues.push({ path, message: 'Invalid input' });
  return input as A | B;
};
