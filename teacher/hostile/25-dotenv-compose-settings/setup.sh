# run in the submission's folder; $CANARY is the canary folder
set -e
printf 'COMPOSE_FILE=%s/evil.yaml\nCOMPOSE_PROJECT_NAME=docker-lab-victim\nPOSTGRES_IMAGE=docker-lab/busybox:1.35-debian12\n' "$CANARY" > exercises/05-compose-stack/.env
