#!/usr/bin/env sh
# azd post-provision hook (also run by hand after `az deployment sub create`, see docs/deploy.md).
# Needs: az (signed in as the operator who is the SQL Entra admin), node/npm, and the deployment's outputs in the
# environment (azd exports them; by hand, export them from `az deployment sub show`, see docs/deploy.md). The SQL
# server must let this machine in: operatorIpAddress (OPERATOR_IP_ADDRESS) opens its firewall to this address.
#   1. the interview session secret in Key Vault, generated here once (never in a template or a parameter);
#   2. the database schema: `npm run db:migrate` as the operator with Microsoft Entra ID;
#   3. a contained database user for the app's managed identity, with only the roles it needs.
set -eu

for name in AZURE_RESOURCE_GROUP KEY_VAULT_NAME INTERVIEW_SESSION_SECRET_NAME SQL_SERVER SQL_DATABASE MANAGED_IDENTITY_NAME; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || { echo "postprovision: $name is not set (a deployment output)" >&2; exit 1; }
done

echo "postprovision: interview session secret"
# The operator's Key Vault Secrets Officer role may take a minute to apply after the first deployment.
attempt=1
until az keyvault secret show --vault-name "$KEY_VAULT_NAME" --name "$INTERVIEW_SESSION_SECRET_NAME" --query id --output none 2>/dev/null \
  || az keyvault secret set --vault-name "$KEY_VAULT_NAME" --name "$INTERVIEW_SESSION_SECRET_NAME" \
       --value "$(node -e "process.stdout.write(require('node:crypto').randomBytes(48).toString('base64url'))")" --output none; do
  [ "$attempt" -lt 10 ] || { echo "postprovision: cannot write to $KEY_VAULT_NAME" >&2; exit 1; }
  attempt=$((attempt + 1))
  sleep 30
done

echo "postprovision: migrations on $SQL_SERVER/$SQL_DATABASE"
export DATABASE_PROVIDER=mssql SQL_AUTHENTICATION=default-credential
npm run --silent db:migrate

echo "postprovision: database user for $MANAGED_IDENTITY_NAME"
node dist/scripts/azd/database-user.js "$MANAGED_IDENTITY_NAME"
