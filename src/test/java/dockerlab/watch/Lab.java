package dockerlab.watch;

import dockerlab.config.LabPaths;
import dockerlab.config.Lang;
import dockerlab.config.Part;
import dockerlab.grading.FreshLoader;
import dockerlab.grading.Hints;
import dockerlab.grading.Scorecard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The student's front door ({@code ./lab}, {@code lab.cmd}): {@code watch} keeps this JVM warm and, on each save of a
 * student file, re-runs the questions of the current exercise that read that file; {@code check} runs an exercise or a
 * question once; {@code status} shows the progress of every exercise; {@code hint} a question's hints. Every run goes
 * through {@link Rerun} in a fresh class loader, with the lab's own engine and listeners: the verdicts are those of
 * {@code ./mvnw test}, which stays the graded path.
 */
public final class Lab {

    private static final int WIDTH = 100;
    private static final long QUIET_MILLIS = 60; // an editor's save is a burst of events: wait for it to end
    private static final List<String> WATCHED = List.of("src/main/java", "images/simple-api", "exercises");

    private final Path project = LabPaths.project();
    private final Map<String, Map<String, String>> progress = new LinkedHashMap<>();
    private List<Map<String, String>> questions;
    private final Path timings;

    private Lab() {
        String timing = System.getenv("LAB_WATCH_TIMING");
        timings = timing == null || timing.isBlank() ? null : Path.of(timing);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("lab.scorecard", "quiet"); // the view below replaces the scorecard
        System.setProperty("lab.results", LabPaths.project().resolve("target/lab-results/watch").toString());
        Lab lab = new Lab();
        String command = args.length == 0 ? "help" : args[0];
        String arg = args.length > 1 ? args[1] : "";
        int exit = switch (command) {
            case "watch" -> {
                // many runs in this JVM: what they share may last its life (an archive of the API's libraries, an image)
                System.setProperty(dockerlab.docker.RunPlan.WATCH_PROPERTY, "true");
                yield lab.watch(arg);
            }
            case "check" -> lab.check(arg);
            case "status" -> lab.status();
            case "hint" -> lab.hint(arg);
            case "files" -> files(arg);
            default -> {
                System.out.println(Lang.text("lab.usage"));
                yield "help".equals(command) ? 0 : 2;
            }
        };
        System.exit(exit);
    }

    // ---------------------------------------------------------------- commands

    /** The student's files, one path a line (--copy: what a copy of a submission carries; a part's name: its file), for scripts. */
    private static int files(String option) {
        if (option.matches("[A-Z]+")) { // one part's file: ./lab files ANSWERS
            Stream.of(Part.values()).filter(p -> p.name().equals(option)).map(Part::path).forEach(System.out::println);
            return Stream.of(Part.values()).anyMatch(p -> p.name().equals(option)) ? 0 : 2;
        }
        Stream<String> paths = "--copy".equals(option) ? Stream.of(Part.values()).flatMap(p -> p.copied().stream())
                : Stream.of(Part.values()).map(Part::path);
        paths.forEach(System.out::println);
        return option.isEmpty() || "--copy".equals(option) ? 0 : 2;
    }

    private int check(String what) {
        List<String> tests = new ArrayList<>();
        Set<String> exercises = new LinkedHashSet<>();
        for (Map<String, String> q : questions()) {
            boolean wanted = what.isEmpty() || (what.matches("\\d+\\.[a-z]") ? q.get("number").equals(what)
                    : q.get("exercise").equals(exercise(what)));
            if (wanted) {
                tests.add(q.get("test"));
                exercises.add(q.get("exercise"));
            }
        }
        if (tests.isEmpty()) {
            System.out.println(Lang.text("lab.nothing", what));
            return 2;
        }
        List<Map<String, String>> outcomes = run(tests, outcome -> { });
        exercises.forEach(this::view);
        return outcomes.stream().allMatch(o -> "passed".equals(o.get("status"))) ? 0 : 1;
    }

