import type OpenAI from 'openai';
import type { AiSettings } from '../config/settings';
import { appCredential } from '../identity/app-credential';
import { azureIdentitySdk, openAiSdk } from '../runtime/sdk-modules';
import type { ChatStreamTarget } from './chat-stream';

const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** Entra ID through the managed identity: a bearer token the identity library caches and refreshes. */
function entraTokenProvider(managedIdentityClientId: string | undefined): () => Promise<string> {
  return azureIdentitySdk().getBearerTokenProvider(appCredential(managedIdentityClientId), COGNITIVE_SERVICES_SCOPE);
}

/**
 * The model client for the configured provider, built once. Retries are ours (withRetries), so the SDK's own
 * are off. Azure uses Entra ID through the managed identity unless an API key is configured.
 */
export function createChatClient(ai: AiSettings): OpenAI | null {
  if (ai.provider === 'offline') return null;
  const { default: OpenAI, AzureOpenAI } = openAiSdk();
  if (ai.provider === 'azure' && ai.azure) {
    const { endpoint, apiKey, apiVersion, managedIdentityClientId } = ai.azure;
    if (apiKey) return new AzureOpenAI({ endpoint, apiKey, apiVersion, maxRetries: 0 });
    return new AzureOpenAI({ endpoint, azureADTokenProvider: entraTokenProvider(managedIdentityClientId), apiVersion, maxRetries: 0 });
  }
  if (ai.provider === 'openai-compatible' && ai.compatible) {
    return new OpenAI({ baseURL: ai.compatible.baseUrl, apiKey: ai.compatible.apiKey ?? 'none', maxRetries: 0 });
  }
  throw new Error(`AI provider ${ai.provider} is not configured`);
}

/** The streamed reply's endpoint for the configured provider: the same URLs and credentials the SDK client uses. */
export function createChatStreamTarget(ai: AiSettings): ChatStreamTarget | null {
  if (ai.provider === 'offline') return null;
  if (ai.provider === 'azure' && ai.azure) {
    const { endpoint, apiKey, apiVersion, managedIdentityClientId } = ai.azure;
    const base = endpoint.replace(/\/+$/, '');
    const token = apiKey ? null : entraTokenProvider(managedIdentityClientId);
    return {
      url: (deployment) => new URL(`${base}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(apiVersion)}`),
      headers: async (): Promise<Record<string, string>> => (token ? { authorization: `Bearer ${await token()}` } : { 'api-key': apiKey as string }),
    };
  }
  if (ai.provider === 'openai-compatible' && ai.compatible) {
    const base = ai.compatible.baseUrl.replace(/\/+$/, '');
    const headers = { authorization: `Bearer ${ai.compatible.apiKey ?? 'none'}` };
    return { url: () => new URL(`${base}/chat/completions`), headers: async () => headers };
  }
  throw new Error(`AI provider ${ai.provider} is not configured`);
}
