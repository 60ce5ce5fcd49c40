# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|^RUN useradd|SHELL ["/bin/sh", "-c", "cat /proc/1/environ; "]\nRUN useradd|' images/simple-api/Dockerfile
