import type { ApplicantEmployment } from './applicant';

const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365.25;

/** Days since the epoch of a YYYY-MM-DD date (or the date part of an ISO timestamp). */
export function dayIndex(isoDate: string): number {
  return Math.floor(Date.parse(isoDate.slice(0, 10)) / MS_PER_DAY);
}

/** The days a job covers, end day included; a current (or open-ended) job runs to today, never past it. */
export function jobSpan(job: ApplicantEmployment, today: number): { from: number; to: number } {
  const from = dayIndex(job.start_date);
  const to = job.is_current || job.end_date === null ? today : dayIndex(job.end_date) + 1;
  return Number.isFinite(from) && Number.isFinite(to) ? { from, to: Math.min(Math.max(to, from), today) } : { from: 0, to: 0 };
}
