/**
 * The interview plan, enforced by the server: a greeting that asks for an introduction, then the role's
 * questions one per turn (uncovered competencies next), then a wrap-up; a hard time cap ends it early.
 */
export const PRACTICE_QUESTION_COUNT = 5;

/**
 * The practice plan: five questions that suit any role. The greeting's "tell me about yourself" is the first (as
 * in every plan, it is question 0); these four follow in order, each after a tip on the last answer.
 */
export function practiceQuestions(roleTitle: string): string[] {
  return [
    `What draws you to ${roleTitle} work, and what do you bring to it?`,
    'Tell me about a piece of work you are proud of and your part in it.',
    'Describe a time something went wrong at work. What did you do, and what was the result?',
    'Tell me about a time you disagreed with someone you worked with. How did you handle it?',
  ];
}
export const HARD_CAP_MS = 15 * 60 * 1000;

export type NextAction =
  | { kind: 'greet' }
  | { kind: 'ask'; question: string; focus: string | null }
  | { kind: 'wrap_up'; reason: 'questions_done' | 'time_up' };

export interface PlanState {
  /** Turns the interviewer has taken that asked something (the greeting is question 0). */
  question_index: number;
  total_questions: number;
  questions: string[];
  competencies_to_cover: string[];
  competencies_covered: string[];
  elapsed_ms: number;
  is_opening: boolean;
}

export function nextAction(state: PlanState): NextAction {
  if (state.is_opening) return { kind: 'greet' };
  if (state.elapsed_ms >= HARD_CAP_MS) return { kind: 'wrap_up', reason: 'time_up' };
  if (state.question_index >= state.total_questions) return { kind: 'wrap_up', reason: 'questions_done' };
  const uncovered = state.competencies_to_cover.filter((c) => !state.competencies_covered.some((d) => d.toLowerCase() === c.toLowerCase()));
  const planned = state.questions[state.question_index - 1];
  const focus = uncovered[0] ?? null;
  const question = planned ?? (focus ? `Can you walk me through a specific example of your experience with ${focus}?` : 'Tell me about a piece of work you are proud of and your part in it.');
  return { kind: 'ask', question, focus };
}

/** Competencies the candidate's own words show (a whole-word, case-insensitive mention), not the interviewer's. */
export function detectCompetencies(candidateMessage: string, competencies: string[]): string[] {
  const text = candidateMessage.toLowerCase();
  return competencies.filter((competency) => {
    const escaped = competency.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
  });
}

/** The role's skills and first three experience items, as the original built them. */
export function competenciesOf(requirements: { skills?: string[]; experience?: string[] } | null): string[] {
  return [...(requirements?.skills ?? []), ...(requirements?.experience ?? []).slice(0, 3)].slice(0, 20);
}
