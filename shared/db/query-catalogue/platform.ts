import { randomUUID } from 'node:crypto';
import type { Caller } from '../../auth/caller';
import { createOrganisation } from '../../organisations/create-organisation';
import { appendAudit } from '../repositories/audit-log';
import {
  findOrganisationForMember,
  findOrganisationIdByIdOrName,
  insertMembership,
  setMembershipRole,
} from '../repositories/organisations';
import { deleteIdempotencyRecordsBefore } from '../repositories/idempotency';
import { expireLapsedInvitations } from '../repositories/invitations';
import { countHits, deleteExpiredCounters } from '../repositories/rate-limit-counters';
import { claimLegacyUser, findAccountType, findUnclaimedLegacyUsers, findUsersWithEmailElsewhere, hasCandidateRecords, linkIdentity, listMemberships, provisionUser, setAccountTypeOnce } from '../repositories/users';
import { withSessionContext } from '../session-context';

import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

const caller: Caller = {
  user: { id: uuid, email: null, display_name: null, created_at: '', last_sign_in_at: '' },
  memberships: [],
  operator: false,
  verified_email: null,
};

/** Platform, users and organisations. */
export const platformQueries: QueryOperations = {
  // What a scope's first statement looks like on Azure SQL: the row-level security context in front of it.
  withSessionContext: (db) => db.executeQuery(withSessionContext(db.selectFrom('users').select('id').where('id', '=', uuid).compile(), { userId: uuid, kind: 'user' })),
  provisionUser: (db) => provisionUser(db, { issuer: 'i', subject: 's', email: null, emailVerified: false, displayName: null }),
  findUnclaimedLegacyUsers: (db) => findUnclaimedLegacyUsers(db, 'a@example.com'),
  findUsersWithEmailElsewhere: (db) => findUsersWithEmailElsewhere(db, 'A@example.com', 'i'),
  linkIdentity: (db) => linkIdentity(db, uuid, { issuer: 'i', subject: 's', email: 'a@example.com', emailVerified: true, displayName: null }, new Date(0)),
  claimLegacyUser: (db) => claimLegacyUser(db, uuid, { issuer: 'i', subject: 's', email: null, emailVerified: false, displayName: null }, new Date(0)),
  listMemberships: (db) => listMemberships(db, uuid),
  hasCandidateRecords: (db) => hasCandidateRecords(db, uuid),
  findAccountType: (db) => findAccountType(db, uuid),
  setAccountTypeOnce: (db) => setAccountTypeOnce(db, uuid, 'organisation'),
  createOrganisation: (db) =>
    createOrganisation(db, caller, { name: 'n', industry: null, website: null, description: null, billing_email: null }, { ipAddress: '' }),
  insertMembership: (db) =>
    insertMembership(db, { id: uuid, organisation_id: uuid, user_id: uuid, role: 'admin', created_at: new Date(0) }),
  findOrganisationIdByIdOrName: (db) => findOrganisationIdByIdOrName(db, 'Acme'),
  setMembershipRole: (db) => setMembershipRole(db, { organisation_id: uuid, user_id: uuid, role: 'viewer' }),
  findOrganisationForMember: (db) => findOrganisationForMember(db, uuid, uuid),
  appendAudit: (db) =>
    appendAudit(db, { user_id: uuid, organisation_id: uuid, action: 'a', entity_type: 'e', entity_id: randomUUID() }),
  countHits: (db) => countHits(db, 'mssql', new Map([['k1', 1], ['k2', 3]]), 0, 60),
  deleteExpiredCounters: (db) => deleteExpiredCounters(db, 0),
  deleteIdempotencyRecordsBefore: (db) => deleteIdempotencyRecordsBefore(db, new Date(0)),
  expireLapsedInvitations: (db) => expireLapsedInvitations(db, new Date(0)),
};
