# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i "s|^  api:$|  api:\n    env_file: $CANARY/secret|" exercises/05-compose-stack/compose.yaml
