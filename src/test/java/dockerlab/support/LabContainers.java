package dockerlab.support;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/** Containers the exercises start, already labelled as the lab's. */
public final class LabContainers {

    private LabContainers() {
    }

    /** {@code docker run <shell image> CMD...}: runs the command to completion; logs stay readable. */
    public static GenericContainer<?> shellCommand(String... command) {
        return new GenericContainer<>(ImageCatalog.SHELL.dockerImageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withCommand(command)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)));
    }

    /** {@code docker run -d <shell image> sleep ...}: a shell container that keeps running, for exec. */
    public static GenericContainer<?> idleShell() {
        return new GenericContainer<>(ImageCatalog.SHELL.dockerImageName())
                .withLabels(LabLabels.ownedByThisRun())
                .withCommand("sleep", "600");
    }
}
