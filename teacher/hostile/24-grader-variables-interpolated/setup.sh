# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^      DB_HOST: db$|      DB_HOST: db\n      LEAK: "${LAB_CANARY_TOKEN:-none}"|' exercises/05-compose-stack/compose.yaml
