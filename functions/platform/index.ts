import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { apiDocsFunction } from './api-docs';
import { expireStaleRecordsFunction } from './expire-stale-records';
import { healthFunction } from './health';
import { meFunction } from './me';
import { setAccountTypeFunction } from './me-account-type';
import { purgeRateLimitsFunction } from './purge-rate-limits';

export const platformFunctions: FunctionDefinition[] = [healthFunction, meFunction, setAccountTypeFunction, purgeRateLimitsFunction, expireStaleRecordsFunction, apiDocsFunction];
