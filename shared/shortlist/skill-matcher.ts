import { skillKey } from '../ai/offline/skill-vocabulary';

/** Longest skill spelling, in words, looked for in free text ("amazon web services"). */
const MAX_WORDS = 3;
/** Only the start of a job description is read for skills, as the original read only its first 100 characters. */
export const DESCRIPTION_CHARS = 400;

/**
 * Skill keys (canonical, lower case) for names and free text, with every lookup remembered for the run: skill
 * names and words repeat across applicants, so each distinct spelling is normalised once.
 */
export class SkillMatcher {
  readonly #keys = new Map<string, string>();

  keyOf(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      key = skillKey(name);
      this.#keys.set(name, key);
    }
    return key;
  }

  /** The keys of `wanted` that the text mentions, by single words and runs of up to three words. */
  mentions(text: string, wanted: ReadonlyMap<string, string>, into: Set<string>): void {
    const words = text
      .slice(0, DESCRIPTION_CHARS)
      .toLowerCase()
      .replace(/[^a-z0-9#+./\s-]/g, ' ')
      .split(/\s+/)
      .map((word) => word.replace(/[./-]+$/, ''))
      .filter((word) => word.length > 0);
    for (let i = 0; i < words.length; i++) {
      let phrase = '';
      for (let n = 0; n < MAX_WORDS && i + n < words.length; n++) {
        phrase = n === 0 ? (words[i] as string) : `${phrase} ${words[i + n] as string}`;
        const key = this.keyOf(phrase);
        if (wanted.has(key)) into.add(key);
      }
    }
  }
}
