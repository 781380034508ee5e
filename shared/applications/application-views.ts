import type { ApplicationWithRole } from '../db/repositories/applications';
import type { Application, CandidateApplication } from '../domain/application';

/** What staff of the hiring organisation see: the application itself, with its match score and version. */
export function staffViewOf({
  organisation_id: _o,
  organisation_name: _n,
  job_role_title: _t,
  job_role_department: _d,
  job_role_location: _l,
  ...application
}: ApplicationWithRole): Application {
  return application;
}

/** What the candidate sees of their application: the role and where it stands, not the staff's ranking. */
export function candidateViewOf(application: ApplicationWithRole): CandidateApplication {
  return {
    id: application.id,
    job_role_id: application.job_role_id,
    job_role_title: application.job_role_title,
    job_role_department: application.job_role_department,
    job_role_location: application.job_role_location,
    organisation_id: application.organisation_id,
    organisation_name: application.organisation_name,
    status: application.status,
    created_at: application.created_at,
    updated_at: application.updated_at,
  };
}
