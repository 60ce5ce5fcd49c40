package dockerlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Network;
import dockerlab.config.ImageCatalog;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The grader's host is no service of a submission's containers: from a bridge of the lab's (dl-…), a connection to a
 * server on the host is refused; from another bridge (what the lab did before) the same connection reaches it, so the
 * probe can succeed. Needs root and iptables, as a grading machine has (CI runs as root).
 */
@DisplayName("Host firewall · a container on a bridge of the lab's cannot reach a server on the grader's host")
class HostFirewallTest {

    @Test
    @DisplayName("a connection from a dl- bridge to the host is refused; the same from another bridge arrives")
    void hostRefusesTheLabsBridges() throws Exception {
        assumeTrue(LabFirewall.ensure(), "root and iptables (a grading machine, CI)");
        AtomicInteger connections = new AtomicInteger();
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("0.0.0.0", 0)); // every address of the host, the bridges' gateways too
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket accepted = server.accept()) {
                    connections.incrementAndGet();
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }, "host-server");
        accepting.setDaemon(true);
        accepting.start();
        String run = LabLabels.thisRun() + "-" + System.nanoTime();
        List<String> networks = new ArrayList<>();
        try {
            String lab = network(LabLabels.COMPOSE_PREFIX + run + "-firewall-lab", true, networks);
            String plain = network(LabLabels.COMPOSE_PREFIX + run + "-firewall-plain", false, networks);

            DockerCli.Result fromPlain = connect(plain, server.getLocalPort());
            assertThat(fromPlain.exitCode()).as("nc from a bridge that is not the lab's (the probe works): %s",
                    fromPlain.stderr()).isZero();
            int before = connections.get();

            DockerCli.Result fromLab = connect(lab, server.getLocalPort());
            assertThat(fromLab.exitCode()).as("nc from a bridge of the lab's to the host: refused").isNotZero();
            assertThat(connections.get()).as("connections the host's server accepted from the lab's bridge").isEqualTo(before);
        } finally {
            server.close();
            networks.forEach(id -> Docker.client().removeNetworkCmd(id).exec());
        }
    }

    /** A labelled bridge network; its bridge named as the lab names its own when {@code labs}. Its gateway's address. */
    private static String network(String name, boolean labs, List<String> created) {
        Map<String, String> options = labs ? Map.of("com.docker.network.bridge.name", LabFirewall.bridgeName(name)) : Map.of();
        String id = Docker.client().createNetworkCmd().withName(name).withLabels(LabLabels.ownedByThisRun())
                .withOptions(options).exec().getId();
        created.add(id);
        Network network = Docker.client().inspectNetworkCmd().withNetworkId(id).exec();
        return name + " " + network.getIpam().getConfig().get(0).getGateway();
    }

    /** {@code docker run --network NET <shell> nc -w 3 <its gateway> PORT}, bounded. */
    private static DockerCli.Result connect(String networkAndGateway, int port) {
        String[] parts = networkAndGateway.split(" ");
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--network", parts[0]));
        LabLabels.ownedByThisRun().forEach((k, v) -> command.addAll(List.of("--label", k + "=" + v)));
        command.addAll(List.of(ImageCatalog.SHELL.dockerImageName().asCanonicalNameString(), "nc", "-w", "3", parts[1],
                String.valueOf(port)));
        return DockerCli.run(command, Map.of(), null, 30);
    }
}
