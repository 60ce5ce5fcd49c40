package dockerlab.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dockerlab.config.Lang;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.testcontainers.DockerClientFactory;

/**
 * Removes the containers, networks and volumes the lab created: at the start of a run those of runs that
 * died (interrupted, killed), at the end of a run its own. Nothing without the lab's labels is touched.
 */
public final class LabSweeper {

    private LabSweeper() {
    }

    /**
     * Sweeps the leftovers of lab runs whose JVM is gone, and says how many it removed: the teacher's grade-class runs it
     * after a submission's JVM that it had to stop (a JVM's shutdown races its still running threads, which may start
     * one more container after its own sweep).
     */
    public static void main(String[] args) {
        TestcontainersSetup.forThisRun();
        System.out.println("[docker-lab] swept " + sweepDeadRuns() + " leftover(s) of lab runs that ended");
    }

    /** Leftovers of lab runs whose JVM is gone. */
    public static int sweepDeadRuns() {
        return sweep(owner -> !LabLabels.ownerAlive(owner));
    }

    /** Everything this run created and has not removed yet, what lasts for the JVM's life too. */
    public static int sweepThisRun() {
        return sweep(LabLabels.thisRun()::equals, true);
    }

    /** Registers the sweep at the JVM's end; it also runs on Ctrl-C (not on kill -9: the next run sweeps). */
    public static void sweepThisRunAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> sweepQuietly(true), "docker-lab-sweeper"));
    }

    /**
     * At the end of a run: what it created, but what lasts for the JVM's life ({@link LabLabels#forTheJvmsLife}: watch
     * runs each save as a run of its own, and its saves share it); the JVM's end sweeps that.
     */
    static void sweepThisRunQuietly() {
        sweepQuietly(false);
    }

    private static void sweepQuietly(boolean jvmEnds) {
        try {
            sweep(LabLabels.thisRun()::equals, jvmEnds);
        } catch (RuntimeException e) {
            System.err.println(Lang.text("message.cleanup-failed", e));
        }
    }

    private static int sweep(Predicate<String> ownerToRemove) {
        return sweep(ownerToRemove, true);
    }

    private static int sweep(Predicate<String> ownerToRemove, boolean lastingToo) {
        Predicate<Map<String, String>> kept = labels -> !lastingToo && labels != null
                && labels.containsKey(LabLabels.JVMS_LIFE);
        DockerClient docker = DockerClientFactory.lazyClient();
        int removed = 0;
        List<Container> containers = docker.listContainersCmd().withShowAll(true).exec();
        for (Container c : containers) {
            if (LabLabels.owner(c.getLabels()).filter(ownerToRemove).isPresent() && !kept.test(c.getLabels())) {
                removed += quietly(() -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
            }
        }
        for (Network n : docker.listNetworksCmd().exec()) {
            if (LabLabels.owner(n.getLabels()).filter(ownerToRemove).isPresent()) {
                removed += quietly(() -> docker.removeNetworkCmd(n.getId()).exec());
            }
        }
        for (InspectVolumeResponse v : docker.listVolumesCmd().exec().getVolumes()) {
            if (LabLabels.owner(v.getLabels()).filter(ownerToRemove).isPresent() && !kept.test(v.getLabels())) {
                removed += quietly(() -> docker.removeVolumeCmd(v.getName()).exec());
            }
        }
        removed += LabVolumes.sweep(ownerToRemove); // the volumes' devices, once Docker has removed the volumes
        // images under a name of a run's own (a submission's): the lab's and the student's own names carry no owner
        for (Image image : docker.listImagesCmd().withLabelFilter(LabLabels.OWNER).exec()) {
            if (LabLabels.owner(image.getLabels()).filter(ownerToRemove).isPresent() && !kept.test(image.getLabels())) {
                removed += quietly(() -> docker.removeImageCmd(image.getId()).withForce(true).exec());
            }
        }
        return removed;
    }

    private static int quietly(Runnable removal) {
        try {
            removal.run();
            return 1;
        } catch (DockerException e) {
            return 0; // already gone, or removed by Compose or Testcontainers meanwhile
        }
    }
}
