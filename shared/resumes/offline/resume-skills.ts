import type { ParsedSkill } from '../parse-resume-task';
import { canonicalSkill, findSkills, isSoftSkill, skillKey } from '../../skills/skill-vocabulary';

const SOFT = /\b(communication|leadership|teamwork|collaboration|problem[- ]solving|time management|adaptab|empathy|negotiation|presentation|mentoring|critical thinking|attention to detail|customer service|stakeholder)/i;
const MAX_WORDS = 5;
const MAX_LENGTH = 60;
const MAX_SKILLS = 60;

/** "Languages: TypeScript, Python; Cloud: Azure" → TypeScript, Python, Azure. */
function listedItems(lines: string[]): string[] {
  return lines
    .flatMap((line) => line.replace(/^[A-Za-z][A-Za-z &/-]{1,30}:\s+/, '').split(/\s*[,;|•·]\s*/))
    .map((item) => item.replace(/^(and|&)\s+/i, '').replace(/[.\s]+$/, '').trim())
    .filter((item) => item.length > 0 && item.length <= MAX_LENGTH && item.split(' ').length <= MAX_WORDS);
}

/**
 * Skills from the skills section, in canonical spelling ("JS" is JavaScript), hard or soft. Without a skills
 * section, the vocabulary's skills found anywhere in the resume.
 */
export function findResumeSkills(skillLines: string[], fallbackText: string): ParsedSkill[] {
  const names = skillLines.length > 0 ? listedItems(skillLines).map(canonicalSkill) : findSkills(fallbackText);
  const seen = new Set<string>();
  const skills: ParsedSkill[] = [];
  for (const name of names) {
    const key = skillKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    skills.push({ skill_name: name, skill_type: isSoftSkill(name) || SOFT.test(name) ? 'soft' : 'hard' });
  }
  return skills.slice(0, MAX_SKILLS);
}
