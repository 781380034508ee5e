// Communication Services (calls, identities, email sending) with its data kept in Australia, an Email
// Communication Services resource with an Azure-managed domain (or a custom one) linked to it, and the Event Grid
// system topic its call and email events are published on. The subscriptions to the deployed functions are made
// after deploy (they need the functions' Event Grid key), by the post-deploy hook.
param communicationName string
param emailName string
param systemTopicName string
param tags object
param logAnalyticsId string
@description('Empty for an Azure-managed domain (<guid>.azurecomm.net), else a custom domain to verify with DNS records.')
param customEmailDomain string

// Communication Services and Email are global resources; dataLocation pins where their data is stored at rest.
var dataLocation = 'Australia'
var useCustomDomain = !empty(customEmailDomain)

resource email 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }

  resource domain 'domains' = {
    name: useCustomDomain ? customEmailDomain : 'AzureManagedDomain'
    location: 'global'
    tags: tags
    properties: {
      domainManagement: useCustomDomain ? 'CustomerManaged' : 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [email::domain.id]
    disableLocalAuth: true
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: 'global'
  tags: tags
  properties: {
    source: communication.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

resource communicationDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: communication
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource topicDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: systemTopic
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output id string = communication.id
output name string = communication.name
output endpoint string = 'https://${communication.properties.hostName}'
// The audience of the JWTs Call Automation signs its mid-call callbacks with.
output immutableResourceId string = communication.properties.immutableResourceId
output emailServiceId string = email.id
output senderDomain string = email::domain.properties.mailFromSenderDomain
output systemTopicName string = systemTopic.name
