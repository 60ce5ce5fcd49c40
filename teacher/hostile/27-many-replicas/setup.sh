# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^  api:$|  api:\n    deploy: {replicas: 20}|' exercises/05-compose-stack/compose.yaml
