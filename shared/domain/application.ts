import type { APPLICATION_STATUSES } from './value-sets';

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An application as the members of the role's organisation see it: no candidate personal data. */
export interface Application {
  id: string;
  candidate_id: string;
  job_role_id: string;
  status: ApplicationStatus;
  match_score: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An application as its candidate sees it: where they applied, and where it stands; no staff ranking. */
export interface CandidateApplication {
  id: string;
  job_role_id: string;
  job_role_title: string;
  job_role_department: string | null;
  job_role_location: string | null;
  organisation_id: string;
  organisation_name: string;
  status: ApplicationStatus;
  created_at: string;
  updated_at: string;
}
