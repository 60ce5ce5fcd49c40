# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^      interval: 500ms$|      interval: 1h|; s|^      retries: 30$|      retries: 100000|' exercises/05-compose-stack/compose.yaml
