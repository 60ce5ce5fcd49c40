# run in the submission's folder; $CANARY is the canary folder
set -e
sed -i 's|"${API_HOST_PORT:-8000}:8000"|"8000:8000"|' exercises/05-compose-stack/compose.yaml
