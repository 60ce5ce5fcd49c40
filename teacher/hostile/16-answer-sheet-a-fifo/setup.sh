# run in the submission's folder; $CANARY is the canary folder
set -e
rm exercises/answers.md && mkfifo exercises/answers.md
