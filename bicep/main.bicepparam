// A development environment in Australia East. azd fills AZURE_ENV_NAME, AZURE_LOCATION and AZURE_PRINCIPAL_ID;
// with plain `az deployment sub create` export them (docs/deploy.md).
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'australiaeast')
param deployerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param operatorIpAddress = readEnvironmentVariable('OPERATOR_IP_ADDRESS', '')

param authIssuers = [
  {
    issuer: 'https://login.microsoftonline.com/${readEnvironmentVariable('TALENTI_STAFF_TENANT_ID', '00000000-0000-0000-0000-000000000000')}/v2.0'
    jwksUri: 'https://login.microsoftonline.com/${readEnvironmentVariable('TALENTI_STAFF_TENANT_ID', '00000000-0000-0000-0000-000000000000')}/discovery/v2.0/keys'
    audience: readEnvironmentVariable('TALENTI_API_AUDIENCE', 'api://talenti-dev')
  }
]
param appBaseUrl = readEnvironmentVariable('TALENTI_APP_BASE_URL', 'https://dev.talenti.com.au')

// Dev: one warm instance keeps interview turns fast; the database pauses after an idle hour.
param alwaysReadyHttpInstances = 1
param sqlMaxVCores = 1
param sqlAutoPauseDelayMinutes = 60

// The avatar is not offered in Australia: dev uses Southeast Asia for it (docs/deploy.md, data residency).
param avatarLocation = 'southeastasia'

param privateNetworking = false
param logLevel = 'debug'
