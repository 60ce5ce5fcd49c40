package dockerlab.submission;

import dockerlab.config.Lang;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the API's Dockerfile may say, as an allowlist: the instructions this exercise needs, a base image that is a
 * Java runtime (the lab's {@code JRE_IMAGE} or eclipse-temurin), files copied from the build context, and RUN steps
 * made of the account and file-permission commands only (useradd, mkdir, chown...). Nothing else runs during the
 * build: no download, no loop, no step that outlives its command. Each refusal names the line and says why.
 */
public final class DockerfileRules {

    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "ARG", "ENV", "LABEL", "WORKDIR", "COPY", "ADD",
            "RUN", "USER", "EXPOSE", "CMD", "ENTRYPOINT", "HEALTHCHECK", "STOPSIGNAL", "VOLUME", "MAINTAINER");
    /** The programs a RUN step may start: creating the user the API runs as, and its folders. */
    static final Set<String> RUN_PROGRAMS = Set.of("useradd", "groupadd", "adduser", "addgroup", "usermod", "groupmod",
            "mkdir", "chown", "chmod", "touch", "true");
    private static final Set<String> BASE_REPOSITORIES = Set.of("eclipse-temurin", "docker.io/library/eclipse-temurin",
            "library/eclipse-temurin");
    private static final Pattern COPY_FLAG = Pattern.compile("--(chown|chmod|from)=\\S+");
    // a shell step is one or more simple commands joined by &&: no other operator, substitution or redirection
    // a word of an instruction's JSON form: ["a", "b"]
    private static final Pattern JSON_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SHELL_SPECIAL = Pattern.compile("[;|&`<>(){}\\n]|\\$\\(");
    private static final int MAX_INSTRUCTIONS = 100;

    private DockerfileRules() {
    }

    /** A logical line of a Dockerfile: its first physical line's number, and its text with continuations joined. */
    record Instruction(int line, String keyword, String arguments) {
    }

    /** The refusals for this Dockerfile ({@code file:line: reason}), empty when the lab may build it. */
    public static List<String> check(String name, List<String> lines, Set<String> labImages) {
        List<String> refusals = new ArrayList<>();
        List<Instruction> instructions = new ArrayList<>();
        if (!parse(lines, instructions, refusals, name)) {
            return refusals;
        }
        Set<String> stages = new HashSet<>();
        for (Instruction instruction : instructions) {
            String where = name + ":" + instruction.line() + ": ";
            String why = refusal(instruction, stages, labImages);
            if (why != null) {
                refusals.add(where + why);
            }
        }
        if (instructions.size() > MAX_INSTRUCTIONS) {
            refusals.add(name + ": " + Lang.say("more than %d instructions", MAX_INSTRUCTIONS));
        }
        return refusals;
    }

    /**
     * The refusals for ADD steps whose local source is an archive, which ADD unpacks into the image (tar, gzip, bzip2,
     * xz, zstd, found by their first bytes, whatever their name): a 3 KB file can unpack into gigabytes of the grader's
     * disk. COPY takes it as it is, and so does ADD of any other file (a jar is a zip: ADD does not unpack it).
     */
    public static List<String> archivesAdded(String name, List<String> lines, Path context) {
        List<String> refusals = new ArrayList<>();
        List<Instruction> instructions = new ArrayList<>();
        if (!parse(lines, instructions, new ArrayList<>(), name)) {
            return refusals;
        }
        for (Instruction instruction : instructions) {
            if (!instruction.keyword().equals("ADD")) {
                continue;
            }
            for (String source : sources(instruction.arguments())) {
                archiveMatching(context, source).ifPresent(archive -> refusals.add(name + ":" + instruction.line() + ": "
                        + Lang.say("ADD %s: %s is an archive, which ADD unpacks into the image (a few KB can unpack into"
                        + " gigabytes); COPY it as it is, or leave it out", source, archive)));
            }
        }
        return refusals;
    }

    /** ADD's sources: every word but the last, flags aside (the JSON form too). */
    private static List<String> sources(String args) {
        List<String> words = new ArrayList<>();
        if (args.startsWith("[")) {
            Matcher word = JSON_WORD.matcher(args);
            while (word.find()) {
                words.add(word.group(1));
            }
        } else {
            words.addAll(Arrays.stream(args.split("\\s+")).filter(w -> !w.startsWith("--")).toList());
        }
        return words.size() < 2 ? List.of() : words.subList(0, words.size() - 1);
    }

    /** The first file of the context that the source names (a glob, as ADD's) and that is an archive. */
    private static java.util.Optional<String> archiveMatching(Path context, String source) {
        String pattern = source.replaceFirst("^(\\./)+", "").replaceFirst("/+$", "");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (pattern.isEmpty() ? "." : pattern));
        try (Stream<Path> files = Files.walk(context)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(context.relativize(file)))
                    .filter(DockerfileRules::isArchive)
                    .map(file -> context.relativize(file).toString()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final byte[][] COMPRESSED = {{0x1f, (byte) 0x8b}, {'B', 'Z', 'h'},
        {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}};

    static boolean isArchive(Path file) {
        byte[] head = new byte[262];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException unreadable) {
            return false;
        }
        for (byte[] magic : COMPRESSED) {
            if (read >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic)) {
                return true;
            }
        }
        return read >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    }

    private static boolean parse(List<String> lines, List<Instruction> out, List<String> refusals, String name) {
        StringBuilder current = null;
        int start = 0;
        boolean directives = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (directives && stripped.matches("#\\s*[a-zA-Z]+\\s*=.*")) {
                refusals.add(name + ":" + (i + 1) + ": " + Lang.say("a parser directive (`%s`): the lab builds with"
                        + " the standard Dockerfile syntax only", stripped));
                continue;
            }
            if (stripped.startsWith("#") || stripped.isEmpty()) {
                if (!stripped.isEmpty() && current == null) {
                    directives = false;
                }
                continue; // comments and blank lines, also between continued lines
            }
            directives = false;
            if (current == null) {
                current = new StringBuilder();
                start = i + 1;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().strip();
            current = null;
            String[] split = text.split("\\s+", 2);
            out.add(new Instruction(start, split[0].toUpperCase(Locale.ROOT), split.length > 1 ? split[1] : ""));
        }
        if (current != null) {
            out.add(new Instruction(start, current.toString().strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT),
                    ""));
        }
        return refusals.isEmpty();
    }

    private static String refusal(Instruction instruction, Set<String> stages, Set<String> labImages) {
        String args = instruction.arguments();
        if (args.contains("<<")) {
            return Lang.say("a here-document (`<<`): write the step on its own lines");
        }
        switch (instruction.keyword()) {
            case "FROM":
                return from(args, stages, labImages);
            case "COPY":
            case "ADD":
                return copy(instruction.keyword(), args, stages);
            case "RUN":
                return run(args);
            case "LABEL":
            case "ENV":
                return args.contains("org.dockerlab") || args.contains("com.docker.")
                        ? Lang.say("%s may not set the labels the lab and Compose use (org.dockerlab, com.docker.*)",
                        instruction.keyword()) : null;
            default:
                if (INSTRUCTIONS.contains(instruction.keyword())) {
                    return null;
                }
                return instruction.keyword().equals("ONBUILD")
                        ? Lang.say("ONBUILD: steps that would run in a later build (the lab's own); not needed here")
                        : Lang.say("%s is not an instruction this exercise needs (the lab builds with FROM, ARG, ENV,"
                        + " LABEL, WORKDIR, COPY, ADD, RUN, USER, EXPOSE, CMD, ENTRYPOINT, HEALTHCHECK)", instruction.keyword());
        }
    }

    private static String from(String args, Set<String> stages, Set<String> labImages) {
        String[] words = args.split("\\s+");
        if (words[0].startsWith("--")) {
            return Lang.say("FROM %s: no options on FROM", words[0]);
        }
        String image = words[0];
        String alias = null;
        if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
            alias = words[2].toLowerCase(Locale.ROOT);
        } else if (words.length != 1) {
            return Lang.say("FROM takes an image and, optionally, `AS name`");
        }
        String verdict = base(image, stages, labImages);
        if (alias != null) {
            stages.add(alias);
        }
        return verdict;
    }

    private static String base(String image, Set<String> stages, Set<String> labImages) {
        if (image.equals("${JRE_IMAGE}") || image.equals("$JRE_IMAGE") || stages.contains(image.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String repository = image.replaceFirst("@.*", "").replaceFirst(":[^:/]*$", "");
        if (BASE_REPOSITORIES.contains(repository) || labImages.contains(image)) {
            return null;
        }
        return Lang.say("FROM %s: the API's image starts from a Java runtime, ${JRE_IMAGE} (which the lab passes) or"
                + " eclipse-temurin:<version>", image);
    }

    private static String copy(String keyword, String args, Set<String> stages) {
        String rest = args;
        while (rest.startsWith("--")) {
            String flag = rest.split("\\s+", 2)[0];
            if (!COPY_FLAG.matcher(flag).matches()) {
                return Lang.say("%s %s: the lab allows --chown, --chmod and --from=<an earlier stage> only", keyword, flag);
            }
            if (flag.startsWith("--from=") && !stages.contains(flag.substring(7).toLowerCase(Locale.ROOT))) {
                return Lang.say("%s %s: copies from another image; copy from the build context (app/...) instead",
                        keyword, flag);
            }
            rest = rest.contains(" ") ? rest.substring(flag.length()).strip() : "";
        }
        if (rest.matches("(?s).*\\b(https?|git|ftp)://.*") || rest.contains("git@")) {
            return Lang.say("%s from the network: the build has no network; copy from the build context", keyword);
        }
        return null;
    }

    private static String run(String args) {
        if (args.startsWith("--")) {
            return Lang.say("RUN %s: no options on RUN (mounts, network, security)", args.split("\\s+")[0]);
        }
        List<List<String>> commands = new ArrayList<>();
        if (args.startsWith("[")) {
            Matcher word = JSON_WORD.matcher(args);
            List<String> exec = new ArrayList<>();
            while (word.find()) {
                exec.add(word.group(1));
            }
            if (exec.isEmpty()) {
                return Lang.say("RUN %s: not a JSON list of words", args);
            }
            commands.add(exec);
        } else {
            if (SHELL_SPECIAL.matcher(args.replace("&&", " ")).find()) {
                return Lang.say("RUN %s: one command, or commands joined by &&, with no ; | > < ` $( ): the lab runs"
                        + " only simple account and folder commands during a build", args);
            }
            for (String command : args.split("&&")) {
                commands.add(List.of(command.strip().split("\\s+")));
            }
        }
        for (List<String> command : commands) {
            String program = command.get(0).replaceFirst("^/(usr/)?s?bin/", "");
            if (!RUN_PROGRAMS.contains(program)) {
                return Lang.say("RUN %s: a build step may run %s only (the API's image needs nothing else)",
                        command.get(0), String.join(", ", RUN_PROGRAMS.stream().sorted().toList()));
            }
        }
        return null;
    }
}
