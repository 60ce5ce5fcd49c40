# run in the submission's folder; $CANARY is the canary folder, $LAB_CANARY_PORT the port of a server on the host
set -e
[ -n "${LAB_CANARY_PORT:-}" ] || { echo "no LAB_CANARY_PORT"; exit 1; }
sed "s/PORT/$LAB_CANARY_PORT/" <<'JAVA' | python3 "$(dirname "$0")/../add-to-api.py"
    static { // when the class loads: a connection to the default gateway (the grader's host), on the canary port
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/route"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[1].equals("00000000")) {
                    long g = Long.parseLong(f[2], 16);
                    String gateway = (g & 255) + "." + (g >> 8 & 255) + "." + (g >> 16 & 255) + "." + (g >> 24 & 255);
                    try (java.net.Socket s = new java.net.Socket()) {
                        s.connect(new java.net.InetSocketAddress(gateway, PORT), 2000);
                        s.getOutputStream().write("knock".getBytes());
                    } catch (Exception refused) { }
                }
            }
        } catch (Exception unreadable) { }
    }
JAVA
