# run in the submission's folder; $CANARY is the canary folder
set -e
c=exercises/05-compose-stack/compose.yaml
# db binds its compose folder and, as it starts, rewrites compose.yaml to bind the canary folder of the host
sed -i 's|^      - db-data:/var/lib/postgresql/data$|      - db-data:/var/lib/postgresql/data\n      - .:/w|' "$c"
sed -i "s|^  db:\$|  db:\n    entrypoint: [\"sh\", \"-c\", \"sed -i 's@- db-data:/var/lib/postgresql/data@- $CANARY/outside:/var/lib/postgresql/data@' /w/compose.yaml; exec docker-entrypoint.sh postgres\"]|" "$c"
