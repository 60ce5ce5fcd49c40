# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^  db:$|  db:\n    volumes_from: ["container:docker-lab-victim"]|' exercises/05-compose-stack/compose.yaml
