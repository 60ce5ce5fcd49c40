# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^RUN useradd|RUN head -c 1500m /dev/zero > /dev/null; for i in $(seq 600); do sleep 30 \& done; useradd|' images/simple-api/Dockerfile