    private int status() {
        Map<String, List<Map<String, String>>> byExercise = byExercise();
        System.out.println(Lang.text("lab.status-title"));
        for (Map.Entry<String, List<Map<String, String>>> exercise : byExercise.entrySet()) {
            List<Map<String, String>> list = exercise.getValue();
            long counted = list.stream().filter(Lab::counts).count();
            long passed = list.stream().filter(Lab::counts).filter(this::passed).count();
            long run = list.stream().filter(q -> progress.containsKey(q.get("id"))).count();
            String next = list.stream().filter(Lab::counts).filter(q -> !passed(q)).findFirst()
                    .map(q -> Lang.text("lab.next", q.get("name"))).orElse(Lang.text("lab.done"));
            String title = list.get(0).get("title");
            System.out.print(Scorecard.column("", title, 44, " " + bar(passed, counted) + String.format(" %2d/%-2d", passed, counted)));
            System.out.print(Scorecard.column("    ", run == 0 ? Lang.text("lab.not-run") : next, WIDTH - 4, ""));
        }
        System.out.println(Lang.text("lab.status-legend"));
        return 0;
    }

    private int hint(String question) {
        List<String> hints = Hints.of(question);
        if (hints.isEmpty()) {
            System.out.println(Lang.text("lab.no-hint", question));
            return 2;
        }
        for (int i = 0; i < hints.size(); i++) {
            Scorecard.wrap("  ", Lang.text("lab.hint", i + 1, hints.get(i))).forEach(System.out::println);
        }
        return 0;
    }

