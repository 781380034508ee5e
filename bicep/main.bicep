// Talenti backend on Azure, in one Australian region: `azd up` (azure.yaml) or
// `az deployment sub create --location <region> --template-file bicep/main.bicep --parameters bicep/main.bicepparam`.
// Every resource follows `location` unless it is global by nature (Communication Services and Email keep their data
// in Australia through dataLocation); the avatar's Speech resource is the one documented exception (avatarLocation).
// docs/deploy.md explains every parameter.
targetScope = 'subscription'

@minLength(1)
@maxLength(20)
@description('Name of the environment (dev, test, prod); part of every resource name and the azd environment.')
param environmentName string

@description('The Australian region everything is deployed to.')
@allowed(['australiaeast', 'australiasoutheast', 'australiacentral', 'australiacentral2'])
param location string

@description('Resource group to create or reuse; rg-talenti-<environmentName> when empty.')
param resourceGroupName string = ''

@description('Object id of the operator running the deployment: may write the session secret, and is the SQL Entra admin unless sqlAdminObjectId is set.')
param deployerPrincipalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
param deployerPrincipalType string = 'User'

@description('Entra admin of the SQL server (a group of operators is best); the deploying operator when empty.')
param sqlAdminObjectId string = ''

@description('Display name of the SQL Entra admin.')
param sqlAdminLogin string = 'talenti-sql-admins'

@allowed(['User', 'Group', 'Application'])
param sqlAdminPrincipalType string = 'User'

@description('Serverless database: max vCores, min vCores (as text: 0.5, 1, ...), idle minutes before auto-pause, max size in GB.')
param sqlMaxVCores int = 1
param sqlMinVCores string = '0.5'
@minValue(15)
param sqlAutoPauseDelayMinutes int = 60
param sqlMaxSizeGb int = 32

@description('Public IP address of the operator\'s machine, let through the SQL firewall for the post-provision hook (migrations, database user); empty for none.')
param operatorIpAddress string = ''

@description('Trusted token issuers: {issuer, jwksUri, audience} for the staff tenant and the External ID tenant of candidates.')
@minLength(1)
param authIssuers array

@description('The frontend\'s https address: invitation links point at it and CORS allows it.')
param appBaseUrl string

@description('Further browser origins allowed by CORS besides appBaseUrl.')
param extraCorsOrigins array = []

@description('Always-ready instances for HTTP functions (keeps the interview path free of cold starts; billed as a baseline). 0 scales to zero.')
@minValue(0)
param alwaysReadyHttpInstances int = 1

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('One Azure OpenAI deployment per purpose: {model, version, capacity} (capacity in thousands of tokens per minute).')
param openAiModels object = {
  interviewer: { model: 'gpt-4o', version: '2024-11-20', capacity: 50 }
  scoring: { model: 'gpt-4o', version: '2024-11-20', capacity: 30 }
  extraction: { model: 'gpt-4o-mini', version: '2024-07-18', capacity: 30 }
}

@description('Standard keeps model processing in the region; GlobalStandard may process prompts outside Australia.')
@allowed(['Standard', 'GlobalStandard'])
param openAiSkuName string = 'Standard'

@description('Region of a separate Speech resource for the real-time avatar, which Australian regions do not offer; empty for none (the avatar then uses the main Speech resource). Text the avatar speaks is processed there.')
@allowed(['', 'southeastasia', 'westus2', 'westeurope', 'swedencentral', 'eastus2'])
param avatarLocation string = ''

@description('A custom email domain (verified with DNS records after deployment); empty for an Azure-managed domain.')
param customEmailDomain string = ''

@description('Phone number (E.164) Call Automation calls candidates from; empty when phone interviews are not used.')
param acsCallerNumber string = ''

@allowed(['mp3', 'wav'])
param recordingFormat string = 'mp3'

@allowed(['mixed', 'unmixed'])
param recordingChannel string = 'mixed'

@description('Days after which any recording blob is deleted by a lifecycle rule: a backstop one day past the longest retention an organisation may set (365 days).')
param recordingBackstopDays int = 366

@description('Private networking: VNet integration for the app, private endpoints for SQL, Storage, Azure OpenAI, Document Intelligence and Key Vault, and their public network access off.')
param privateNetworking bool = false

param vnetAddressPrefix string = '10.40.0.0/16'

@allowed(['debug', 'info', 'warn', 'error'])
param logLevel string = 'info'

@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

