// One model deployment per purpose, so interviewing, scoring and extraction can use different models and quotas.
param accountName string
@description('Objects of {name (the deployment, e.g. interviewer), model, version, capacity (thousands of tokens per minute)}.')
param deployments array
@description('Standard keeps prompts and completions in the account region; GlobalStandard may process them anywhere.')
@allowed(['Standard', 'GlobalStandard'])
param skuName string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

// One at a time: the service rejects concurrent deployment changes on one account.
@batchSize(1)
resource modelDeployments 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [
  for deployment in deployments: {
    parent: account
    name: deployment.name
    sku: { name: skuName, capacity: deployment.capacity }
    properties: {
      model: { format: 'OpenAI', name: deployment.model, version: deployment.version }
      versionUpgradeOption: 'NoAutoUpgrade'
    }
  }
]

output names array = [for (deployment, i) in deployments: modelDeployments[i].name]
