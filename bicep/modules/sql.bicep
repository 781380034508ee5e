// Azure SQL: a logical server with Microsoft Entra ID as the only authentication, and one serverless database that
// pauses when idle. The app's identity gets a contained database user from the post-provision hook, not server admin.
param serverName string
param databaseName string
param location string
param tags object
param logAnalyticsId string
@description('Entra admin of the server: object id and display name of a group (or user) of operators.')
param adminObjectId string
param adminLogin string
@allowed(['User', 'Group', 'Application'])
param adminPrincipalType string
@description('Serverless sizing: max vCores (e.g. 1, 2, 4), min vCores, minutes idle before auto-pause, max size in GB.')
param maxVCores int
param minVCores string
param autoPauseDelayMinutes int
param maxSizeGb int
param privateNetworking bool
@description('Empty, or the public IP address of the operator whose post-provision hook migrates the database.')
param operatorIpAddress string

resource server 'Microsoft.Sql/servers@2023-08-01' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: adminLogin
      sid: adminObjectId
      principalType: adminPrincipalType
      tenantId: tenant().tenantId
    }
  }

  // Lets Azure services (the Functions app without VNet integration) reach the server; Entra still decides who gets in.
  resource allowAzureServices 'firewallRules' = if (!privateNetworking) {
    name: 'AllowAllWindowsAzureIps'
    properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
  }

  resource allowOperator 'firewallRules' = if (!privateNetworking && !empty(operatorIpAddress)) {
    name: 'operator'
    properties: { startIpAddress: operatorIpAddress, endIpAddress: operatorIpAddress }
  }

  resource database 'databases' = {
    name: databaseName
    location: location
    tags: tags
    sku: { name: 'GP_S_Gen5', tier: 'GeneralPurpose', family: 'Gen5', capacity: maxVCores }
    properties: {
      autoPauseDelay: autoPauseDelayMinutes
      minCapacity: json(minVCores)
      maxSizeBytes: maxSizeGb * 1024 * 1024 * 1024
      zoneRedundant: false
      requestedBackupStorageRedundancy: 'Local'
    }
  }
}

resource master 'Microsoft.Sql/servers/databases@2023-08-01' existing = {
  parent: server
  name: 'master'
}

resource auditDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: master
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ category: 'SQLSecurityAuditEvents', enabled: true }]
  }
}

// Server auditing goes to Log Analytics through the master database's diagnostic setting above.
resource auditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01' = {
  parent: server
  name: 'default'
  properties: {
    state: 'Enabled'
    isAzureMonitorTargetEnabled: true
  }
  dependsOn: [auditDiagnostics]
}

resource databaseDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server::database
  properties: {
    workspaceId: logAnalyticsId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'Basic', enabled: true }]
  }
}

output id string = server.id
output name string = server.name
output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
output databaseName string = server::database.name