var tags = { 'azd-env-name': environmentName, application: 'talenti' }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var containers = ['candidate-cvs', 'interview-recordings']
var deploymentContainer = 'app-package-${resourceToken}'
var queues = ['invitation-emails', 'interview-scoring', 'recording-downloads', 'deletion-requests']
var sessionSecretName = 'interview-session-secret'
var appName = 'func-talenti-${resourceToken}'
// Names known before anything deploys, so What-If predicts the role assignments and model deployments exactly.
var names = {
  identity: 'id-talenti-${resourceToken}'
  speechIdentity: 'id-talenti-speech-${resourceToken}'
  applicationInsights: 'appi-talenti-${resourceToken}'
  storage: 'sttalenti${resourceToken}'
  keyVault: 'kv-talenti-${resourceToken}'
  openAi: 'oai-talenti-${resourceToken}'
  documentIntelligence: 'di-talenti-${resourceToken}'
  speech: 'spch-talenti-${resourceToken}'
  avatarSpeech: empty(avatarLocation) ? '' : 'spch-avatar-talenti-${resourceToken}'
  communication: 'acs-talenti-${resourceToken}'
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-talenti-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: { name: names.identity, location: location, tags: tags }
}

// A second identity only for the Speech tokens handed to browsers: an Entra token is good for every Cognitive
// Services resource its identity may use, so this one may use the Speech resources and nothing else.
module speechIdentity 'modules/identity.bicep' = {
  name: 'speech-identity'
  scope: group
  params: { name: names.speechIdentity, location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-talenti-${resourceToken}'
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: group
  params: { name: 'vnet-talenti-${resourceToken}', location: location, tags: tags, addressPrefix: vnetAddressPrefix }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: names.storage
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    containers: containers
    deploymentContainer: deploymentContainer
    queues: queues
    recordingBackstopDays: recordingBackstopDays
    privateNetworking: privateNetworking
  }
}

module vault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: group
  params: {
    name: names.keyVault
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    privateNetworking: privateNetworking
  }
}

module sql 'modules/sql.bicep' = {
  name: 'sql'
  scope: group
  params: {
    serverName: 'sql-talenti-${resourceToken}'
    databaseName: 'talenti'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    adminObjectId: empty(sqlAdminObjectId) ? deployerPrincipalId : sqlAdminObjectId
    adminLogin: sqlAdminLogin
    adminPrincipalType: sqlAdminPrincipalType
    maxVCores: sqlMaxVCores
    minVCores: sqlMinVCores
    autoPauseDelayMinutes: sqlAutoPauseDelayMinutes
    maxSizeGb: sqlMaxSizeGb
    privateNetworking: privateNetworking
    operatorIpAddress: operatorIpAddress
  }
}

module openAi 'modules/cognitive-account.bicep' = {
  name: 'openai'
  scope: group
  params: {
    name: names.openAi
    location: location
    tags: tags
    kind: 'OpenAI'
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    privateNetworking: privateNetworking
  }
}

module openAiDeployments 'modules/openai-deployments.bicep' = {
  name: 'openai-deployments'
  scope: group
  params: {
    accountName: names.openAi
    skuName: openAiSkuName
    deployments: map(items(openAiModels), m => union(m.value, { name: m.key }))
  }
  dependsOn: [openAi]
}

module documentIntelligence 'modules/cognitive-account.bicep' = {
  name: 'document-intelligence'
  scope: group
  params: {
    name: names.documentIntelligence
    location: location
    tags: tags
    kind: 'FormRecognizer'
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    privateNetworking: privateNetworking
  }
}

// Speech stays publicly reachable even with private networking: browsers stream audio to it directly.
module speech 'modules/cognitive-account.bicep' = {
  name: 'speech'
  scope: group
  params: {
    name: names.speech
    location: location
    tags: tags
    kind: 'SpeechServices'
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    privateNetworking: false
  }
}

