package dockerlab.answers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dockerlab.docker.DockerCli;
import dockerlab.docker.Healthcheck;
import dockerlab.docker.LabProcesses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules of the grading that need no Docker: how long a healthcheck allows, which listing commands are judged. */
@DisplayName("Grading rules · a healthcheck's start window and the listing commands the lab runs")
class GradingRulesTest {

    @ParameterizedTest(name = "{0} allows {1} s")
    @CsvSource(delimiter = '|', value = {
            "{\"test\": [\"CMD\", \"pg_isready\"], \"interval\": \"500ms\"}                           | 1.5",
            "{\"test\": [\"CMD\", \"pg_isready\"], \"interval\": \"500ms\", \"start_period\": \"30s\"} | 31.5",
            "{\"test\": [\"CMD-SHELL\", \"pg_isready\"], \"interval\": \"1s\", \"retries\": 40}         | 40",
            "{\"test\": [\"CMD\", \"pg_isready\"]}                                                    | 90",
            "{\"test\": [\"CMD\", \"true\"], \"interval\": \"1m30s\", \"retries\": 1}                    | 90"})
    @DisplayName("a healthcheck allows start_period + interval x retries for a first start, Docker's defaults filled in")
    void firstStartWindow(String healthcheck, double seconds) throws Exception {
        var service = new ObjectMapper().readTree("{\"healthcheck\": " + healthcheck + "}");

        Duration allowed = Healthcheck.of(service).firstStartAllowed();

        assertThat(allowed.toMillis()).as("window of %s", healthcheck).isEqualTo((long) (seconds * 1000));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "docker ps -a                          | run",
            "docker container ls --all             | run",
            "docker ps -a --filter status=exited   | run",
            "docker ps -aq                         | run",
            "docker ps -l                          | refused",
            "docker ps --latest                    | refused",
            "docker ps -n 3                        | refused",
            "docker ps --last=2                    | refused",
            "docker rm api                         | refused",
            "docker ps -a -H tcp://elsewhere:2375  | refused"})
    @DisplayName("only plain container listings run; those whose output depends on other containers (-l, -n) are refused")
    void listingCommands(String command, String verdict) {
        String refusal = ListingCommand.refusal(List.of(command.split(" ")));

        assertThat(refusal == null ? "run" : "refused").as("verdict for `%s` (%s)", command, refusal).isEqualTo(verdict);
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a command past its bound is killed with the processes it started (docker runs Compose as a child)")
    void boundKillsTheChildrenToo() {
        String marker = "3017." + ProcessHandle.current().pid();

        DockerCli.Result result = DockerCli.run(List.of("bash", "-c", "sleep " + marker + " & sleep " + marker + "; wait"),
                java.util.Map.of(), null, 1);

        assertThat(result.exitCode()).as("a command past its bound").isEqualTo(-1);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).toList())
                .as("processes the bounded command started, still running").isEmpty();
    }

    @ParameterizedTest(name = "a child of a command the lab runs allocates {0} MB -> {1}")
    @CsvSource({"256, allocates", "6144, fails"})
    @DisplayName("every command the lab runs, its children too, has a memory cap (4 GB of address space): past it an"
            + " allocation fails instead of taking the grader's memory")
    void commandsHaveAMemoryCap(int megabytes, String verdict) {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/prlimit")),
                "util-linux's prlimit (Linux): elsewhere the lab runs its commands uncapped");

        // bash's child allocates and touches nothing: the address space is what the cap counts
        DockerCli.Result result = DockerCli.run(List.of("bash", "-c", "python3 -c 'b = bytearray(" + megabytes
                + " << 20); print(len(b))'"), java.util.Map.of(), null, 30);

        if (verdict.equals("allocates")) {
            assertThat(result.exitCode()).as("exit code of a child allocating %d MB (%s)", megabytes, result.stderr()).isZero();
        } else {
            assertThat(result.stderr()).as("a child allocating %d MB, past the cap", megabytes).contains("MemoryError");
        }
    }

    @Test
    @DisplayName("at the end of a run, a process the lab started that is still running is stopped and named")
    void runEndStopsWhatItStarted() throws Exception {
        String marker = "3018." + ProcessHandle.current().pid();
        // the run's own process stands for the JVM (the tests beside this one have processes of their own)
        Process run = new ProcessBuilder("bash", "-c", "sleep " + marker + " & wait").start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> run.descendants().anyMatch(p -> p.info().commandLine().orElse("").contains(marker)));

        List<String> stopped = LabProcesses.sweep(run.toHandle());

        assertThat(stopped).as("the processes the sweep stopped").anyMatch(command -> command.contains(marker));
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).toList())
                .as("processes left with the marker").isEmpty();
        assertThat(run.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("the run's stand-in, its child gone, ends").isTrue();
    }
}
