package dockerlab.docker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The grader's host is no service of a submission's containers. Every network the lab creates is a bridge named
 * {@value #PREFIX}&lt;12 hex digits&gt; (the containers of a test, every compose stack's default network), and on a grading
 * run as root one rule refuses a new connection from such a bridge to the host itself:
 * {@code iptables -I INPUT -i dl-+ -m conntrack --ctstate NEW -j REJECT}. It names no other interface, so nothing
 * else on the machine's Docker is touched; the host still reaches the containers' published ports (those connections
 * start on the host), and containers still reach each other (that traffic is forwarded, not the host's input).
 */
public final class LabFirewall {

    public static final String PREFIX = "dl-";
    /** The compose variable that names a stack's bridge (the lab passes it; a student's file cannot set it). */
    public static final String BRIDGE_VARIABLE = "LAB_BRIDGE";
    static final List<String> RULE = List.of("INPUT", "-i", PREFIX + "+", "-m", "conntrack", "--ctstate", "NEW", "-j", "REJECT");

    private LabFirewall() {
    }

    /** The bridge name of a network of the lab: {@value #PREFIX} and 12 hex digits of its name (15 characters, Linux's most). */
    public static String bridgeName(String network) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(network.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule in place (added once, kept for the next runs); false where it cannot be: not root, no iptables. */
    public static synchronized boolean ensure() {
        if (!"root".equals(System.getProperty("user.name")) || !System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        if (iptables("-C").exitCode() == 0) {
            return true;
        }
        return iptables("-I").exitCode() == 0;
    }

    private static DockerCli.Result iptables(String action) {
        List<String> command = new java.util.ArrayList<>(List.of("iptables", "-w", "5", action));
        command.addAll(RULE);
        return DockerCli.run(command, Map.of(), null, 15);
    }
}
