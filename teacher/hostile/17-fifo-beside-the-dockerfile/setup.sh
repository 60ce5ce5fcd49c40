# run in the submission's folder; $CANARY is the canary folder
set -e
mkfifo images/simple-api/pipe
