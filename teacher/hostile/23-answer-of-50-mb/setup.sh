# run in the submission's folder; $CANARY is the canary folder
set -e
head -c 50000000 /dev/zero | tr '\0' a >> exercises/answers.md
