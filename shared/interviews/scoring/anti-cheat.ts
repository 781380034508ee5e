import type { SignalCounts } from './score-interview-task';
import type { AntiCheatSignal } from '../../domain/interview-signals';
import type { RISK_LEVELS } from '../../domain/value-sets';
import { candidateAnswers, looksLikeScorerInstruction, sentencesOf, type SpokenSegment } from './evidence';

export type RiskLevel = (typeof RISK_LEVELS)[number];

const ORDER: readonly RiskLevel[] = ['low', 'medium', 'high'];

export function countSignals(signals: readonly AntiCheatSignal[]): SignalCounts {
  const counts: SignalCounts = { tab_switch: 0, silence: 0, latency: 0 };
  for (const signal of signals) if (signal.type in counts) counts[signal.type] += 1;
  return counts;
}

/** Sentences of the candidate's answers written to the scorer instead of to the interviewer. */
export function countScorerInstructions(transcript: readonly SpokenSegment[]): number {
  return candidateAnswers(transcript).flatMap(sentencesOf).filter(looksLikeScorerInstruction).length;
}

interface PlatformFinding {
  level: RiskLevel;
  note: string;
}

/** The platform's own reading of the signals, whatever the model said: a floor under its risk level. */
function platformFindings(counts: SignalCounts, scorerInstructions: number): PlatformFinding[] {
  const findings: PlatformFinding[] = [];
  if (counts.tab_switch >= 3) findings.push({ level: counts.tab_switch >= 6 ? 'high' : 'medium', note: `${counts.tab_switch} tab switches were recorded.` });
  if (counts.silence >= 4) findings.push({ level: 'medium', note: `${counts.silence} long silences were recorded.` });
  if (counts.latency >= 5) findings.push({ level: 'medium', note: `${counts.latency} slow answers were recorded.` });
  if (scorerInstructions > 0) {
    findings.push({ level: 'medium', note: `${scorerInstructions} statement(s) in the candidate's answers addressed the scorer; they were ignored as evidence.` });
  }
  return findings;
}

const higher = (a: RiskLevel, b: RiskLevel): RiskLevel => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

export interface AntiCheatAssessment {
  anti_cheat_risk_level: RiskLevel;
  anti_cheat_notes: string | null;
}

/** The higher of the model's level and the platform's; the model's notes, then the platform's. */
export function assessAntiCheat(model: AntiCheatAssessment, counts: SignalCounts, scorerInstructions: number): AntiCheatAssessment {
  const findings = platformFindings(counts, scorerInstructions);
  const level = findings.reduce((current, f) => higher(current, f.level), model.anti_cheat_risk_level);
  const platform = findings.length > 0 ? `Platform checks: ${findings.map((f) => f.note).join(' ')}` : null;
  const notes = [model.anti_cheat_notes, platform].filter((n): n is string => n !== null && n.trim().length > 0).join('\n');
  return { anti_cheat_risk_level: level, anti_cheat_notes: notes.length > 0 ? notes.slice(0, 2000) : null };
}