// The documented residency exception: the real-time avatar is not offered in Australian regions.
module avatarSpeech 'modules/cognitive-account.bicep' = if (!empty(avatarLocation)) {
  name: 'avatar-speech'
  scope: group
  params: {
    name: names.avatarSpeech
    location: avatarLocation
    tags: tags
    kind: 'SpeechServices'
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    privateNetworking: false
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  scope: group
  params: {
    communicationName: names.communication
    emailName: 'ecs-talenti-${resourceToken}'
    systemTopicName: 'evgt-acs-talenti-${resourceToken}'
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    customEmailDomain: customEmailDomain
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: group
  params: {
    principalId: identity.outputs.principalId
    identityId: resourceId(subscription().subscriptionId, group.name, 'Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)
    speechPrincipalId: speechIdentity.outputs.principalId
    speechIdentityId: resourceId(subscription().subscriptionId, group.name, 'Microsoft.ManagedIdentity/userAssignedIdentities', names.speechIdentity)
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    openAiName: names.openAi
    documentIntelligenceName: names.documentIntelligence
    speechName: names.speech
    avatarSpeechName: names.avatarSpeech
    keyVaultName: names.keyVault
    communicationName: names.communication
  }
  dependsOn: [storage, monitoring, openAi, documentIntelligence, speech, avatarSpeech, vault, communication]
}

// What the app reads on Azure (shared/config/settings.ts): endpoints and ids, never a key. The one secret is a Key
// Vault reference the platform resolves with the app's identity. An empty value counts as not set.
var appSettings = {
  TALENTI_ENV: 'azure'
  LOG_LEVEL: logLevel
  AZURE_CLIENT_ID: identity.outputs.clientId
  DATABASE_PROVIDER: 'mssql'
  SQL_SERVER: sql.outputs.fullyQualifiedDomainName
  SQL_DATABASE: sql.outputs.databaseName
  SQL_AUTHENTICATION: 'managed-identity'
  STORAGE_ACCOUNT_URL: storage.outputs.blobEndpoint
  STORAGE_QUEUE_URL: storage.outputs.queueEndpoint
  AUTH_ISSUERS: string(authIssuers)
  APP_BASE_URL: appBaseUrl
  INTERVIEW_SESSION_SECRET: '@Microsoft.KeyVault(SecretUri=${vault.outputs.uri}secrets/${sessionSecretName}/)'
  AI_PROVIDER: 'azure'
  AZURE_OPENAI_ENDPOINT: openAi.outputs.endpoint
  AI_MODEL_INTERVIEWER: 'interviewer'
  AI_MODEL_SCORING: 'scoring'
  AI_MODEL_EXTRACTION: 'extraction'
  DOCUMENT_INTELLIGENCE_ENDPOINT: documentIntelligence.outputs.endpoint
  SPEECH_REGION: location
  SPEECH_ENDPOINT: speech.outputs.endpoint
  SPEECH_RESOURCE_ID: speech.outputs.id
  SPEECH_MANAGED_IDENTITY_CLIENT_ID: speechIdentity.outputs.clientId
  AVATAR_SPEECH_REGION: avatarLocation
  AVATAR_SPEECH_ENDPOINT: empty(avatarLocation) ? '' : avatarSpeech!.outputs.endpoint
  AVATAR_SPEECH_RESOURCE_ID: empty(avatarLocation) ? '' : avatarSpeech!.outputs.id
  ACS_ENDPOINT: communication.outputs.endpoint
  ACS_RESOURCE_ID: communication.outputs.immutableResourceId
  ACS_CALLER_NUMBER: acsCallerNumber
  CALLBACK_BASE_URL: 'https://${appName}.azurewebsites.net'
  RECORDING_FORMAT: recordingFormat
  RECORDING_CHANNEL: recordingChannel
  EMAIL_PROVIDER: 'acs'
  ACS_EMAIL_ENDPOINT: communication.outputs.endpoint
  EMAIL_SENDER_ADDRESS: 'DoNotReply@${communication.outputs.senderDomain}'
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: group
  params: {
    planName: 'plan-talenti-${resourceToken}'
    appName: appName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    speechIdentityId: speechIdentity.outputs.id
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    deploymentContainer: deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    corsAllowedOrigins: union([appBaseUrl], extraCorsOrigins)
    appSettings: appSettings
    subnetId: privateNetworking ? network!.outputs.appSubnetId : ''
    privateNetworking: privateNetworking
  }
  // The app's first start resolves the Key Vault reference and opens storage with these roles.
  dependsOn: [roles]
}

// Private endpoints of the services the app reaches privately (only with privateNetworking).
var privateEndpoints = [
  { name: 'blob', target: 'storage', groupId: 'blob', zone: 'blob' }
  { name: 'queue', target: 'storage', groupId: 'queue', zone: 'queue' }
  { name: 'sql', target: 'sql', groupId: 'sqlServer', zone: 'sql' }
  { name: 'vault', target: 'vault', groupId: 'vault', zone: 'vault' }
  { name: 'openai', target: 'openAi', groupId: 'account', zone: 'openai' }
  { name: 'document-intelligence', target: 'documentIntelligence', groupId: 'account', zone: 'cognitive' }
]
var privateTargets = {
  storage: storage.outputs.id
  sql: sql.outputs.id
  vault: vault.outputs.id
  openAi: openAi.outputs.id
  documentIntelligence: documentIntelligence.outputs.id
}

module endpoints 'modules/private-endpoint.bicep' = [
  for endpoint in privateEndpoints: if (privateNetworking) {
    name: 'pe-${endpoint.name}'
    scope: group
    params: {
      name: 'pe-${endpoint.name}-talenti-${resourceToken}'
      location: location
      tags: tags
      subnetId: network!.outputs.endpointSubnetId
      targetId: privateTargets[endpoint.target]
      groupId: endpoint.groupId
      dnsZoneId: network!.outputs.dnsZoneIds[endpoint.zone]
    }
  }
]

// azd stores these in the environment; the hooks (bicep/hooks/) read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output MANAGED_IDENTITY_NAME string = identity.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output SQL_SERVER string = sql.outputs.fullyQualifiedDomainName
output SQL_DATABASE string = sql.outputs.databaseName
output KEY_VAULT_NAME string = vault.outputs.name
output INTERVIEW_SESSION_SECRET_NAME string = sessionSecretName
output EVENT_GRID_SYSTEM_TOPIC string = communication.outputs.systemTopicName
output EMAIL_SENDER_ADDRESS string = 'DoNotReply@${communication.outputs.senderDomain}'
