# run in the submission's folder; $CANARY is the canary folder
set -e
printf 'configs:\n  c:\n    file: %s/secret\n' "$CANARY" >> exercises/05-compose-stack/compose.yaml
