import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { addEducationFunction } from './add-education';
import { addEmploymentFunction } from './add-employment';
import { addSkillFunction } from './add-skill';
import { deiSummaryFunction } from './dei-summary';
import { deleteCandidateDeiFunction } from './delete-candidate-dei';
import { getCandidateDeiFunction } from './get-candidate-dei';
import { getCandidateProfileFunction } from './get-candidate-profile';
import { patchCandidateProfileFunction } from './patch-candidate-profile';
import { pauseCandidateProfileFunction } from './pause-candidate-profile';
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
  getCandidateProfileFunction,
  putCandidateProfileFunction,
  patchCandidateProfileFunction,
  pauseCandidateProfileFunction,
  viewCandidateProfileFunction,
  ownCvLinkFunction,
  applicantCvLinkFunction,
  addEmploymentFunction,
  updateEmploymentFunction,
  removeEmploymentFunction,
  addEducationFunction,
  updateEducationFunction,
  removeEducationFunction,
  addSkillFunction,
  updateSkillFunction,
  removeSkillFunction,
  getCandidateDeiFunction,
  putCandidateDeiFunction,
  deleteCandidateDeiFunction,
  deiSummaryFunction,
];
