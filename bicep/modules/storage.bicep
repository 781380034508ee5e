// The storage account: the Functions host (AzureWebJobsStorage), the Flex deployment package, the app's blobs and
// its work queues. Entra only (shared keys off), TLS 1.2, no anonymous blob access.
param name string
param location string
param tags object
param logAnalyticsId string
@description('Private containers the app writes to.')
param containers array
@description('The container Flex Consumption deploys the app package from.')
param deploymentContainer string
@description('Work queues; each also gets its <name>-poison queue so alerts can watch it before the first failure.')
param queues array
@description('Days after which a recording blob is deleted whatever happened to the cleanup job.')
param recordingBackstopDays int
param privateNetworking bool

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: { enabled: true, days: 7 }
      containerDeleteRetentionPolicy: { enabled: true, days: 7 }
    }

    resource blobContainers 'containers' = [
      for container in concat(containers, [deploymentContainer]): {
        name: container
        properties: { publicAccess: 'None' }
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource workQueues 'queues' = [
      for queue in flatten(map(queues, q => [q, '${q}-poison'])): {
        name: queue
      }
    ]
  }

  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            // A backstop to the retention cleanup job: no recording outlives the longest retention an organisation may set.
            name: 'delete-recordings-after-longest-retention'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['interview-recordings/']
              }
              actions: {
                baseBlob: { delete: { daysAfterCreationGreaterThan: recordingBackstopDays } }
                snapshot: { delete: { daysAfterCreationGreaterThan: 1 } }
                version: { delete: { daysAfterCreationGreaterThan: 1 } }
              }
            }
          }
        ]
      }
    }
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::blobService
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::queueService
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
