import { loadSettings } from '../../shared/config/settings';
import { CONTAINERS } from '../../shared/storage/blob-storage';
import { organisationFields } from '../../shared/organisations/organisation-fields';
import { evaluate, findModule, originOf, resourcesOf, type ArmTemplate } from './arm';
import { compileDeployment, deployedAppSettings, mainContext, moduleContext, MODULE_OUTPUTS, PLATFORM_ENVIRONMENT, type CompiledDeployment } from './deployment';

/**
 * The Bicep, compiled by the real Bicep CLI (tools/bicep), read as the ARM JSON Azure would receive: where things
 * go, how they authenticate, what the app is told and who may do what.
 */

const AUSTRALIA = ['australiaeast', 'australiasoutheast', 'australiacentral', 'australiacentral2'];
const QUEUES = ['invitation-emails', 'interview-scoring', 'recording-downloads', 'deletion-requests'];

let deployment: CompiledDeployment;
let template: ArmTemplate;
let parameters: Record<string, unknown>;

beforeAll(() => {
  deployment = compileDeployment();
  ({ template, parameters } = deployment);
}, 120_000);

const ofType = (type: string) => deployment.resources.filter((r) => r.resource.type.toLowerCase() === type.toLowerCase()).map((r) => r.resource);
const single = (type: string) => {
  const [only, ...more] = ofType(type);
  if (!only || more.length > 0) throw new Error(`expected one ${type}, found ${more.length + (only ? 1 : 0)}`);
  return only;
};
const props = (type: string) => single(type).properties ?? {};

