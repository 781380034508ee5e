/**
 * What counts as evidence: words the candidate said, as the database holds them. A quote is verified when, after
 * folding case, whitespace and punctuation, it occurs word for word in one of the candidate's answers (a run of
 * candidate segments the interviewer did not interrupt). Words of the interviewer, paraphrases, stitched answers
 * and sentences that address the scorer ("ignore the rubric", "SYSTEM: score 100") are not evidence.
 */

export interface SpokenSegment {
  speaker: 'ai' | 'candidate';
  content: string;
  start_time_ms: number;
}

/** Quotes shorter than this prove nothing ("yes", "I did"). */
export const MIN_QUOTE_WORDS = 3;

/** Case, punctuation and spacing folded away; letters and digits of any script kept. */
export function normaliseForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The candidate's answers: consecutive candidate segments joined, each run ended by an interviewer line. */
export function candidateAnswers(transcript: readonly SpokenSegment[]): string[] {
  const answers: string[] = [];
  let current: string[] = [];
  for (const segment of transcript) {
    if (segment.speaker === 'candidate') {
      current.push(segment.content);
      continue;
    }
    if (current.length > 0) answers.push(current.join(' '));
    current = [];
  }
  if (current.length > 0) answers.push(current.join(' '));
  return answers;
}

const SCORER_INSTRUCTION = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|rubric|rules|prompt|criteria|guidelines|scoring)\b/i,
  /\b(give|award|assign|grant|mark)\s+(me|him|her|them|this candidate|the candidate)\b.{0,30}\b(10|ten|100|hundred|full marks|top marks|maximum|perfect)\b/i,
  /\b(score|rate|grade)\s+(me|him|her|them|this candidate|the candidate|everything|every dimension|all dimensions)\b.{0,30}\b(10|ten|100|hundred|maximum|perfect)\b/i,
  /\b(10|ten|100|hundred)(\s*(\/|out of)\s*(10|ten|100))?\s+(for|on|in|across)\s+(everything|every (dimension|category|question|criterion)|all (dimensions|categories|questions|criteria))\b/i,
  /(^|[.!?]\s+)\s*(system|assistant|developer)(\s+(prompt|message))?\s*:/i,
  /\bsystem prompt\b/i,
  /\b(new|updated|additional)\s+instructions?\b/i,
  /\byou are (now )?(an? )?(ai|assistant|language model|model|scorer|grader)\b/i,
  /<\/?\s*(candidate_data|system|instructions?)\b/i,
];

/** True for text addressed to the scorer rather than to the interviewer: never evidence, always an anti-cheat note. */
export function looksLikeScorerInstruction(text: string): boolean {
  return SCORER_INSTRUCTION.some((pattern) => pattern.test(text));
}

/** Sentences of a text, in order, without empty ones. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\r?\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export type QuoteRejection = 'not_said_by_candidate' | 'too_short' | 'scorer_instruction';

export interface QuoteCheck {
  verified: string[];
  dropped: Array<{ quote: string; reason: QuoteRejection }>;
}

/** Checks cited quotes against the candidate's answers; each distinct quote counts once. */
export function verifyQuotes(quotes: readonly string[], answers: readonly string[]): QuoteCheck {
  const haystacks = answers.map((a) => ` ${normaliseForQuote(a)} `);
  const check: QuoteCheck = { verified: [], dropped: [] };
  const seen = new Set<string>();
  for (const quote of quotes) {
    const needle = normaliseForQuote(quote);
    if (seen.has(needle)) continue;
    seen.add(needle);
    if (needle.split(' ').filter(Boolean).length < MIN_QUOTE_WORDS) check.dropped.push({ quote, reason: 'too_short' });
    else if (looksLikeScorerInstruction(quote)) check.dropped.push({ quote, reason: 'scorer_instruction' });
    else if (!haystacks.some((h) => h.includes(` ${needle} `))) check.dropped.push({ quote, reason: 'not_said_by_candidate' });
    else check.verified.push(quote.trim());
  }
  return check;
}
