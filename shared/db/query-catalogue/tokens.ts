import { findAcsIdentity, insertAcsIdentity } from '../repositories/acs-identities';
import { CATALOGUE_UUID as uuid, type QueryOperations } from './operations';

/** Browser tokens: the one Communication Services identity kept per user. */
export const tokensQueries: QueryOperations = {
  findAcsIdentity: (db) => findAcsIdentity(db, uuid),
  insertAcsIdentity: (db) => insertAcsIdentity(db, { user_id: uuid, communication_user_id: '8:acs:x', created_at: new Date(0) }),
};
