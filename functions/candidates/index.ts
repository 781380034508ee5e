import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { addEducationFunction } from './add-education';
import { addEmploymentFunction } from './add-employment';
import { addSkillFunction } from './add-skill';
import { deiSummaryFunction } from './dei-summary';
import { deleteCandidateDeiFunction } from './delete-candidate-dei';
import { getCandidateDeiFunction } from './get-candidate-dei';
import { getCandidateProfileFunction } from './get-candidate-profile';
import { patchCandidateProfileFunction } from './patch-candidate-profile';
import { putCandidateDeiFunction } from './put-candidate-dei';
import { putCandidateProfileFunction } from './put-candidate-profile';
import { removeEducationFunction } from './remove-education';
import { removeEmploymentFunction } from './remove-employment';
import { removeSkillFunction } from './remove-skill';
import { updateEducationFunction } from './update-education';
import { updateEmploymentFunction } from './update-employment';
import { updateSkillFunction } from './update-skill';
import { viewCandidateProfileFunction } from './view-candidate-profile';
import { applicantCvLinkFunction, ownCvLinkFunction } from './cv-links';

export const candidatesFunctions: FunctionDefinition[] = [
  getCandidateProfileFunction as FunctionDefinition,
  putCandidateProfileFunction as FunctionDefinition,
  patchCandidateProfileFunction as FunctionDefinition,
  viewCandidateProfileFunction as FunctionDefinition,
  ownCvLinkFunction as FunctionDefinition,
  applicantCvLinkFunction as FunctionDefinition,
  addEmploymentFunction as FunctionDefinition,
  updateEmploymentFunction as FunctionDefinition,
  removeEmploymentFunction as FunctionDefinition,
  addEducationFunction as FunctionDefinition,
  updateEducationFunction as FunctionDefinition,
  removeEducationFunction as FunctionDefinition,
  addSkillFunction as FunctionDefinition,
  updateSkillFunction as FunctionDefinition,
  removeSkillFunction as FunctionDefinition,
  getCandidateDeiFunction as FunctionDefinition,
  putCandidateDeiFunction as FunctionDefinition,
  deleteCandidateDeiFunction as FunctionDefinition,
  deiSummaryFunction as FunctionDefinition,
];
