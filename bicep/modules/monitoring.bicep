// Log Analytics (every diagnostic setting and SQL auditing lands here) and Application Insights on top of it.
// Local (key) authentication is off on both: the app sends telemetry with its managed identity.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object
@description('Days Log Analytics keeps logs and audit records.')
param retentionInDays int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: { disableLocalAuth: true }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output logAnalyticsId string = logAnalytics.id
output applicationInsightsId string = applicationInsights.id
output applicationInsightsName string = applicationInsights.name
// The connection string only names where telemetry goes (ingestion endpoint and instrumentation key); with local
// auth off it grants nothing without an Entra token.
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
