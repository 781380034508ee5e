import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { dataRetentionCleanupFunction, dataRetentionTimerFunction } from './data-retention-cleanup';
import { deleteCandidateAccountFunction } from './delete-candidate-account';
import { createDeletionRequestFunction } from './deletion-requests-create';
import { exportCandidateDataFunction } from './export-candidate-data';
import { listDeletionRequestsFunction } from './deletion-requests-list';
import { listOrganisationDeletionRequestsFunction } from './list-organisation-deletion-requests';
import { processDeletionRequestFunction } from './process-deletion-request';

export const privacyFunctions: FunctionDefinition[] = [
  createDeletionRequestFunction,
  listDeletionRequestsFunction,
  deleteCandidateAccountFunction,
  exportCandidateDataFunction,
  listOrganisationDeletionRequestsFunction,
  dataRetentionCleanupFunction,
  dataRetentionTimerFunction,
  processDeletionRequestFunction,
];