    private int watch(String start) throws IOException, InterruptedException {
        boolean pinned = !start.isEmpty(); // ./lab watch 03 stays on 03; ./lab watch follows the progress
        String focus = pinned ? exercise(start) : firstUnfinished();
        runExercise(focus, "-");
        changedAnswers(Set.of(Part.ANSWERS.path())); // the sheet as it is now: later saves are compared with it
        changedContent(PARTS_READ_WHOLE);
        try (Saves saves = new Saves(WATCHED.stream().map(project::resolve).toList())) {
            while (true) {
                System.out.println(Lang.text("lab.watching"));
                Set<String> parts = changedParts(saves);
                long saved = System.currentTimeMillis();
                Set<String> answered = changedAnswers(parts);
                Set<String> rewritten = changedContent(parts);
                if (parts.equals(Set.of(Part.ANSWERS.path())) && answered.isEmpty()) {
                    System.out.println(Lang.text("lab.no-answer-changed")); // verdicts stand: nothing they read changed
                    continue;
                }
                if (!parts.contains(Part.ANSWERS.path()) && rewritten.isEmpty()) {
                    System.out.println(Lang.text("lab.no-change", String.join(", ", parts)));
                    continue;
                }
                parts.removeIf(part -> PARTS_READ_WHOLE.contains(part) && !rewritten.contains(part));
                List<String> tests = readers(focus, parts, answered);
                if (tests.isEmpty() && !pinned) {
                    String other = answered.isEmpty() ? firstExerciseReading(parts)
                            : exercise(answered.iterator().next().replaceFirst("\\..*", ""));
                    if (other == null) {
                        System.out.println(Lang.text("lab.no-reader", String.join(", ", parts)));
                        continue;
                    }
                    focus = other;
                    tests = readers(focus, parts, answered);
                }
                if (tests.isEmpty()) {
                    System.out.println(Lang.text("lab.no-reader", String.join(", ", parts)));
                    continue;
                }
                System.out.println(Lang.text("lab.rerun", String.join(", ", parts), tests.size()));
                run(tests, outcome -> verdict(outcome, saved));
                view(focus);
                if (!pinned && finished(focus)) {
                    String next = firstUnfinished();
                    if (!next.equals(focus) && !finished(next)) {
                        System.out.println(Lang.text("lab.exercise-done", focus, next));
                        focus = next;
                        runExercise(focus, "-");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- runs

    private void runExercise(String exercise, String reason) {
        List<String> tests = questions().stream().filter(q -> q.get("exercise").equals(exercise))
                .map(q -> q.get("test")).toList();
        System.out.println(Lang.text("lab.running", exercise, tests.size()));
        run(tests, outcome -> { });
        view(exercise);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> run(List<String> tests, Consumer<Map<String, String>> finished) {
        List<Map<String, String>> outcomes = (List<Map<String, String>>) inFreshLoader("run", tests, finished);
        outcomes.forEach(o -> progress.put(o.get("id"), o));
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> questions() {
        if (questions == null) {
            questions = (List<Map<String, String>>) inFreshLoader("questions");
        }
        return questions;
    }

    /** Calls a static method of {@link Rerun} loaded, with every class of the lab, by a class loader of its own. */
    private Object inFreshLoader(String method, Object... args) {
        return FreshLoader.call(Lab.class, Rerun.class.getName(), method, args);
    }

    // ---------------------------------------------------------------- what changed, what reads it

    /** Waits for a save of a student file; the parts it touched. */
    private Set<String> changedParts(Saves saves) throws InterruptedException {
        Set<String> parts = new LinkedHashSet<>();
        while (parts.isEmpty()) {
            for (Path path : saves.next(QUIET_MILLIS)) {
                part(project.relativize(path).toString().replace('\\', '/')).ifPresent(parts::add);
            }
        }
        return parts;
    }

    /** The part a changed file is: any source of the API counts as the API's. */
    private java.util.Optional<String> part(String relative) {
        if (relative.startsWith("src/main/") && relative.endsWith(".java")) {
            return java.util.Optional.of(Part.API.path());
        }
        return questions().stream().flatMap(q -> Stream.of(q.get("parts").split(" ")))
                .filter(relative::equals).findFirst();
    }

    /**
     * The questions of the exercise that read a changed part. A save of the answer sheet counts by question: a question
     * that reads nothing else that changed is re-run only when its own answer's text changed.
     */
    private List<String> readers(String exercise, Set<String> parts, Set<String> answered) {
        return questions().stream().filter(q -> q.get("exercise").equals(exercise))
                .filter(q -> Stream.of(q.get("parts").split(" ")).anyMatch(part -> parts.contains(part)
                        && (!part.equals(Part.ANSWERS.path()) || answered.contains(q.get("number")))))
                .map(q -> q.get("test")).toList();
    }

    private final Map<String, String> answersSeen = new LinkedHashMap<>();

    /** The questions whose answer text changed since the last look (none when the sheet did not change). */
    private Set<String> changedAnswers(Set<String> parts) {
        if (!parts.contains(Part.ANSWERS.path())) {
            return Set.of();
        }
        Map<String, String> now = new LinkedHashMap<>();
        String number = null;
        try {
            for (String line : Files.readAllLines(project.resolve(Part.ANSWERS.path()), StandardCharsets.UTF_8)) {
                var heading = java.util.regex.Pattern.compile("^##\\s+(\\d+\\.[a-z])\\b.*").matcher(line.strip());
                if (heading.matches() || line.startsWith("# ")) {
                    number = heading.matches() ? heading.group(1) : null;
                } else if (number != null) {
                    now.merge(number, line.strip(), (a, b) -> a + "\n" + b);
                }
            }
        } catch (IOException e) {
            return Set.of(); // unreadable: the questions that read it say why when they run
        }
        Set<String> changed = new LinkedHashSet<>(now.keySet());
        changed.addAll(answersSeen.keySet());
        changed.removeIf(question -> String.valueOf(now.get(question)).strip()
                .equals(String.valueOf(answersSeen.get(question)).strip()));
        answersSeen.clear();
        answersSeen.putAll(now);
        return changed;
    }

    /** The parts that are read whole (not by question), whose content is compared from one save to the next. */
    private static final Set<String> PARTS_READ_WHOLE = Set.of(Part.API.path(), Part.DOCKERFILE.path(), Part.COMPOSE.path());
    private final Map<String, String> contentSeen = new LinkedHashMap<>();

    /**
     * The parts whose content changed since the last look. Comments, blank lines and trailing spaces of the Dockerfile and
     * the compose file change nothing Docker does: such a save keeps every verdict (and the stack the run would restart).
     */
    private Set<String> changedContent(Set<String> parts) {
        Set<String> changed = new LinkedHashSet<>();
        for (String part : parts) {
            if (PARTS_READ_WHOLE.contains(part)) {
                String now = content(part);
                if (!now.equals(contentSeen.put(part, now))) {
                    changed.add(part);
                }
            }
        }
        return changed;
    }

    private String content(String part) {
        try {
            if (part.equals(Part.API.path())) { // the API's every source and resource: one class changes the image
                StringBuilder all = new StringBuilder();
                for (String folder : Part.API.copied()) {
                    if (Files.isDirectory(project.resolve(folder))) {
                        try (Stream<Path> files = Files.walk(project.resolve(folder))) {
                            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                                all.append(file).append('\0').append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\0');
                            }
                        }
                    }
                }
                return all.toString();
            }
            return meaningful(Files.readString(project.resolve(part), StandardCharsets.ISO_8859_1));
        } catch (IOException | UncheckedIOException e) {
            return "unreadable " + System.nanoTime(); // never equal: the questions that read it say why when they run
        }
    }

    private static final java.util.regex.Pattern DIRECTIVE = java.util.regex.Pattern.compile("^#\\s*(syntax|escape|check)\\s*=.*");

    /** A Dockerfile's or a compose file's lines as Docker reads them: no comment line, no blank line, no trailing space. */
    static String meaningful(String text) {
        return text.lines().map(String::stripTrailing)
                .filter(line -> !line.isBlank() && (!line.stripLeading().startsWith("#") || DIRECTIVE.matcher(line).matches()))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private String firstExerciseReading(Set<String> parts) {
        return byExercise().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(q -> Stream.of(q.get("parts").split(" ")).anyMatch(parts::contains)))
                .filter(e -> !finished(e.getKey())).map(Map.Entry::getKey).findFirst()
                .orElse(byExercise().entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(q -> Stream.of(q.get("parts").split(" ")).anyMatch(parts::contains)))
                        .map(Map.Entry::getKey).findFirst().orElse(null));
    }

    // ---------------------------------------------------------------- progress

    private Map<String, List<Map<String, String>>> byExercise() {
        readProgress();
        Map<String, List<Map<String, String>>> exercises = new TreeMap<>();
        questions().stream().sorted((a, b) -> a.get("id").compareTo(b.get("id")))
                .forEach(q -> exercises.computeIfAbsent(q.get("exercise"), k -> new ArrayList<>()).add(q));
        return exercises;
    }

    /** Graded questions and written answers count towards an exercise's progress; demonstrations do not. */
    private static boolean counts(Map<String, String> q) {
        return !"DEMONSTRATION".equals(q.get("kind"));
    }

    private boolean passed(Map<String, String> q) {
        Map<String, String> outcome = progress.get(q.get("id"));
        return outcome != null && "passed".equals(outcome.get("status"));
    }

    private boolean finished(String exercise) {
        return byExercise().getOrDefault(exercise, List.of()).stream().filter(Lab::counts).allMatch(this::passed);
    }

    private String firstUnfinished() {
        return byExercise().keySet().stream().filter(e -> !finished(e)).findFirst().orElse("01");
    }

    /** Outcomes of earlier runs (every run, Maven's too, writes target/lab-results/progress.tsv). */
    private void readProgress() {
        Path file = project.resolve("target/lab-results/progress.tsv");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length >= 2 && !progress.containsKey(f[0])) {
                    progress.put(f[0], Map.of("id", f[0], "status", f[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- what the student sees

    private void verdict(Map<String, String> outcome, long saved) {
        long now = System.currentTimeMillis();
        System.out.print(Scorecard.column("  " + String.format("%-7s", mark(outcome)), outcome.get("name"), WIDTH - 24,
                "  " + Lang.text("lab.after-save", String.format("%.1f", (now - saved) / 1000.0))));
        if (timings != null) {
            try {
                Files.writeString(timings, outcome.get("id") + "\t" + outcome.get("status") + "\t" + now + "\t" + outcome.get("millis") + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void view(String exercise) {
        List<Map<String, String>> list = byExercise().getOrDefault(exercise, List.of());
        if (list.isEmpty()) {
            return;
        }
        long counted = list.stream().filter(Lab::counts).count();
        long passed = list.stream().filter(Lab::counts).filter(this::passed).count();
        System.out.println("-".repeat(WIDTH));
        System.out.print(Scorecard.column("", list.get(0).get("title"), WIDTH - 24, bar(passed, counted)
                + String.format(" %2d/%-2d", passed, counted)));
        Map<String, String> next = null;
        boolean notRun = false;
        for (Map<String, String> q : list) {
            Map<String, String> outcome = progress.getOrDefault(q.get("id"), Map.of());
            notRun |= outcome.isEmpty();
            System.out.print(Scorecard.column("  " + String.format("%-7s", outcome.isEmpty() ? "?" : mark(merge(q, outcome))),
                    q.get("name"), WIDTH - 9, ""));
            if (next == null && counts(q) && !passed(q) && outcome.containsKey("message")) {
                next = merge(q, outcome);
            }
        }
        System.out.println("-".repeat(WIDTH));
        if (notRun) { // every mark this view can show is explained
            Scorecard.wrap("", Lang.text("lab.not-run-mark", exercise)).forEach(System.out::println);
            Scorecard.wrap("", Scorecard.legend()).forEach(System.out::println);
        }
        if (next != null) {
            System.out.println(Lang.text("lab.next", next.get("name")));
            next.get("message").lines().filter(l -> !l.isBlank()).limit(14)
                    .forEach(line -> Scorecard.wrap("    ", line).forEach(System.out::println));
            if (!next.get("hint").isEmpty() && !next.get("message").contains(next.get("hint"))) {
                Scorecard.wrap("    ", Lang.text("lab.hint", 1, next.get("hint"))).forEach(System.out::println);
            }
            System.out.println(Lang.text("lab.more-hints", next.get("number")));
        } else if (passed == counted) {
            System.out.println(Lang.text("lab.exercise-passed", exercise));
        }
    }

    private static Map<String, String> merge(Map<String, String> question, Map<String, String> outcome) {
        Map<String, String> both = new LinkedHashMap<>(question);
        both.putAll(outcome);
        return both;
    }

    private static String mark(Map<String, String> q) {
        boolean passed = "passed".equals(q.get("status"));
        if ("lab-error".equals(q.get("status"))) {
            return Lang.text("scorecard.lab-error");
        }
        return Lang.text(switch (q.getOrDefault("kind", "GRADED")) {
            case "GRADED" -> passed ? "scorecard.pass" : "scorecard.fail";
            case "TEACHER_GRADED" -> passed ? "scorecard.read" : "scorecard.missing";
            default -> passed ? "scorecard.demo" : "scorecard.demo-failed";
        });
    }

    private static String bar(long done, long of) {
        int width = 20;
        int full = of == 0 ? width : (int) (width * done / of);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    private static String exercise(String asked) {
        String digits = asked.replaceAll("^(\\d+).*$", "$1");
        return digits.matches("\\d+") ? String.format("%02d", Integer.parseInt(digits)) : asked;
    }


}
