// One Azure AI services account (OpenAI, Document Intelligence or Speech) reached with Entra tokens only: a custom
// subdomain (required for Entra tokens, and irreversible) and local (key) authentication off.
param name string
param location string
param tags object
@allowed(['OpenAI', 'FormRecognizer', 'SpeechServices'])
param kind string
param logAnalyticsId string
param privateNetworking bool

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: kind
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: { defaultAction: privateNetworking ? 'Deny' : 'Allow' }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = account.id
output name string = account.name
output endpoint string = account.properties.endpoint
