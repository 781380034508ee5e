import type { ScoringDimension } from '../../domain/job-role';
import type { DimensionAssessment, ScoreInterviewInput, ScoreInterviewOutput } from './score-interview-task';
import { findSkills, isSoftSkill, skillKey } from '../../skills/skill-vocabulary';
import { MIN_QUOTE_WORDS, candidateAnswers, looksLikeScorerInstruction, sentencesOf } from './evidence';

/**
 * The offline provider's scorer: deterministic rules over the candidate's own sentences, citing those sentences
 * as quotes. Sentences addressed to the scorer are skipped, so "give me 10 for everything" moves no score.
 */

interface Sentence {
  text: string;
  words: string[];
  answer: number;
}

interface Finding {
  score: number;
  evidence: string;
  /** Sentences that support the score, best first. */
  support: Sentence[];
}

const MAX_QUOTES = 3;
const MAX_QUOTE_LENGTH = 300;

const STOPWORDS = new Set(
  ('about above after again against because before being below between could doing during every further having ' +
    'their theirs there these those through under until where which while would should other others really thing ' +
    'things something years experience including within across working strong ability skills using great looking ' +
    'candidate candidates company role roles required requirements preferred responsible responsibilities ideal ' +
    'ideally plus understanding knowledge demonstrated excellent environment opportunity').split(' '),
);

const TEAMWORK = /\b(team|teams|together|collaborat\w*|colleague\w*|help(ed|ing)?|support(ed|ing)?|mentor\w*|shar(e|ed|ing)|feedback|respect\w*|inclusive|trust\w*)\b/i;
const MOTIVATION = /\b(excit\w*|passion\w*|love|enjoy\w*|interest\w*|motivat\w*|keen|eager|want to|would like to|looking forward|goals?|aspir\w*|learn\w*|grow\w*|curious|drawn to)\b/i;
const CONNECTIVE = /\b(because|so that|therefore|first|then|finally|for example|for instance|as a result|which meant|after that|in the end)\b/i;
const OUTCOME = /\b(reduced|increased|improved|delivered|launched|shipped|led|grew|saved|cut|built|migrated|scaled|designed|managed|achieved|won|completed|halved|doubled)\b/gi;
const QUANTITY = /\b\d[\d,.]*\s*(%|percent|per cent|years?|months?|weeks?|days?|hours?|people|engineers|developers|users|customers|clients|staff|k\b|m\b|million|thousand|dollars)?/i;
const OWNERSHIP = /\bI\s+(led|built|designed|decided|delivered|owned|created|drove|ran|launched|implemented|wrote|managed|solved|fixed|introduced|proposed|migrated|architected|negotiated|mentored)\b/i;
const HEDGE = /\b(maybe|perhaps|i guess|not sure|kind of|sort of|probably|i suppose|um+|uh+)\b/gi;

const clampScore = (n: number) => Math.min(10, Math.max(0, Math.round(n * 2) / 2));

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

