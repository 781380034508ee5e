import type OpenAI from 'openai';
import type { AiSettings } from '../config/settings';
import { appCredential } from '../identity/app-credential';
import { azureIdentitySdk, openAiSdk } from '../runtime/sdk-modules';

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
    const azureADTokenProvider = azureIdentitySdk().getBearerTokenProvider(appCredential(managedIdentityClientId), 'https://cognitiveservices.azure.com/.default');
    return new AzureOpenAI({ endpoint, azureADTokenProvider, apiVersion, maxRetries: 0 });
  }
  if (ai.provider === 'openai-compatible' && ai.compatible) {
    return new OpenAI({ baseURL: ai.compatible.baseUrl, apiKey: ai.compatible.apiKey ?? 'none', maxRetries: 0 });
  }
  throw new Error(`AI provider ${ai.provider} is not configured`);
}