describe('Bicep (compiled by the Bicep CLI)', () => {
  it('builds main.bicep and main.bicepparam with no compiler or linter warning', () => {
    expect(deployment.diagnostics).toEqual([]);
  });

  it('offers only the four Australian regions and puts every resource in `location`, except global ones and the avatar', () => {
    expect(template.parameters?.location?.allowedValues).toEqual(AUSTRALIA);
    expect(AUSTRALIA).toContain(parameters.location);
    const global = new Set([
      'Microsoft.Communication/communicationServices',
      'Microsoft.Communication/emailServices',
      'Microsoft.Communication/emailServices/domains',
      'Microsoft.EventGrid/systemTopics',
      'Microsoft.Network/privateDnsZones',
      'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    ]);
    const placed = deployment.resources.filter(({ resource }) => resource.location !== undefined);
    expect(placed.length).toBeGreaterThan(15);
    for (const { resource, placement } of placed) {
      const origin = originOf(resource.location, placement);
      const where = `${resource.type} ${resource.name}`;
      if ('literal' in origin) {
        expect([where, origin.literal]).toEqual([where, 'global']);
        expect([where, global.has(resource.type)]).toEqual([where, true]);
      } else if (origin.mainParameter === 'avatarLocation') {
        // The one exception: the avatar's Speech resource, which Australian regions do not offer.
        expect([where, placement.deployment?.name]).toEqual([where, 'avatar-speech']);
      } else {
        expect([where, origin.mainParameter]).toEqual([where, 'location']);
      }
    }
    // Communication Services and Email are global resources: their data is pinned to Australia instead.
    const communication = moduleContext(deployment, 'communication');
    expect(evaluate(props('Microsoft.Communication/communicationServices').dataLocation, communication)).toBe('Australia');
    expect(evaluate(props('Microsoft.Communication/emailServices').dataLocation, communication)).toBe('Australia');
  });

  it('turns key and local authentication off wherever Microsoft Entra ID works, with TLS 1.2 at least', () => {
    expect(props('Microsoft.Storage/storageAccounts')).toMatchObject({
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
    });
    expect(props('Microsoft.Insights/components').DisableLocalAuth).toBe(true);
    expect(props('Microsoft.OperationalInsights/workspaces').features).toMatchObject({ disableLocalAuth: true });
    expect(props('Microsoft.Sql/servers')).toMatchObject({
      minimalTlsVersion: '1.2',
      administrators: { administratorType: 'ActiveDirectory', azureADOnlyAuthentication: true },
    });
    // OpenAI, Document Intelligence and both Speech resources: a custom subdomain is what Entra tokens need.
    const accounts = ofType('Microsoft.CognitiveServices/accounts');
    expect(accounts).toHaveLength(4);
    for (const account of accounts) expect(account.properties).toMatchObject({ disableLocalAuth: true, customSubDomainName: "[parameters('name')]" });
    expect(props('Microsoft.Communication/communicationServices').disableLocalAuth).toBe(true);
    expect(props('Microsoft.KeyVault/vaults')).toMatchObject({ enableRbacAuthorization: true, enablePurgeProtection: true });
    expect(props('Microsoft.Web/sites')).toMatchObject({ httpsOnly: true, siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled' } });
    const publishing = ofType('Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(publishing.map((p) => [p.name.replace(/.*'(\w+)'\)\]$/, '$1'), p.properties?.allow])).toEqual([
      ['ftp', false],
      ['scm', false],
    ]);
    // Nothing anywhere reads a key or a connection string out of a resource.
    expect(JSON.stringify(template)).not.toMatch(/list(Keys|ConnectionStrings|Secrets)\(/i);
  });

  it('runs the app on Flex Consumption, Node 20, deployed and hosted with the managed identity', () => {
    expect(single('Microsoft.Web/serverfarms')).toMatchObject({ sku: { tier: 'FlexConsumption', name: 'FC1' } });
    const config = props('Microsoft.Web/sites').functionAppConfig as Record<string, Record<string, unknown>>;
    expect(config.runtime).toEqual({ name: 'node', version: '20' });
    expect(config.deployment?.storage).toMatchObject({ type: 'blobContainer', authentication: { type: 'UserAssignedIdentity' } });
    expect(JSON.stringify(config.scaleAndConcurrency?.alwaysReady)).toContain("'http'");
    expect(parameters.alwaysReadyHttpInstances).toBe(1);
    const settings = deployedAppSettings(deployment);
    expect(settings).toMatchObject({
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: MODULE_OUTPUTS.identity.clientId,
      AzureWebJobsStorage__blobServiceUri: MODULE_OUTPUTS.storage.blobEndpoint,
      AzureWebJobsStorage__queueServiceUri: MODULE_OUTPUTS.storage.queueEndpoint,
      STORAGE_QUEUE_URL: MODULE_OUTPUTS.storage.queueEndpoint,
    });
    // Settings Flex Consumption rejects or ignores.
    for (const name of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE', 'WEBSITE_TIME_ZONE', 'TZ']) {
      expect(settings).not.toHaveProperty(name);
    }
  });

  it('gives the app every setting shared/config/settings.ts requires on Azure, and the loader accepts them', () => {
    const settings = deployedAppSettings(deployment);
    const loaded = loadSettings({ ...PLATFORM_ENVIRONMENT, ...settings });
    expect(loaded.environment).toBe('azure');
    expect(loaded.database).toMatchObject({ provider: 'mssql', authentication: 'managed-identity', server: MODULE_OUTPUTS.sql.fullyQualifiedDomainName });
    expect(loaded.storage).toMatchObject({ kind: 'account-url', managedIdentityClientId: MODULE_OUTPUTS.identity.clientId });
    expect(loaded.ai).toMatchObject({ provider: 'azure', models: { interviewer: 'interviewer', scoring: 'scoring', extraction: 'extraction' } });
    expect(loaded.email).toMatchObject({ provider: 'acs', endpoint: MODULE_OUTPUTS.communication.endpoint });
    expect(loaded.speech.resource).toMatchObject({ region: parameters.location, resourceId: MODULE_OUTPUTS.speech.id });
    expect(loaded.speech.avatar).toMatchObject({ region: 'southeastasia', resourceId: MODULE_OUTPUTS['avatar-speech'].id });
    // Browser Speech tokens come from an identity that may use Speech and nothing else.
    expect(loaded.speech.managedIdentityClientId).toBe(MODULE_OUTPUTS['speech-identity'].clientId);
    // The model deployments the settings name are the ones deployed.
    const deployments = findModule(template, 'openai-deployments').properties?.parameters?.deployments?.value;
    expect(JSON.stringify(deployments)).toMatch(/interviewer.*scoring.*extraction|items\(parameters\('openAiModels'\)\)/);
    expect(Object.keys(parameters.openAiModels as object).sort()).toEqual(['extraction', 'interviewer', 'scoring']);
  });

  it('puts no secret in any app setting: the session secret is a Key Vault reference', () => {
    const settings = deployedAppSettings(deployment);
    expect(settings.INTERVIEW_SESSION_SECRET).toBe(`@Microsoft.KeyVault(SecretUri=${MODULE_OUTPUTS['key-vault'].uri}secrets/interview-session-secret/)`);
    for (const [name, value] of Object.entries(settings)) {
      // The Application Insights connection string only says where telemetry goes; with local auth off it grants nothing.
      if (name === 'APPLICATIONINSIGHTS_CONNECTION_STRING') continue;
      if (/KEY|PASSWORD|SECRET|CONNECTION_STRING|TOKEN/.test(name)) expect([name, value]).toEqual([name, expect.stringMatching(/^@Microsoft\.KeyVault\(/)]);
      expect([name, value]).not.toEqual([name, expect.stringMatching(/AccountKey=|accesskey=|SharedAccessSignature|sig=/i)]);
    }
  });

  it('creates the containers and queues the app uses, and deletes recordings after the longest retention', () => {
    const storage = findModule(template, 'storage').properties?.parameters ?? {};
    expect(evaluate(storage.containers?.value, mainContext(deployment))).toEqual([...CONTAINERS]);
    expect(evaluate(storage.queues?.value, mainContext(deployment))).toEqual(QUEUES);
    // Each queue and its poison queue, so alerts can watch the poison queues from the start.
    expect(JSON.stringify(single('Microsoft.Storage/storageAccounts/queueServices/queues').copy)).toContain("-poison");
    const longest = organisationFields.recording_retention_days.maxValue ?? Infinity;
    expect(parameters.recordingBackstopDays).toBeGreaterThan(longest);
    const rule = JSON.stringify(props('Microsoft.Storage/storageAccounts/managementPolicies'));
    expect(rule).toContain('interview-recordings/');
    expect(rule).toContain("parameters('recordingBackstopDays')");
  });

  it('grants exactly the intended roles, each named guid(scope, principal, role)', () => {
    const module = findModule(template, 'role-assignments');
    const inner = module.properties?.template as ArmTemplate;
    const roles = inner.variables?.roles as Record<string, string>;
    const assignments = resourcesOf(inner).filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
    const granted = assignments.map((a) => {
      const role = /variables\('roles'\)\.(\w+)/.exec(String(a.properties?.roleDefinitionId))?.[1] ?? 'custom:communication';
      const scope = /resourceId\('([\w./]+)'/.exec(String(a.scope))?.[1];
      const principal = /parameters\('(\w+)'\)/.exec(String(a.properties?.principalId))?.[1];
      // The name hashes the scope, the principal (the identity's resource id, known before deployment) and the role.
      expect(a.name).toMatch(/^\[guid\(resourceId\('[\w./]+', parameters\('\w+'\)\), parameters\('(identityId|speechIdentityId|deployerPrincipalId)'\), /);
      return `${principal} ${role} on ${scope}`;
    });
    expect(granted.sort()).toEqual(
      [
        'principalId storageBlobDataOwner on Microsoft.Storage/storageAccounts',
        'principalId storageQueueDataContributor on Microsoft.Storage/storageAccounts',
        'principalId monitoringMetricsPublisher on Microsoft.Insights/components',
        'principalId cognitiveServicesOpenAiUser on Microsoft.CognitiveServices/accounts',
        'principalId cognitiveServicesUser on Microsoft.CognitiveServices/accounts',
        'speechPrincipalId cognitiveServicesSpeechUser on Microsoft.CognitiveServices/accounts',
        'speechPrincipalId cognitiveServicesSpeechUser on Microsoft.CognitiveServices/accounts',
        'principalId keyVaultSecretsUser on Microsoft.KeyVault/vaults',
        'principalId custom:communication on Microsoft.Communication/communicationServices',
        'deployerPrincipalId keyVaultSecretsOfficer on Microsoft.KeyVault/vaults',
      ].sort(),
    );
    // The built-in role ids, so a typo cannot grant something else.
    expect(roles).toEqual({
      storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
      storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
      monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
      cognitiveServicesOpenAiUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
      cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908',
      cognitiveServicesSpeechUser: 'f2dc8367-1007-4938-bd23-fe263f013447',
      keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
      keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    });
    const custom = resourcesOf(inner).find((r) => r.type === 'Microsoft.Authorization/roleDefinitions');
    expect(custom?.properties?.permissions).toEqual([
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read',
          'Microsoft.Communication/CommunicationServices/Write',
          'Microsoft.Communication/EmailServices/write',
        ],
      },
    ]);
    // Nothing is assigned at resource group or subscription scope.
    expect(ofType('Microsoft.Authorization/roleAssignments').every((a) => typeof a.scope === 'string')).toBe(true);
  });

  it('sends diagnostics of every resource that has them to Log Analytics, and SQL auditing too', () => {
    const scoped = ofType('Microsoft.Insights/diagnosticSettings').map((d) => /resourceId\('([\w./]+)'/.exec(String(d.scope))?.[1] ?? String(d.scope));
    expect(new Set(scoped)).toEqual(
      new Set([
        'Microsoft.Storage/storageAccounts/blobServices',
        'Microsoft.Storage/storageAccounts/queueServices',
        'Microsoft.KeyVault/vaults',
        'Microsoft.Sql/servers/databases',
        'Microsoft.CognitiveServices/accounts',
        'Microsoft.Communication/communicationServices',
        'Microsoft.EventGrid/systemTopics',
      ]),
    );
    expect(props('Microsoft.Sql/servers/auditingSettings')).toMatchObject({ state: 'Enabled', isAzureMonitorTargetEnabled: true });
  });

  it('turns public network access off everywhere the app goes private, with one parameter', () => {
    expect(parameters.privateNetworking).toBe(false);
    for (const type of ['Microsoft.Storage/storageAccounts', 'Microsoft.Sql/servers', 'Microsoft.KeyVault/vaults']) {
      expect([type, props(type).publicNetworkAccess]).toEqual([type, "[if(parameters('privateNetworking'), 'Disabled', 'Enabled')]"]);
    }
    const endpoints = findModule(template, "[format('pe-{0}', variables('privateEndpoints')[copyIndex()].name)]");
    expect(endpoints.condition).toBe("[parameters('privateNetworking')]");
    const targets = (template.variables?.privateEndpoints as { target: string }[]).map((e) => e.target);
    expect(new Set(targets)).toEqual(new Set(['storage', 'sql', 'vault', 'openAi', 'documentIntelligence']));
  });
});
