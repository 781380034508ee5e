/** The OpenAPI document's tag list: one line per area, so a reader of the API reference sees what each group is. */
export const API_TAGS: Record<string, string> = {
  platform: 'Health, the signed-in user, the API document itself.',
  organisations: 'Organisations, their settings, members and audit log.',
  'job-roles': 'Job roles, their requirements, interview structure and scoring rubric.',
  applications: 'Applications to job roles and their pipeline.',
  candidates: 'The candidate’s own profile, employment, education, skills, DEI answers and CV.',
  resumes: 'Resume upload and parsing into the candidate profile.',
  shortlist: 'Ranking a role’s applicants.',
  invitations: 'Interview invitations: sending, resending, revoking, listing.',
  'interview-session': 'What a candidate does in an interview: redeem the link, consent, take turns, end it.',
  interviews: 'Interviews as staff review them: transcript, scores, overrides.',
  scoring: 'Scoring finished interviews against the role’s rubric, with verified evidence.',
  ai: 'Endpoints that call the AI model (rate limited per caller).',
  tokens: 'Short-lived tokens for Azure Speech, the avatar relay and Communication Services.',
  calls: 'Calls, call events and recordings (Azure Communication Services).',
  privacy: 'Retention, deletion requests and the candidate’s data rights.',
  fairness: 'Adverse-impact reports and scoring consistency for auditors.',
};

/** A tag an area adds before it has its line here still gets one, named after it. */
export function describeTag(name: string): string {
  return API_TAGS[name] ?? `Endpoints of the ${name.replace(/-/g, ' ')} area.`;
}
