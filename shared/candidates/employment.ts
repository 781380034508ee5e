import { z } from 'zod';
import { findEmployment, insertEmployment, updateCandidateRecord } from '../db/repositories/candidate-records';
import type { Employment, EmploymentFields } from '../domain/candidate-records';
import { checkDates, type RecordKind } from './candidate-records';
import { optionalText } from './profile-input';
import { multiLineText, singleLineText } from '../validation';

const fields = {
  job_title: singleLineText().trim().min(1, 'Job title is required').max(200),
  company_name: singleLineText().trim().min(1, 'Company name is required').max(200),
  start_date: z.iso.date('A date as YYYY-MM-DD'),
  end_date: z.iso.date('A date as YYYY-MM-DD').nullable(),
  is_current: z.boolean(),
  description: optionalText(4000, multiLineText),
};

export const NewEmploymentInput = z
  .strictObject({
    ...fields,
    end_date: fields.end_date.optional(),
    is_current: fields.is_current.optional(),
    description: fields.description.optional(),
  })
  .transform((input): EmploymentFields => ({ end_date: null, is_current: false, description: null, ...input }))
  .meta({ id: 'NewEmploymentRequest' });

export const EmploymentChangesInput = z.strictObject(fields).partial().meta({ id: 'EmploymentChangesRequest' });

export const employmentKind: RecordKind<Employment, EmploymentFields> = {
  name: 'employment',
  table: 'employment_history',
  entityType: 'employment_history',
  maxPerCandidate: 50,
  personalFields: ['job_title', 'company_name', 'start_date', 'end_date', 'description'],
  fieldsOf: ({ job_title, company_name, start_date, end_date, is_current, description }) => ({
    job_title, company_name, start_date, end_date, is_current, description,
  }),
  find: findEmployment,
  insert: insertEmployment,
  update: (db, userId, id, version, changes) => updateCandidateRecord(db, 'employment_history', userId, id, version, changes),
  check: async (_db, _userId, employment) => checkDates(employment),
};
