import { skillKey } from '../skills/skill-vocabulary';

/** Only the start of a job description is read for skills, as the original read only its first 100 characters. */
export const DESCRIPTION_CHARS = 400;
/** Longest multi-word skill name looked for in free text, in words. */
const MOST_WORDS = 6;
const TRAILING = new Set(['.', '/', '-']);
const NOT_WORD = /[^a-z0-9#+./-]+/;

function withoutTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && TRAILING.has(word.charAt(end - 1))) end--;
  return end === word.length ? word : word.slice(0, end);
}

/**
 * Finds the role's required skills in candidates' skill names and free text, for one run. Every distinct name or
 * word is normalised once (`skillKey`, so "JS" is JavaScript). In free text each word is looked up alone, and a
 * run of words only where it starts like a multi-word required skill ("power bi", "machine learning"): looking up
 * every run of two and three words of every description cost seconds over 10,000 applicants, because almost every
 * such run is distinct. A synonym of several words whose first word differs from the skill's name ("amazon web
 * services" for AWS) is therefore matched in a skill list but not inside a description.
 */
export class SkillMatcher {
  readonly #keys = new Map<string, string>();
  /** First word of each multi-word required skill → its most words. */
  readonly #phraseStarts = new Map<string, number>();
  /** Each distinct token of free text, as it came: its word without trailing punctuation, required key, and phrase length. */
  readonly #tokens = new Map<string, Token>();

  constructor(readonly wanted: ReadonlyMap<string, string>) {
    for (const key of wanted.keys()) {
      const words = key.split(' ');
      const first = words[0];
      if (first !== undefined && words.length > 1) this.#phraseStarts.set(first, Math.min(MOST_WORDS, Math.max(words.length, this.#phraseStarts.get(first) ?? 0)));
    }
  }

  keyOf(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      key = skillKey(name);
      this.#keys.set(name, key);
    }
    return key;
  }

  #token(raw: string): Token {
    let token = this.#tokens.get(raw);
    if (token === undefined) {
      const word = withoutTrailingPunctuation(raw);
      const key = word.length > 0 ? this.keyOf(word) : '';
      token = { word, wanted: this.wanted.has(key) ? key : null, phrase_words: this.#phraseStarts.get(word) ?? 0 };
      this.#tokens.set(raw, token);
    }
    return token;
  }

  /** Adds to `into` the keys of the required skills the text mentions. */
  mentions(text: string, into: Set<string>): void {
    const raws = text.slice(0, DESCRIPTION_CHARS).toLowerCase().split(NOT_WORD);
    for (let i = 0; i < raws.length; i++) {
      const token = this.#token(raws[i] as string);
      if (token.wanted !== null) into.add(token.wanted);
      if (token.phrase_words === 0) continue;
      let phrase = token.word;
      for (let n = 1, j = i + 1; n < token.phrase_words && j < raws.length; j++) {
        const next = this.#token(raws[j] as string).word;
        if (next.length === 0) continue;
        phrase = `${phrase} ${next}`;
        n++;
        const key = this.keyOf(phrase);
        if (this.wanted.has(key)) into.add(key);
      }
    }
  }
}

interface Token {
  word: string;
  /** The key of the required skill this word is, looked up once per distinct word; null when it is none. */
  wanted: string | null;
  /** Words of the longest required skill this word starts; 0 when it starts none. */
  phrase_words: number;
}
