# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i "s|^      context: ../../images/simple-api$|      context: ../../images/simple-api\n      dockerfile: $CANARY/Dockerfile|" exercises/05-compose-stack/compose.yaml
