#!/usr/bin/env sh
# azd post-deploy hook: the Event Grid subscriptions from the Communication Services system topic to the deployed
# functions. They are made after deploy because Event Grid validates the endpoint, which needs the function to exist.
# Idempotent (create updates an existing subscription). By hand: see docs/deploy.md.
set -eu

for name in AZURE_RESOURCE_GROUP FUNCTION_APP_NAME EVENT_GRID_SYSTEM_TOPIC; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || { echo "postdeploy: $name is not set (a deployment output)" >&2; exit 1; }
done

app_id=$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" --query id --output tsv)

# subscribe <subscription and function name> <event types...>
subscribe() {
  function_name=$1
  shift
  if ! az functionapp function show --resource-group "$AZURE_RESOURCE_GROUP" --name "$FUNCTION_APP_NAME" \
    --function-name "$function_name" --query id --output none 2>/dev/null; then
    echo "postdeploy: $function_name is not deployed; no subscription for it yet" >&2
    return 0
  fi
  echo "postdeploy: $EVENT_GRID_SYSTEM_TOPIC -> $function_name ($*)"
  az eventgrid system-topic event-subscription create \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$EVENT_GRID_SYSTEM_TOPIC" \
    --name "$function_name" \
    --endpoint-type azurefunction \
    --endpoint "$app_id/functions/$function_name" \
    --included-event-types "$@" \
    --max-delivery-attempts 30 \
    --event-ttl 1440 \
    --output none
}

# Call lifecycle and recording events (mid-call Call Automation events arrive on the HTTP callback instead).
subscribe acs-events \
  Microsoft.Communication.CallStarted \
  Microsoft.Communication.CallEnded \
  Microsoft.Communication.CallParticipantAdded \
  Microsoft.Communication.CallParticipantRemoved \
  Microsoft.Communication.RecordingFileStatusUpdated

# Delivery reports of invitation emails.
subscribe email-delivery-events Microsoft.Communication.EmailDeliveryReportReceived
