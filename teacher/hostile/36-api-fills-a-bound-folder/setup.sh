# run in the submission's folder; in a stack, the API (as root) writes 4 GB into a folder of the submission it binds
set -e
python3 "$(dirname "$0")/../add-to-api.py" --fill-in-a-stack /scratch
python3 - <<'PY'
path = "exercises/05-compose-stack/compose.yaml"
text = open(path, encoding="utf-8").read()
anchor = "    depends_on:\n      db:\n        condition: service_healthy\n"
assert anchor in text
open(path, "w", encoding="utf-8").write(text.replace(anchor, anchor + '    user: "0"\n    volumes:\n      - ./scratch:/scratch\n', 1))
PY
mkdir -p exercises/05-compose-stack/scratch
touch exercises/05-compose-stack/scratch/.keep
