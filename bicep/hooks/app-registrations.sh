#!/usr/bin/env sh
# azd pre-provision hook (also run by hand): the Talenti API and Talenti web app registrations of docs/auth.md §2 in
# one tenant, made idempotently with the az CLI: found by display name and updated, created only when missing.
# Run it once per tenant, signed in to that tenant (`az login --tenant <id> --allow-no-subscriptions` for External ID):
#   TALENTI_AUTH_TENANT_ID=<tenant-id> TALENTI_AUTH_TENANT_KIND=workforce|external TALENTI_WEB_REDIRECT_URI=https://<app host>/auth/callback
# Without TALENTI_AUTH_TENANT_ID it does nothing (azd up then provisions as before). Prints the AUTH_ISSUERS entry.
set -eu

[ -n "${TALENTI_AUTH_TENANT_ID:-}" ] || { echo "app-registrations: TALENTI_AUTH_TENANT_ID not set; skipped (docs/auth.md)"; exit 0; }
kind="${TALENTI_AUTH_TENANT_KIND:-workforce}"
case "$kind" in workforce|external) ;; *) echo "app-registrations: TALENTI_AUTH_TENANT_KIND must be workforce or external" >&2; exit 1 ;; esac
current_tenant="$(az account show --query tenantId --output tsv)"
[ "$current_tenant" = "$TALENTI_AUTH_TENANT_ID" ] || { echo "app-registrations: signed in to $current_tenant, not $TALENTI_AUTH_TENANT_ID" >&2; exit 1; }

# The app id of the registration with this display name, created when there is none.
app_id() {
  found="$(az ad app list --display-name "$1" --query '[0].appId' --output tsv)"
  if [ -z "$found" ]; then
    found="$(az ad app create --display-name "$1" --sign-in-audience AzureADMyOrg --query appId --output tsv)"
  fi
  printf '%s' "$found"
}

api_id="$(app_id 'Talenti API')"
# A fixed scope id, so every run describes the same scope instead of adding one.
scope_id="5f0d1c3e-7a2b-4c6d-9e8f-0a1b2c3d4e5f"
az ad app update --id "$api_id" --identifier-uris "api://$api_id" --set api.requestedAccessTokenVersion=2 \
  --set "api.oauth2PermissionScopes=[{\"id\":\"$scope_id\",\"value\":\"access_as_user\",\"type\":\"User\",\"isEnabled\":true,\"adminConsentDisplayName\":\"Access the Talenti API\",\"adminConsentDescription\":\"Access the Talenti API as the signed-in user\",\"userConsentDisplayName\":\"Access the Talenti API\",\"userConsentDescription\":\"Access the Talenti API as you\"}]" \
  --optional-claims '{"accessToken":[{"name":"email"},{"name":"xms_edov"},{"name":"name"}]}'
if [ "$kind" = workforce ]; then
  operator_role="8c7b6a59-4d3e-4f21-9a0b-1c2d3e4f5a6b"
  az ad app update --id "$api_id" --app-roles "[{\"id\":\"$operator_role\",\"value\":\"Talenti.Operator\",\"displayName\":\"Talenti operator\",\"description\":\"Runs the platform (docs/privacy.md)\",\"allowedMemberTypes\":[\"User\"],\"isEnabled\":true}]"
fi
az ad sp show --id "$api_id" --output none 2>/dev/null || az ad sp create --id "$api_id" --output none

web_id="$(app_id 'Talenti web')"
redirects="http://localhost:5173/auth/callback${TALENTI_WEB_REDIRECT_URI:+ $TALENTI_WEB_REDIRECT_URI}"
# shellcheck disable=SC2086 # one argument per redirect URI
az ad app update --id "$web_id" --set "spa={\"redirectUris\":[$(printf '"%s",' $redirects | sed 's/,$//')]}" \
  --required-resource-accesses "[{\"resourceAppId\":\"$api_id\",\"resourceAccess\":[{\"id\":\"$scope_id\",\"type\":\"Scope\"}]}]"
az ad sp show --id "$web_id" --output none 2>/dev/null || az ad sp create --id "$web_id" --output none

if [ "$kind" = workforce ]; then
  issuer="https://login.microsoftonline.com/$TALENTI_AUTH_TENANT_ID/v2.0"
  jwks="https://login.microsoftonline.com/$TALENTI_AUTH_TENANT_ID/discovery/v2.0/keys"
else
  issuer="https://$TALENTI_AUTH_TENANT_ID.ciamlogin.com/$TALENTI_AUTH_TENANT_ID/v2.0"
  jwks="https://$TALENTI_AUTH_TENANT_ID.ciamlogin.com/$TALENTI_AUTH_TENANT_ID/discovery/v2.0/keys"
fi
echo "app-registrations: Talenti API $api_id, Talenti web $web_id. AUTH_ISSUERS entry:"
echo "{\"issuer\":\"$issuer\",\"jwksUri\":\"$jwks\",\"audience\":\"$api_id\"}"