function termOf(word: string): string {
  return word.replace(/['’]s$/, '').replace(/(ies)$/, 'y').replace(/s$/, '');
}

function contentTerms(text: string, minLength: number): Set<string> {
  return new Set(wordsOf(text).filter((w) => w.length >= minLength && !STOPWORDS.has(w)).map(termOf));
}

function candidateSentences(input: ScoreInterviewInput): Sentence[] {
  return candidateAnswers(input.transcript).flatMap((answer, index) =>
    sentencesOf(answer)
      .map((text) => ({ text, words: wordsOf(text), answer: index }))
      .filter((s) => s.words.length >= MIN_QUOTE_WORDS && !looksLikeScorerInstruction(s.text)),
  );
}

/** The best-weighted sentences first; equal weights keep the order they were said in. */
function strongest(sentences: Sentence[], weight: (s: Sentence) => number): Sentence[] {
  return sentences
    .map((s, order) => ({ s, w: weight(s), order }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w || a.order - b.order)
    .map((x) => x.s);
}

function count(pattern: RegExp, text: string): number {
  return (text.match(pattern) ?? []).length;
}

function listed(items: Iterable<string>, max = 4): string {
  return [...items].slice(0, max).join(', ');
}

function technicalSkills(input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  const required = new Set(input.role.skills.flatMap((line) => [skillKey(line), ...findSkills(line).map(skillKey)]));
  const requiredSaid = new Set<string>();
  const otherSaid = new Set<string>();
  const support = strongest(sentences, (s) => {
    const hard = findSkills(s.text).filter((skill) => !isSoftSkill(skill));
    hard.forEach((skill) => (required.has(skillKey(skill)) ? requiredSaid : otherSaid).add(skill));
    return hard.filter((skill) => required.has(skillKey(skill))).length * 2 + hard.length;
  });
  if (support.length === 0) return { score: 2, evidence: 'The candidate named no technical skills or tools in their answers.', support };
  const score = 2 + 2 * Math.min(requiredSaid.size, 3) + 0.5 * Math.min(otherSaid.size, 2) + (support.length >= 3 ? 1 : 0);
  const parts = [requiredSaid.size > 0 ? `spoke about ${listed(requiredSaid)} from the role's required skills` : 'named none of the required skills'];
  if (otherSaid.size > 0) parts.push(`also mentioned ${listed(otherSaid)}`);
  return { score, evidence: `The candidate ${parts.join(' and ')}, in ${support.length} statement(s).`, support };
}

function domainKnowledge(input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  const { role } = input;
  const domain = contentTerms([role.title, role.description ?? '', ...role.responsibilities, ...role.experience, ...role.qualifications].join(' '), 5);
  const said = new Set<string>();
  const support = strongest(sentences, (s) => {
    const hits = s.words.map(termOf).filter((t) => domain.has(t));
    hits.forEach((t) => said.add(t));
    return new Set(hits).size;
  });
  if (support.length === 0) return { score: 2, evidence: "The candidate's answers used none of the role's subject matter.", support };
  return { score: 2 + Math.min(said.size, 8), evidence: `The candidate used ${said.size} term(s) from the role's subject matter, e.g. ${listed(said)}.`, support };
}

function experienceDepth(_input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  let quantified = 0;
  const support = strongest(sentences, (s) => {
    const outcomes = count(OUTCOME, s.text);
    const hasQuantity = QUANTITY.test(s.text);
    if (hasQuantity && outcomes > 0) quantified += 1;
    const weight = (hasQuantity ? 2 : 0) + outcomes;
    return weight >= 2 ? weight : 0;
  });
  if (support.length === 0) return { score: 2, evidence: 'The candidate described no concrete outcomes, numbers or time frames.', support };
  const score = 2 + 1.5 * Math.min(support.length, 4) + (quantified > 0 ? 2 : 0);
  return { score, evidence: `${support.length} statement(s) described concrete work${quantified > 0 ? `, ${quantified} with measurable results` : ''}.`, support };
}

function communication(input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  if (sentences.length === 0) return { score: 1, evidence: 'The candidate gave no answers long enough to judge.', support: [] };
  const answers = new Set(sentences.map((s) => s.answer));
  const developed = [...answers].filter((a) => sentences.filter((s) => s.answer === a).length >= 2).length;
  const average = sentences.reduce((sum, s) => sum + s.words.length, 0) / sentences.length;
  const support = strongest(sentences, (s) => (CONNECTIVE.test(s.text) ? 2 : 0) + (s.words.length >= 8 && s.words.length <= 40 ? 1 : 0));
  const connected = sentences.filter((s) => CONNECTIVE.test(s.text)).length;
  const score = 3 + 3 * (developed / answers.size) + Math.min(connected, 3) + (average >= 8 && average <= 35 ? 1 : 0);
  return {
    score,
    evidence: `${developed} of ${answers.size} answer(s) were developed over several sentences; ${connected} sentence(s) explained reasons or sequence; about ${Math.round(average)} words per sentence.`,
    support: support.filter((s) => s.words.length >= 6),
  };
}

function vocabulary(_input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  const words = sentences.flatMap((s) => s.words).filter((w) => w.length >= 4);
  if (words.length === 0) return { score: 1, evidence: 'Too little was said to judge vocabulary.', support: [] };
  const distinct = new Set(words);
  const long = new Set(words.filter((w) => w.length >= 9));
  const variety = distinct.size / words.length;
  const support = strongest(sentences, (s) => new Set(s.words.filter((w) => w.length >= 9)).size);
  const score = 2 + Math.min(6, long.size * 0.5) + (variety > 0.6 ? 2 : variety > 0.45 ? 1 : 0);
  return { score, evidence: `${long.size} distinct longer word(s) and a word variety of ${Math.round(variety * 100)}%.`, support };
}

function cultureFit(input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  const values = input.organisation_values.map((value) => ({ value, terms: contentTerms(value, 4) })).filter((v) => v.terms.size > 0);
  const matched = new Set<string>();
  const support = strongest(sentences, (s) => {
    const terms = new Set(s.words.map(termOf));
    const hits = values.filter((v) => [...v.terms].some((t) => terms.has(t)));
    hits.forEach((v) => matched.add(v.value));
    return hits.length * 2 + (TEAMWORK.test(s.text) ? 1 : 0);
  });
  if (support.length === 0) return { score: 2, evidence: 'The candidate said nothing about teamwork or the organisation’s values.', support };
  const teamwork = sentences.filter((s) => TEAMWORK.test(s.text)).length;
  const score = 2 + 2 * Math.min(matched.size, 3) + Math.min(teamwork, 2);
  const about = matched.size > 0 ? `spoke to the values ${listed(matched)}` : 'matched none of the organisation’s stated values';
  return { score, evidence: `The candidate ${about}; ${teamwork} statement(s) about working with others.`, support };
}

function motivation(input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  const roleTerms = contentTerms(input.role.title, 4);
  const support = strongest(sentences, (s) => (MOTIVATION.test(s.text) ? 2 : 0) + (s.words.some((w) => roleTerms.has(termOf(w))) ? 1 : 0));
  const motivated = support.filter((s) => MOTIVATION.test(s.text));
  if (motivated.length === 0) return { score: 2, evidence: 'The candidate did not say why they want this role or what drives them.', support: [] };
  const aboutRole = motivated.some((s) => s.words.some((w) => roleTerms.has(termOf(w))));
  return { score: 2 + 2 * Math.min(motivated.length, 3) + (aboutRole ? 2 : 0), evidence: `${motivated.length} statement(s) about interest and goals${aboutRole ? ', tied to this role' : ''}.`, support: motivated };
}

function confidence(_input: ScoreInterviewInput, sentences: Sentence[]): Finding {
  const hedges = sentences.reduce((sum, s) => sum + count(HEDGE, s.text), 0);
  const support = sentences.filter((s) => OWNERSHIP.test(s.text));
  if (support.length === 0) return { score: Math.max(1, 3 - Math.min(hedges, 2)), evidence: 'The candidate described no decisions or work as their own.', support };
  return {
    score: 5 + Math.min(support.length, 4) - Math.min(hedges, 4) + (hedges === 0 ? 1 : 0),
    evidence: `${support.length} statement(s) took ownership of decisions or work; ${hedges} hedge(s) such as "maybe" or "sort of".`,
    support,
  };
}

const RULES: Record<ScoringDimension, (input: ScoreInterviewInput, sentences: Sentence[]) => Finding> = {
  technical_skills: technicalSkills,
  domain_knowledge: domainKnowledge,
  experience_depth: experienceDepth,
  communication,
  vocabulary,
  culture_fit: cultureFit,
  motivation,
  confidence,
};

/** A sentence as a quote: whole if it fits, else cut at a word boundary so it still matches what was said. */
function asQuote(sentence: string): string {
  if (sentence.length <= MAX_QUOTE_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_QUOTE_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > 0 ? cut.slice(0, lastSpace).trim() : cut;
}

function summarise(input: ScoreInterviewInput, dimensions: DimensionAssessment[], answered: number): Pick<ScoreInterviewOutput, 'narrative_summary' | 'candidate_feedback'> {
  const label = (d: DimensionAssessment) => input.rubric.find((r) => r.dimension === d.dimension)?.label ?? d.dimension;
  const ranked = [...dimensions].sort((a, b) => b.score - a.score);
  const best = ranked.slice(0, 2);
  const weakest = ranked.slice(-2).reverse();
  const narrative = [
    `Scored by the offline rules (no AI model): keyword, number and sentence-structure checks over the candidate's ${answered} answer(s) for the ${input.role.title} role, citing the candidate's own sentences.`,
    `Strongest areas: ${best.map((d) => `${label(d)} (${d.score}/10)`).join(' and ')}. Weakest areas: ${weakest.map((d) => `${label(d)} (${d.score}/10)`).join(' and ')}.`,
    ...dimensions.map((d) => `${label(d)}: ${d.evidence}`),
  ].join('\n\n');
  const feedback =
    `Thank you for interviewing for the ${input.role.title} role. Your answers were strongest in ${best.map(label).join(' and ').toLowerCase()}. ` +
    `To strengthen ${weakest.map(label).join(' and ').toLowerCase()}, give specific examples: what you did yourself, how you went about it, and the result, with numbers where you can.`;
  return { narrative_summary: narrative.slice(0, 5000), candidate_feedback: feedback.slice(0, 2000) };
}

export function scoreOffline(input: ScoreInterviewInput): ScoreInterviewOutput {
  const sentences = candidateSentences(input);
  const dimensions = input.rubric.map(({ dimension }) => {
    const finding = RULES[dimension](input, sentences);
    const quotes = [...new Set(finding.support.slice(0, MAX_QUOTES).map((s) => asQuote(s.text)))];
    return { dimension, score: clampScore(finding.score), evidence: finding.evidence.slice(0, 600), cited_quotes: quotes };
  });
  const answered = new Set(sentences.map((s) => s.answer)).size;
  return { dimensions, ...summarise(input, dimensions, answered), anti_cheat_risk_level: 'low', anti_cheat_notes: null };
}
