"""Adds Java code to the top of the API's class, code that runs as the class loads: the block read from stdin, or with
`--fill-in-a-stack FOLDER` a block that, in a stack (DB_HOST set), writes 4 GB into FOLDER as fast as it can, errors
ignored. Run in the submission's folder, as a hostile case's setup.sh does: python3 "$(dirname "$0")/../add-to-api.py"."""
import sys

FILL = r'''    static { // in a stack (DB_HOST set): 4 GB into FOLDER at the disk's speed, errors ignored
        if (System.getenv("DB_HOST") != null) {
            byte[] block = new byte[4 << 20];
            try (java.io.OutputStream out = new java.io.FileOutputStream("FOLDER/fill-" + System.nanoTime())) {
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                }
            } catch (Exception full) { }
        }
    }
'''
path = "src/main/java/dockerlab/api/SimpleApi.java"
anchor = "public final class SimpleApi {\n"
code = FILL.replace("FOLDER", sys.argv[2]) if sys.argv[1:2] == ["--fill-in-a-stack"] else sys.stdin.read()
text = open(path, encoding="utf-8").read()
assert anchor in text, "the API's class is not where the teacher's edition has it"
open(path, "w", encoding="utf-8").write(text.replace(anchor, anchor + code, 1))
