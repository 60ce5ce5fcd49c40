package dockerlab.answers;

import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.docker.Docker;
import dockerlab.submission.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The student's answer sheet, {@code exercises/answers.md}: one {@code ## <question>} heading per observation,
 * the answer in plain text under it. An answer is compared with what Docker shows in the same run, never with a
 * value written in a test; case, spaces, accents and English or French words are all accepted.
 */
public final class AnswerSheet {

    private static final Pattern HEADING = Pattern.compile("^##\\s+(\\d+(?:\\.[a-z])?)\\b.*");

    /** Docker's word, and the words a student may write for it, in English or in French (accents ignored). */
    private static final Map<String, List<String>> SAME_AS = Map.of(
            "exited", List.of("exited", "exit", "stopped", "arrete", "stoppe", "termine", "sorti", "quitte"),
            "healthy", List.of("healthy", "sain", "en bonne sante", "bonne sante", "en sante"),
            "volume", List.of("volume", "volumes"),
            "linux", List.of("linux"));

    private AnswerSheet() {
    }

    /** Every answered question of the sheet (TODO and empty answers left out), in the sheet's order. */
    public static Map<String, String> answers() {
        Submission.file(Part.ANSWERS); // a refused sheet fails its questions with the reason
        return parse(Submission.linesOrEmpty(Part.ANSWERS));
    }

    /** The answers of a sheet that was taken; none when it was refused (the scorecard's teacher-graded file). */
    public static Map<String, String> answersOrNone() {
        return parse(Submission.linesOrEmpty(Part.ANSWERS));
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> answers = new LinkedHashMap<>();
        String question = null;
        List<String> body = new ArrayList<>();
        for (String line : lines) {
            var heading = HEADING.matcher(line.strip());
            if (heading.matches() || line.startsWith("# ")) {
                store(answers, question, body);
                question = heading.matches() ? heading.group(1) : null;
                body = new ArrayList<>();
            } else if (question != null && !line.strip().matches("<!--.*-->")) {
                body.add(line);
            }
        }
        store(answers, question, body);
        return answers;
    }

    private static void store(Map<String, String> answers, String question, List<String> body) {
        String text = String.join("\n", body).strip();
        if (question != null && !text.isEmpty() && !text.toUpperCase(Locale.ROOT).startsWith("TODO")) {
            answers.put(question, text);
        }
    }

    /** The answer to one question; a missing one fails with where to write it and how to observe it. */
    public static String answer(String question, String observeWith) {
        return Optional.ofNullable(answers().get(question)).orElseThrow(() -> new AssertionError(
                Lang.text("message.answer-missing", question, Part.ANSWERS.path(), observeWith, question)));
    }

    /**
     * Checks an answer against what Docker showed in this run; the failure says what Docker showed, what the
     * sheet says, and the command that shows it.
     */
    public static void check(String question, String dockerShows, String observeWith, Predicate<String> accepts) {
        String answer = answer(question, observeWith);
        if (!accepts.test(answer)) {
            throw new AssertionError(Lang.text("message.answer-mismatch", question, Part.ANSWERS.path(),
                    answer.replace("\n", " "), dockerShows, observeWith));
        }
    }

    /** Lower case, no accents, no Markdown quotes, single spaces. */
    public static String normalize(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[`*\"'«»“”]", " ").replaceAll("\\s+", " ").strip();
    }

    /** True when the answer says Docker's word, or one the lab takes for it (English or French). */
    public static boolean saysWord(String answer, String dockerWord) {
        String text = " " + normalize(answer).replaceAll("[^a-z0-9]+", " ") + " ";
        String word = normalize(dockerWord);
        for (String accepted : SAME_AS.getOrDefault(word, List.of(word))) {
            if (text.contains(" " + accepted + " ")) {
                return true;
            }
        }
        return false;
    }

    /** True when the answer names this (a volume's name, "db-data"), punctuation and case aside. */
    public static boolean saysName(String answer, String name) {
        String words = " " + normalize(answer).replaceAll("[^a-z0-9]+", " ") + " ";
        String wanted = normalize(name).replaceAll("[^a-z0-9]+", " ").strip();
        return !wanted.isEmpty() && words.contains(" " + wanted + " ");
    }

    /** True when the answer holds this number on its own (not inside a longer one). */
    public static boolean saysNumber(String answer, long number) {
        return Pattern.compile("(?<![\\d.])" + number + "(?![\\d.])").matcher(answer).find();
    }

    /**
     * True when the answer gives the address {@code host:port} (6.c: db:5432, the service name and the port db listens
     * on inside its container). An answer may explain itself: {@code db:5432} written as a pair is found whatever is
     * around it (a {@code curl localhost:8000/db}, other ports). Without that pair, it must name the host and the port
     * and no loopback address: "localhost:5432" with db mentioned in passing is the host's view, not the answer.
     */
    public static boolean saysAddress(String answer, String host, int port) {
        String text = normalize(answer);
        String name = Pattern.quote(normalize(host));
        if (Pattern.compile("(?<![a-z0-9_.-])" + name + "\\s*:\\s*" + port + "(?!\\d)").matcher(text).find()) {
            return true;
        }
        var loopback = LOOPBACK.matcher(text);
        while (loopback.find()) { // "not localhost:5432" explains; "localhost:5432" answers
            if (!NEGATION.matcher(text.substring(Math.max(0, loopback.start() - 24), loopback.start())).find()) {
                return false;
            }
        }
        return saysWord(answer, host) && saysNumber(answer, port);
    }

    private static final Pattern LOOPBACK = Pattern.compile("(?<![a-z0-9_.-])(localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0)(?![a-z0-9_-])");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(not|never|instead of|rather than|pas|non|jamais|au lieu de|plutot que)\\b[^.;:()]*$");

    /** The first line of the answer that is a {@code docker ...} command, split into words (quotes dropped). */
    public static List<String> command(String answer) {
        for (String line : answer.lines().toList()) {
            String cleaned = line.replace("`", " ").replaceFirst("^\\s*\\$\\s*", "").strip();
            if (cleaned.startsWith("docker ")) {
                return List.of(cleaned.replaceAll("[\"']", "").split("\\s+"));
            }
        }
        return List.of();
    }
}
