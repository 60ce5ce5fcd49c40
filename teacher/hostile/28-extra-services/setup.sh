# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^  api:$|  miner:\n    image: docker-lab/busybox:1.35-debian12\n  api:|' exercises/05-compose-stack/compose.yaml
