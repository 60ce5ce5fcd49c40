# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i "s|^  db-data:$|  db-data:\n    driver_opts: {type: none, o: bind, device: $CANARY/outside}|" exercises/05-compose-stack/compose.yaml
