/** What a job line's parts are: a title, an employer, or a place. */
const TITLE_WORD =
  /\b(engineer|developer|manager|analyst|consultant|officer|assistant|lead|leader|director|coordinator|specialist|designer|nurse|teacher|intern|administrator|architect|accountant|associate|executive|representative|advis[eo]r|technician|scientist|supervisor|head|chief|graduate|programmer|tester|founder|clerk|receptionist|agent|partner|president|cto|ceo|cfo|coo|practitioner|therapist|physiotherapist|pharmacist|solicitor|lawyer|paralegal|writer|editor|producer|lecturer|tutor|researcher|apprentice|operator|planner|strategist|recruiter|buyer|controller|auditor|bookkeeper|chef|cook|electrician|plumber|gasfitter|carpenter|fitter|mechanic|driver|attendant|cashier|barista|owner|worker|carer|storeperson|labourer|hand|educator|principal|counsellor|psychologist|dietitian|paramedic|midwife|surgeon|doctor|registrar|dentist|sous|de partie|crew|member|volunteer|contractor|freelancer|trainee|cadet|secretary|teller|banker|broker|underwriter|estimator|surveyor|draftsperson|drafter|foreman|superintendent|inspector|investigator|case ?worker)s?\b/i;
const COMPANY_WORD =
  /\b(pty|ltd|limited|inc|llc|plc|group|bank|hospital|health|council|department|dept|university|school|college|institute|tafe|services?|solutions|transport|consulting|partners|lawyers|authority|office|agency|commission|airways|airlines|energy|australia|australian|warehouse|club|centre|center|clinic|foundation|company|co|corporation|corp|holdings|industries|studio|bistro|restaurant|cafe|café|hotel|homes|building|construction|electrical|plumbing|chemists?|pharmacy|care|government|steel|mining|media|creative|branding|festival)\b/i;

const STATES = '(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)';
const CITIES = /^(sydney|melbourne|brisbane|perth|adelaide|hobart|canberra|darwin|gold coast|newcastle|geelong|wollongong|cairns|townsville|remote|hybrid|remote work|work from home)(,\s*(australia|au))?$/i;
const PLACE = new RegExp(`^(?:[\\p{Lu}][\\p{L}'’ .-]*,?\\s+)?${STATES}\\b(?:\\s*\\d{4})?(?:,?\\s*(?:Australia|AU))?$`, 'u');

/** "Westmead NSW", "Pilbara WA", "Remote": a place; "Service NSW", "TAFE NSW", "Transport for NSW": an employer. */
export function isLocation(part: string): boolean {
  if (CITIES.test(part)) return true;
  if (!PLACE.test(part)) return false;
  const place = part.replace(new RegExp(`\\b${STATES}\\b.*$`), '');
  return !COMPANY_WORD.test(place) && !/(^|\s)\p{Ll}/u.test(place) && !/\b\p{Lu}{3,}\b/u.test(place);
}

/** Separators writers put between title, employer and place: pipes, dashes, middots, commas, "at", wide gaps. */
const PART_SEPARATOR = /\s+[|–—·•]\s+|\s+-\s+|\s{3,}|,\s+|\s+at\s+|\s+@\s+|\s*\|\s*/;

/** Separator debris around a part; a bracket only when it has no partner inside ("Teacher (Stage 1)" keeps its own). */
export function trimPart(part: string): string {
  const trimmed = part.replace(/^[\s,|–—·-]+|[\s,|–—·-]+$/g, '');
  const open = (trimmed.match(/\(/g) ?? []).length;
  const close = (trimmed.match(/\)/g) ?? []).length;
  if (close > open) return trimmed.replace(/\)+$/, '').trim();
  if (open > close) return trimmed.replace(/^\(+/, '').replace(/\(\s*$/, '').trim();
  return trimmed.trim();
}

/** "Senior Engineer | Atlassian | Sydney NSW" → ["Senior Engineer", "Atlassian"]: the parts that are not a place. */
export function roleParts(text: string): string[] {
  return text
    .split(PART_SEPARATOR)
    .map(trimPart)
    .filter((part) => part.length > 1 && !isLocation(part));
}

function titleScore(part: string): number {
  return (TITLE_WORD.test(part) ? 2 : 0) - (COMPANY_WORD.test(part) ? 1 : 0);
}

/** Whether the first of two parts is the title (writers put the title first unless the words say otherwise). */
export function titleFirst(first: string, second: string): boolean {
  return titleScore(first) >= titleScore(second);
}

export function looksLikeTitle(part: string): boolean {
  return TITLE_WORD.test(part);
}
