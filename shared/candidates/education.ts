import { z } from 'zod';
import { findEducation, insertEducation, updateCandidateRecord } from '../db/repositories/candidate-records';
import type { Education, EducationFields } from '../domain/candidate-records';
import { checkDates, type RecordKind } from './candidate-records';
import { optionalText } from './profile-input';
import { singleLineText } from '../validation';

const fields = {
  institution: singleLineText().trim().min(1, 'Institution is required').max(200),
  degree: singleLineText().trim().min(1, 'Degree is required').max(200),
  field_of_study: optionalText(200),
  start_date: z.iso.date('A date as YYYY-MM-DD').nullable(),
  end_date: z.iso.date('A date as YYYY-MM-DD').nullable(),
  is_current: z.boolean(),
};

export const NewEducationInput = z
  .strictObject({
    ...fields,
    field_of_study: fields.field_of_study.optional(),
    start_date: fields.start_date.optional(),
    end_date: fields.end_date.optional(),
    is_current: fields.is_current.optional(),
  })
  .transform((input): EducationFields => ({ field_of_study: null, start_date: null, end_date: null, is_current: false, ...input }))
  .meta({ id: 'NewEducationRequest' });

export const EducationChangesInput = z.strictObject(fields).partial().meta({ id: 'EducationChangesRequest' });

export const educationKind: RecordKind<Education, EducationFields> = {
  name: 'education',
  table: 'education',
  entityType: 'education',
  maxPerCandidate: 30,
  personalFields: ['institution', 'degree', 'field_of_study', 'start_date', 'end_date'],
  fieldsOf: ({ institution, degree, field_of_study, start_date, end_date, is_current }) => ({
    institution, degree, field_of_study, start_date, end_date, is_current,
  }),
  find: findEducation,
  insert: insertEducation,
  update: (db, userId, id, version, changes) => updateCandidateRecord(db, 'education', userId, id, version, changes),
  check: async (_db, _userId, education) => checkDates(education),
};
