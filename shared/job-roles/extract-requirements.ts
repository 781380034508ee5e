import { z } from 'zod';
import type { AiGateway } from '../ai/gateway';
import { extractRequirementsTask, type JobRequirements } from './extract-requirements-task';
import type { Caller } from '../auth/caller';
import { requireOrgRole } from '../auth/authorize';
import type { DbScope } from '../db/scopes';
import type { Logger } from '../observability/logger';
import { appendAudit } from '../db/repositories/audit-log';
import { findRoleForMember, saveRoleRequirements } from '../db/repositories/role-requirements';
import { ForbiddenError, NotFoundError } from '../errors';
import { multiLineText, singleLineText } from '../validation';

export const ExtractRequirementsInput = z
  .strictObject({
    jobDescription: multiLineText({ error: 'jobDescription is required' }).trim().min(20, 'Give at least a few sentences of the job description.').max(20_000),
    jobTitle: singleLineText().trim().min(1).max(200).nullish().transform((v) => v ?? null),
    roleId: z.uuid().optional().describe('Save the result to this role (its requirements and interview structure).'),
  })
  .meta({ id: 'ExtractRequirementsRequest' });

export type ExtractRequirementsInput = z.infer<typeof ExtractRequirementsInput>;

export interface ExtractedRequirements {
  requirements: JobRequirements;
  provider: string;
  prompt_version: string;
  saved_to_role: { id: string; version: number } | null;
}

/** Interview length the original set with every extraction. */
const INTERVIEW_MINUTES = 15;

/**
 * Extracts structured requirements from a job description. Staff only; with a roleId the result is saved to
 * that role (requirements + interview structure) in the same request and audited.
 */
export async function extractRequirements(data: DbScope, ai: AiGateway, caller: Caller, input: ExtractRequirementsInput, log: Logger): Promise<ExtractedRequirements> {
  const roleId = input.roleId;
  const role = roleId ? await data.run((db) => findRoleForMember(db, roleId, caller.user.id)) : null;
  if (input.roleId && !role) throw new NotFoundError('No such role in your organisations.');
  if (role) requireOrgRole(caller, role.organisation_id, ['admin', 'recruiter', 'hiring_manager']);
  if (!role && caller.memberships.length === 0) throw new ForbiddenError('Only members of an organisation can extract requirements.');

  const organisationId = role?.organisation_id ?? caller.memberships[0]?.organisation_id ?? null;
  const result = await ai.runStructured(extractRequirementsTask, { jobDescription: input.jobDescription, jobTitle: input.jobTitle ?? role?.title ?? null }, { organisationId, log });
  let saved: ExtractedRequirements['saved_to_role'] = null;
  if (role) {
    const at = new Date();
    const structure = { questions: result.value.interviewQuestions, duration_minutes: INTERVIEW_MINUTES };
    saved = await data.transaction(async (trx) => {
      const version = await saveRoleRequirements(trx, role.id, result.value, structure, at);
      await appendAudit(trx, {
        user_id: caller.user.id,
        organisation_id: role.organisation_id,
        action: 'requirements_extracted',
        entity_type: 'job_role',
        entity_id: role.id,
        new_values: { skills: result.value.skills.length, questions: structure.questions.length, provider: result.provider, prompt_version: result.prompt_version },
      }, at);
      return { id: role.id, version };
    });
  }
  return { requirements: result.value, provider: result.provider, prompt_version: result.prompt_version, saved_to_role: saved };
}
