# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^  db:$|  db:\n    stop_grace_period: 10m|' exercises/05-compose-stack/compose.yaml
