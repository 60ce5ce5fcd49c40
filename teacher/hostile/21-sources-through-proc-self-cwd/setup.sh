# run in the submission's folder; $CANARY is the canary folder
set -e
rm -rf src/main/java && ln -s /proc/self/cwd/src/main/java src/main/java
