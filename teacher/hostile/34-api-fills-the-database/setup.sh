# run in the submission's folder; the API's class, when it loads in a stack, fills the database before the API starts
set -e
python3 "$(dirname "$0")/../add-to-api.py" <<'JAVA'
    static { // in a stack (DB_HOST set): 2 GB of text into the database before the API answers (whatever the
        // machine's load, the lab's questions wait for it), as fast as the disk takes it, errors ignored
        if (System.getenv("DB_HOST") != null) {
            fillTheDatabase();
        }
    }

    private static void fillTheDatabase() {
        String url = "jdbc:postgresql://" + System.getenv("DB_HOST") + ":" + System.getenv("DB_PORT") + "/"
                + System.getenv("DB_NAME");
        for (int attempt = 0; attempt < 60; attempt++) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, System.getenv("DB_USER"),
                    System.getenv("DB_PASSWORD")); java.sql.Statement s = c.createStatement()) {
                s.execute("create table if not exists fill (b text)");
                s.execute("alter table fill alter column b set storage external");
                for (int i = 0; i < 32; i++) { // 64 MB a statement
                    s.execute("insert into fill select repeat('x', 1048576) from generate_series(1, 64)"); // stored uncompressed, no CPU spent making it
                }
                return;
            } catch (Exception notYet) {
                try { Thread.sleep(500); } catch (InterruptedException e) { return; }
            }
        }
    }
JAVA
