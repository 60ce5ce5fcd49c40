# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^  api:$|  api:\n    networks: [victim, default]|' exercises/05-compose-stack/compose.yaml
printf 'networks:\n  victim:\n    name: docker-lab-victim\n' >> exercises/05-compose-stack/compose.yaml
