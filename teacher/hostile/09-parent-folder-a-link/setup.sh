# run in the submission's folder; $CANARY is the canary folder
set -e
mkdir -p "$CANARY/elsewhere" && rm -rf "$CANARY/elsewhere/simple-api" && mv images/simple-api "$CANARY/elsewhere/" && ln -s "$CANARY/elsewhere/simple-api" images/simple-api
