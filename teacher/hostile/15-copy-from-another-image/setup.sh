# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^WORKDIR /app$|WORKDIR /app\nCOPY --from=docker-lab/postgresql:15-debian12 /etc/passwd /app/passwd|' images/simple-api/Dockerfile
