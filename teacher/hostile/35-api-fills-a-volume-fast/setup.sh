# run in the submission's folder; in a stack, the API (as root) writes 4 GB as fast as it can into a volume of its own
set -e
python3 "$(dirname "$0")/../add-to-api.py" --fill-in-a-stack /data
python3 - <<'PY'
path = "exercises/05-compose-stack/compose.yaml"
text = open(path, encoding="utf-8").read()
anchor = "    depends_on:\n      db:\n        condition: service_healthy\n"
assert anchor in text and "\nvolumes:\n  db-data:\n" in text
text = text.replace(anchor, anchor + '    user: "0"\n    volumes:\n      - files:/data\n', 1)
open(path, "w", encoding="utf-8").write(text.replace("\nvolumes:\n  db-data:\n", "\nvolumes:\n  db-data:\n  files:\n", 1))
PY
