import type { ApplicationStatus } from '../domain/application';

/** The hiring pipeline: each status and the ones staff may move an application to from there. */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  applied: ['shortlisted', 'rejected'],
  shortlisted: ['invited', 'rejected'],
  invited: ['interviewed', 'rejected'],
  interviewed: ['scoring', 'reviewed', 'rejected'],
  scoring: ['reviewed'],
  reviewed: ['hired', 'rejected'],
  rejected: [],
  hired: [],
};
