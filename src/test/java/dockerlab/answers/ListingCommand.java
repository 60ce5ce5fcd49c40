package dockerlab.answers;

import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.docker.DockerCli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container-listing command from the answer sheet ({@code docker ps …}, {@code docker container ls …}), run
 * for real to see whether it lists a given container. Only listing commands run: nothing else of a sheet does.
 */
public final class ListingCommand {

    private static final Set<String> FLAGS = Set.of("-a", "--all", "-q", "--quiet", "-s", "--size", "--no-trunc",
            "-aq", "-qa");
    private static final Set<String> FLAGS_WITH_VALUE = Set.of("-f", "--filter", "--format");
    // what these list depends on what else runs on the same Docker at that moment (other tests, other runs)
    private static final Set<String> NEWEST_ONLY = Set.of("-l", "--latest", "-n", "--last");

    private ListingCommand() {
    }

    /**
     * Checks the sheet's command for this question: it runs, and its output names the container (id or name).
     * {@code situation} says what the container is ("the exited container of 1.c").
     */
    public static void checkLists(String question, String containerId, String containerName, String situation) {
        String answer = AnswerSheet.answer(question, "`docker ps --help`");
        List<String> words = AnswerSheet.command(answer);
        String refused = refusal(words);
        if (refused != null) {
            throw new AssertionError(Lang.text("message.command-refused", question, Part.ANSWERS.path(),
                    answer.replace("\n", " "), refused));
        }
        DockerCli.Result run = DockerCli.run(words, Map.of(), null, 20);
        if (run.exitCode() != 0) {
            Docker.requireStillAnswering("`" + String.join(" ", words) + "`");
        }
        boolean listed = run.exitCode() == 0 && (run.stdout().contains(containerId.substring(0, 12))
                || run.stdout().contains(containerName.replaceFirst("^/", "")));
        if (!listed) {
            throw new AssertionError(Lang.text("message.command-not-listing", question, Part.ANSWERS.path(),
                    String.join(" ", words), situation, containerId.substring(0, 12), run.stdout().lines().count(),
                    run.exitCode() == 0 ? "" : ", " + run.stderr().strip().lines().findFirst().orElse("")));
        }
    }

    /** Why a command is not a plain container listing, or null when it is one. */
    static String refusal(List<String> words) {
        if (words.isEmpty()) {
            return "no `docker ...` command found in the answer";
        }
        List<String> rest = new ArrayList<>(words.subList(1, words.size()));
        if (!rest.isEmpty() && rest.get(0).equals("ps")) {
            rest.remove(0);
        } else if (rest.size() >= 2 && rest.get(0).equals("container") && Set.of("ls", "list", "ps").contains(rest.get(1))) {
            rest = new ArrayList<>(rest.subList(2, rest.size()));
        } else {
            return "the lab runs only container listings (`docker ps ...`, `docker container ls ...`)";
        }
        for (int i = 0; i < rest.size(); i++) {
            String flag = rest.get(i);
            String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
            if (NEWEST_ONLY.contains(name) || name.matches("-n\\d+")) {
                return "`" + flag + "` lists only the newest containers of the whole Docker: what it shows depends on what"
                        + " else was started last, not on the state of the container you look for";
            }
            if (FLAGS_WITH_VALUE.contains(name) && !flag.contains("=")) {
                i++;
            } else if (!FLAGS.contains(flag) && !FLAGS_WITH_VALUE.contains(name)) {
                return "`" + flag + "` is not an option of `docker ps` the lab runs";
            }
        }
        return null;
    }
}
