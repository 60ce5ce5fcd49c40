package dockerlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dockerlab.grading.Hints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every text of the lab exists in English and in French: a key, a hint, a README section or a TODO in one only fails. */
@DisplayName("Languages · English and French have the same texts")
class LanguagesTest {

    private static final Pattern QUESTION_HEADING = Pattern.compile("(?m)^##\\s+(\\d+\\.[a-z])\\b");
    private static final String LITERAL_SOURCE = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern SAY = Pattern.compile("\\bsay\\(((?:\\s*\\+?\\s*" + LITERAL_SOURCE + ")+)\\s*[,)]");
    private static final Pattern LITERAL = Pattern.compile(LITERAL_SOURCE);
    private static final Pattern PLACEHOLDER = Pattern.compile("%[sdn%]");

    @Test
    @DisplayName("text_en.properties and text_fr.properties have the same keys")
    void bothLanguagesHaveTheSameKeys() {
        var english = new TreeSet<>(Lang.texts(Lang.EN).stringPropertyNames());
        var french = new TreeSet<>(Lang.texts(Lang.FR).stringPropertyNames());

        assertThat(french).as("keys of dockerlab/text_fr.properties against text_en.properties").isEqualTo(english);
    }

    @Test
    @DisplayName("each exercise's hints.md and hints.fr.md give as many hints for the same questions")
    void hintsExistInBothLanguages() throws Exception {
        for (Path exercise : exercises()) {
            Path englishFile = exercise.resolve(Hints.fileName(Lang.EN));
            Path frenchFile = exercise.resolve(Hints.fileName(Lang.FR));
            if (!Files.exists(englishFile) && !Files.exists(frenchFile)) {
                continue; // an exercise without graded questions has no hints
            }
            assertThat(frenchFile).as("hints of %s in French", exercise.getFileName()).isRegularFile();
            assertThat(englishFile).as("hints of %s in English", exercise.getFileName()).isRegularFile();
            Map<String, List<String>> english = Hints.read(englishFile);
            Map<String, List<String>> french = Hints.read(frenchFile);

            assertThat(french.keySet()).as("questions of %s/hints.fr.md", exercise.getFileName()).isEqualTo(english.keySet());
            english.forEach((question, hints) -> assertThat(french.get(question)).as("hints of %s in %s/hints.fr.md",
                    question, exercise.getFileName()).hasSameSizeAs(hints));
        }
    }

    @Test
    @DisplayName("each README.md has a README.fr.md with the same question sections, the answer sheet too")
    void readmesExistInBothLanguages() throws Exception {
        List<Path[]> pairs = new ArrayList<>();
        for (Path exercise : exercises()) {
            pairs.add(new Path[] {exercise.resolve("README.md"), exercise.resolve("README.fr.md")});
        }
        Path exercises = LabPaths.project().resolve("exercises");
        if (!LabPaths.isHandout()) { // a hand-out has one answer sheet, in its language
            pairs.add(new Path[] {exercises.resolve("answers.md"), exercises.resolve("answers.fr.md")});
        }
        pairs.add(new Path[] {LabPaths.project().resolve("README.md"), LabPaths.project().resolve("README.fr.md")});

        for (Path[] pair : pairs) {
            assertThat(pair[1]).as("the French twin of %s", LabPaths.project().relativize(pair[0])).isRegularFile();
            assertThat(questions(pair[1])).as("question sections of %s", LabPaths.project().relativize(pair[1]))
                    .isEqualTo(questions(pair[0]));
        }
    }

    @Test
    @DisplayName("every TODO of the student's files is written in both languages")
    void todosExistInBothLanguages() throws Exception {
        assumeFalse(LabPaths.isHandout(), "a hand-out keeps the TODOs of its own language only");
        for (Part part : List.of(Part.API, Part.DOCKERFILE, Part.COMPOSE)) {
            String text = Files.readString(LabPaths.project().resolve(part.path()));

            long english = text.lines().filter(l -> l.contains("HANDOUT:") && l.contains("TODO")).count();
            long french = text.lines().filter(l -> l.contains("HANDOUT-fr:") && l.contains("TODO")).count();

            assertThat(french).as("TODO lines of %s in French (HANDOUT-fr:) against English (HANDOUT:)", part.path())
                    .isEqualTo(english).isPositive();
        }
    }

    @Test
    @DisplayName("every check or message written with say(\"...\") has its French line in checks_fr.tsv, same placeholders")
    void checksExistInBothLanguages() throws Exception {
        Set<String> described = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(LabPaths.project().resolve("src/test/java/dockerlab"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher say = SAY.matcher(Files.readString(source));
                while (say.find()) {
                    described.add(joinedLiterals(say.group(1)));
                }
            }
        }
        Map<String, String> french = Lang.checksInFrench();

        assertThat(described).as("checks and messages written with say(...) in the tests and their helpers").isNotEmpty();
        assertThat(french.keySet()).as("English lines of dockerlab/checks_fr.tsv against the say(...) of the tests")
                .containsExactlyInAnyOrderElementsOf(described);
        french.forEach((english, translated) -> assertThat(placeholders(translated))
                .as("placeholders of the French of \"%s\"", english).isEqualTo(placeholders(english)));
    }

    private static List<Path> exercises() throws Exception {
        try (Stream<Path> folders = Files.list(LabPaths.project().resolve("exercises"))) {
            return folders.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The text of Java string literals joined by +, as the compiler reads it. */
    private static String joinedLiterals(String source) {
        StringBuilder text = new StringBuilder();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            text.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return text.toString();
    }

    private static List<String> placeholders(String format) {
        return PLACEHOLDER.matcher(format).results().map(MatchResult::group).toList();
    }

    private static List<String> questions(Path markdown) throws Exception {
        Matcher m = QUESTION_HEADING.matcher(Files.readString(markdown));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
