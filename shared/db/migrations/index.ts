import type { Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { coreSchema } from './0001-core-schema';
import { versionsAndOverrides } from './0002-versions-and-overrides';
import { rowLevelSecurity } from './0003-row-level-security';
import { aiAndShortlist } from './0004-ai-and-shortlist';
import { interviewRuntime } from './0005-interview-runtime';
import { rowLevelSecurityRuntime } from './0006-row-level-security-runtime';
import { outboxInvitationIndex } from './0007-outbox-invitation-index';
import { nullableUniqueKeys } from './0008-nullable-unique-keys';
import { privacyRetention } from './0009-privacy-retention';
import { callsAndRecordings } from './0010-calls-and-recordings';
import { interviewEndingsAndPractice } from './0012-interview-endings-and-practice';
import { shortlistOfflineStage } from './0013-shortlist-offline-stage';
import { scoringConsistency } from './0014-scoring-consistency';
import { interviewCalls } from './0017-interview-calls';
import { memberInvitations } from './0018-member-invitations';
import { accountTypes } from './0021-account-types';
import { callControl } from './0019-call-control';
import { linkedSignIns } from './0022-linked-sign-ins';
import { storedShortlistView } from './0020-stored-shortlist-view';
import { staffCallEvents } from './0023-staff-call-events';
import { shortlistReadingIndexes } from './0024-shortlist-reading-indexes';
import { shortlistStaging } from './0025-shortlist-staging';

/** Every migration in order. Names are permanent: they are recorded in the database once applied. */
export function allMigrations(types: ColumnTypes): Record<string, Migration> {
  return {
    '0001-core-schema': coreSchema(types),
    '0002-versions-and-overrides': versionsAndOverrides(types),
    '0003-row-level-security': rowLevelSecurity(types),
    '0004-ai-and-shortlist': aiAndShortlist(types),
    '0005-interview-runtime': interviewRuntime(types),
    '0006-row-level-security-runtime': rowLevelSecurityRuntime(types),
    '0007-outbox-invitation-index': outboxInvitationIndex(),
    '0008-nullable-unique-keys': nullableUniqueKeys(types),
    '0009-privacy-retention': privacyRetention(types),
    '0010-calls-and-recordings': callsAndRecordings(types),
    '0012-interview-endings-and-practice': interviewEndingsAndPractice(types),
    '0013-shortlist-offline-stage': shortlistOfflineStage(types),
    '0014-scoring-consistency': scoringConsistency(types),
    '0017-interview-calls': interviewCalls(types),
    '0018-member-invitations': memberInvitations(types),
    '0019-call-control': callControl(types),
    '0020-stored-shortlist-view': storedShortlistView(types),
    '0021-account-types': accountTypes(types),
    '0022-linked-sign-ins': linkedSignIns(types),
    '0023-staff-call-events': staffCallEvents(types),
    '0024-shortlist-reading-indexes': shortlistReadingIndexes(types),
    '0025-shortlist-staging': shortlistStaging(types),
  };
}
