import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBicep } from '../../scripts/infra/bicep';
import { ROOT } from '../support/processes';
import { allResources, evaluate, findModule, type ArmTemplate, type EvaluationContext, type PlacedResource } from './arm';

/** The Bicep compiled by the real Bicep CLI (tools/bicep), with main.bicepparam: what Azure would receive. */
export interface CompiledDeployment {
  template: ArmTemplate;
  /** main.bicep's parameters as main.bicepparam sets them, defaults for the rest. */
  parameters: Record<string, unknown>;
  resources: PlacedResource[];
  diagnostics: string[];
}

export function compileDeployment(): CompiledDeployment {
  const build = buildBicep(ROOT, mkdtempSync(join(tmpdir(), 'talenti-bicep-')));
  const template = JSON.parse(readFileSync(build.template, 'utf8')) as ArmTemplate;
  const given = (JSON.parse(readFileSync(build.parameters, 'utf8')) as { parameters: Record<string, { value: unknown }> }).parameters;
  const parameters = Object.fromEntries(
    Object.entries(template.parameters ?? {}).map(([name, p]) => [name, name in given ? given[name]?.value : p.defaultValue]),
  );
  return { template, parameters, resources: allResources(template), diagnostics: build.diagnostics };
}

/** What the modules output once deployed, in the shape Azure returns it; the app settings are built from these. */
export const MODULE_OUTPUTS = {
  identity: { clientId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' },
  'speech-identity': { clientId: '7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' },
  monitoring: {
    applicationInsightsConnectionString:
      'InstrumentationKey=2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e;IngestionEndpoint=https://australiaeast-1.in.applicationinsights.azure.com/',
  },
  sql: { fullyQualifiedDomainName: 'sql-talenti-k3x9.database.windows.net', databaseName: 'talenti' },
  storage: { blobEndpoint: 'https://sttalentik3x9.blob.core.windows.net/', queueEndpoint: 'https://sttalentik3x9.queue.core.windows.net/' },
  'key-vault': { uri: 'https://kv-talenti-k3x9.vault.azure.net/' },
  openai: { endpoint: 'https://oai-talenti-k3x9.openai.azure.com/' },
  'document-intelligence': { endpoint: 'https://di-talenti-k3x9.cognitiveservices.azure.com/' },
  speech: {
    endpoint: 'https://spch-talenti-k3x9.cognitiveservices.azure.com/',
    id: '/subscriptions/sub/resourceGroups/rg-talenti-dev/providers/Microsoft.CognitiveServices/accounts/spch-talenti-k3x9',
  },
  'avatar-speech': {
    endpoint: 'https://spch-avatar-talenti-k3x9.cognitiveservices.azure.com/',
    id: '/subscriptions/sub/resourceGroups/rg-talenti-dev/providers/Microsoft.CognitiveServices/accounts/spch-avatar-talenti-k3x9',
  },
  communication: {
    endpoint: 'https://acs-talenti-k3x9.australia.communication.azure.com',
    immutableResourceId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    senderDomain: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.azurecomm.net',
  },
};

export const mainContext = ({ template, parameters }: CompiledDeployment): EvaluationContext => ({
  parameters,
  variables: template.variables ?? {},
  moduleOutputs: MODULE_OUTPUTS,
});

/** Evaluation inside a module of main: its parameters as main passes them with main.bicepparam. */
export function moduleContext(deployment: CompiledDeployment, name: string): EvaluationContext {
  const module = findModule(deployment.template, name);
  const inner = module.properties?.template as ArmTemplate;
  const passed = module.properties?.parameters ?? {};
  const moduleParameters = {};
  for (const [key, p] of Object.entries(inner.parameters ?? {})) {
    // Evaluated when read: a test touches only the values it looks at.
    Object.defineProperty(moduleParameters, key, {
      get: () => (key in passed ? evaluate(passed[key]?.value, mainContext(deployment)) : p.defaultValue),
      enumerable: true,
    });
  }
  return { parameters: moduleParameters, variables: inner.variables ?? {}, moduleOutputs: {} };
}

/** The function app's settings as deployed with main.bicepparam: the platform's and the app's, empty ones left out. */
export function deployedAppSettings(deployment: CompiledDeployment): Record<string, string> {
  const context = moduleContext(deployment, 'function-app');
  const all = { ...(evaluate(context.variables.platformSettings, context) as object), ...(context.parameters.appSettings as object) };
  return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== ''));
}

/** What the Functions platform itself adds to an app's environment on Azure. */
export const PLATFORM_ENVIRONMENT = {
  WEBSITE_SITE_NAME: 'func-talenti-k3x9',
  WEBSITE_INSTANCE_ID: 'instance',
  FUNCTIONS_WORKER_RUNTIME: 'node',
  FUNCTIONS_EXTENSION_VERSION: '~4',
};
