// Every role the app's identities (and, optionally, the deploying operator) holds: each on the one resource it is for,
// named guid(scope, principal, role) so a redeploy finds the same assignment instead of adding another.
param principalId string
@description('Resource id of the app\'s identity: known before deployment, so it names the assignments (the principal id is not).')
param identityId string
@description('The identity that signs Speech tokens for browsers, and its resource id (names its assignments).')
param speechPrincipalId string
param speechIdentityId string
@description('Empty, or the object id of the operator running the deployment (azd fills it in).')
param deployerPrincipalId string
@allowed(['User', 'Group', 'ServicePrincipal'])
param deployerPrincipalType string
param storageAccountName string
param applicationInsightsName string
param openAiName string
param documentIntelligenceName string
param speechName string
@description('Empty when the avatar uses the main Speech resource.')
param avatarSpeechName string
param keyVaultName string
param communicationName string

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  cognitiveServicesOpenAiUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908'
  cognitiveServicesSpeechUser: 'f2dc8367-1007-4938-bd23-fe263f013447'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}
resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}
resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiName
}
resource documentIntelligence 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: documentIntelligenceName
}
resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: speechName
}
resource avatarSpeech 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = if (!empty(avatarSpeechName)) {
  name: avatarSpeechName
}
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}
resource communication 'Microsoft.Communication/communicationServices@2023-04-01' existing = {
  name: communicationName
}

// Blob Data Owner, as the Functions host requires for AzureWebJobsStorage (leases, host keys); it also covers the
// Flex deployment container, the app's CVs and recordings, and user delegation keys for short-lived read links.
resource storageBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Queue triggers read, delete and move messages to <name>-poison; the app enqueues background work.
resource storageQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identityId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// Sends telemetry to Application Insights, whose local (key) authentication is off.
resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Calls the model deployments (inference only: cannot change deployments or read keys).
resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, identityId, roles.cognitiveServicesOpenAiUser)
  scope: openAi
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAiUser)
  }
}

// Analyses resumes with Document Intelligence prebuilt-layout (data plane only).
resource documentIntelligenceUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(documentIntelligence.id, identityId, roles.cognitiveServicesUser)
  scope: documentIntelligence
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesUser)
  }
}

// The Speech identity's only role: its tokens, handed to browsers (aad#<resource id>#<token>), reach Speech alone.
resource speechUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(speech.id, speechIdentityId, roles.cognitiveServicesSpeechUser)
  scope: speech
  properties: {
    principalId: speechPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesSpeechUser)
  }
}

// The same for the avatar's Speech resource, when it is a separate one in another region.
resource avatarSpeechUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(avatarSpeechName)) {
  name: guid(avatarSpeech.id, speechIdentityId, roles.cognitiveServicesSpeechUser)
  scope: avatarSpeech
  properties: {
    principalId: speechPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesSpeechUser)
  }
}

// Resolves the Key Vault reference of INTERVIEW_SESSION_SECRET (read secrets; cannot write or list keys).
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// Communication Services authorizes Entra callers (identities, VoIP tokens, Call Automation, email sending) by these
// actions on the resource; no built-in data role is narrower, so a custom role grants exactly them.
resource communicationSender 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'talenti-communication-services-caller')
  properties: {
    roleName: 'Talenti Communication Services caller (${resourceGroup().name})'
    description: 'Identities, tokens, calls and email through Communication Services with Microsoft Entra ID.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
      }
    ]
  }
}

resource communicationCaller 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, identityId, communicationSender.name)
  scope: communication
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationSender.name)
  }
}

// The operator's own right to write the interview session secret into the vault (the post-provision hook does).
resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
