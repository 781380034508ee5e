import { lazy } from './lazy';

/*
 * The heavy Azure and OpenAI SDKs, each loaded on first use (together they cost about a second of a cold start;
 * docs/performance.md). Import their types with `import type` and reach their values only through these.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const storageBlobSdk = lazy(() => require('@azure/storage-blob') as typeof import('@azure/storage-blob'));
export const storageQueueSdk = lazy(() => require('@azure/storage-queue') as typeof import('@azure/storage-queue'));
export const acsIdentitySdk = lazy(() => require('@azure/communication-identity') as typeof import('@azure/communication-identity'));
export const callAutomationSdk = lazy(() => require('@azure/communication-call-automation') as typeof import('@azure/communication-call-automation'));
export const roomsSdk = lazy(() => require('@azure/communication-rooms') as typeof import('@azure/communication-rooms'));
export const acsEmailSdk = lazy(() => require('@azure/communication-email') as typeof import('@azure/communication-email'));
export const documentIntelligenceSdk = lazy(() => require('@azure-rest/ai-document-intelligence') as typeof import('@azure-rest/ai-document-intelligence'));
export const openAiSdk = lazy(() => require('openai') as typeof import('openai'));
export const azureIdentitySdk = lazy(() => require('@azure/identity') as typeof import('@azure/identity'));
/* eslint-enable @typescript-eslint/no-require-imports */
