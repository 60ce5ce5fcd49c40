# run in the submission's folder; $CANARY is the canary folder
set -e
printf '\xc3\x28\xff\n' >> exercises/answers.md
