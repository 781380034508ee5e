import type { ParsedSkill } from '../parse-resume-task';
import { canonicalSkill, findSkills, isSoftSkill } from '../../skills/skill-vocabulary';
import { REFERENCES_ON_REQUEST, type ResumeLine } from './resume-sections';

const SOFT = /\b(communication|leadership|teamwork|collaboration|problem[- ]solving|time management|adaptab|empathy|negotiation|presentation|mentoring|critical thinking|attention to detail|customer service|stakeholder|complaint handling|team training|crisis support)/i;
const MAX_WORDS = 6;
const MAX_LENGTH = 60;
const MAX_SKILLS = 60;
/** Between skills: commas, semicolons, pipes, bullets and middots, slashes with spaces, or a wide gap (pills). */
const ITEM_SEPARATOR = /\s*[,;|•·●▪]\s*|\s+\/\s+|\s{2,}|\t/;

/** One spelling per skill as the candidate wrote it: case, spacing and dots aside ("Node.js" is "nodejs"). */
export function resumeSkillKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[\s.\-_]+/g, '');
}

function skillType(name: string): ParsedSkill['skill_type'] {
  return isSoftSkill(canonicalSkill(name)) || SOFT.test(name) ? 'soft' : 'hard';
}

/** "Tools: Terraform, Azure" → Terraform, Azure; "Xero · MYOB" → Xero, MYOB; never "References available on request". */
function listedItems(lines: ResumeLine[]): string[] {
  return lines
    .filter((line) => !REFERENCES_ON_REQUEST.test(line.text))
    .flatMap((line) => line.text.replace(/^[\p{L}][\p{L} &/-]{1,30}:\s+/u, '').split(ITEM_SEPARATOR))
    .map((item) => item.replace(/^(and|&)\s+/i, '').replace(/[.\s]+$/, '').trim())
    .filter((item) => (item.length > 1 || /^\p{Lu}$/u.test(item)) && item.length <= MAX_LENGTH && item.split(' ').length <= MAX_WORDS && !(/^\p{Ll}/u.test(item) && item.split(' ').length > 3));
}

export interface FoundSkills {
  skills: ParsedSkill[];
  /** Listed by the candidate in a skills section, or only recognised in the text by the shared vocabulary. */
  listed: boolean;
}

/**
 * Skills as the candidate wrote them in their skills section, one per item (never rewritten into the shared
 * vocabulary's categories: Xero and MYOB stay two skills). Without a skills section, the vocabulary's skills
 * mentioned anywhere, in its canonical spelling, marked as not listed.
 */
export function findResumeSkills(skillLines: ResumeLine[], fallbackText: string): FoundSkills {
  const listed = skillLines.length > 0;
  const names = listed ? listedItems(skillLines) : findSkills(fallbackText);
  const seen = new Set<string>();
  const skills: ParsedSkill[] = [];
  for (const name of names) {
    const key = resumeSkillKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    skills.push({ skill_name: name, skill_type: skillType(name) });
  }
  return { skills: skills.slice(0, MAX_SKILLS), listed };
}
