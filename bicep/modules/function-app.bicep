// The Functions app on Flex Consumption: Node 20, the package deployed from a blob container with the managed
// identity, identity-based AzureWebJobsStorage, always-ready HTTP instances against cold starts. App settings carry
// endpoints and ids only; the one secret is a Key Vault reference.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
@description('The identity that only signs Speech tokens for browsers.')
param speechIdentityId string
param storageBlobEndpoint string
param storageQueueEndpoint string
param deploymentContainer string
param applicationInsightsConnectionString string
@description('Instances kept warm for the HTTP trigger group (0 to allow scale to zero).')
param alwaysReadyHttpInstances int
param maximumInstanceCount int
@allowed([512, 2048, 4096])
param instanceMemoryMB int
@description('Origins the browser app is served from (CORS is the platform\'s on Azure).')
param corsAllowedOrigins array
@description('App settings of the app itself (TALENTI_ENV and the rest), added to the platform ones; empty ones are left out.')
param appSettings object
@description('Empty, or the id of the delegated subnet for VNet integration.')
param subnetId string
param privateNetworking bool

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

// The Functions host's own settings: storage by identity (no connection string) and telemetry with Entra auth.
var platformSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {}, '${speechIdentityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    // With private endpoints the app must reach them (and Key Vault references resolve) through the VNet.
    vnetRouteAllEnabled: privateNetworking
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: { allowedOrigins: corsAllowedOrigins, supportCredentials: false }
      appSettings: map(filter(items(union(platformSettings, appSettings)), s => !empty(s.value)), s => { name: s.key, value: s.value })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
      }
      runtime: { name: 'node', version: '20' }
    }
  }

  // Deployments go through the deployment container with Entra; no publishing passwords.
  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: { allow: false }
  }

  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: { allow: false }
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
