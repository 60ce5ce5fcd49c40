package dockerlab.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The language the lab speaks: English or French. {@code -Dlab.lang=fr|en} or {@code LAB_LANG}; else the hand-out's
 * own default ({@code lab.lang} in junit-platform.properties); else French when the machine's locale is French;
 * else English. Texts come from {@code dockerlab/text_<lang>.properties}, one source per text.
 */
public final class Lang {

    public static final String EN = "en";
    public static final String FR = "fr";
    private static final Map<String, Properties> TEXTS = new ConcurrentHashMap<>();
    private static volatile String current;

    private Lang() {
    }

    public static String code() {
        if (current == null) {
            current = choose();
        }
        return current;
    }

    public static boolean french() {
        return FR.equals(code());
    }

    private static String choose() {
        String asked = System.getProperty("lab.lang", System.getenv("LAB_LANG"));
        if (asked == null || asked.isBlank()) {
            asked = load("junit-platform.properties").getProperty("lab.lang");
        }
        if (asked != null && !asked.isBlank()) {
            return asked.strip().toLowerCase(Locale.ROOT).startsWith(FR) ? FR : EN;
        }
        return FR.equals(Locale.getDefault().getLanguage()) ? FR : EN;
    }

    /** The text of a key in the lab's language, {@code %s} filled with the arguments; null when there is none. */
    public static String textOrNull(String key, Object... args) {
        return textOrNull(code(), key, args);
    }

    public static String textOrNull(String lang, String key, Object... args) {
        String text = texts(lang).getProperty(key);
        return text == null ? null : args.length == 0 ? text : String.format(text, args);
    }

    /** The text of a key; a missing key is a bug of the lab, said as such. */
    public static String text(String key, Object... args) {
        String text = textOrNull(key, args);
        if (text == null) {
            throw new IllegalStateException("no text " + key + " in dockerlab/text_" + code() + ".properties");
        }
        return text;
    }

    /**
     * The description of a check (what was measured, with which command), in the lab's language: the English the
     * test is written with, or its French line in dockerlab/checks_fr.tsv (English, a tab, French). Not formatted:
     * AssertJ formats it: {@code .as(say(english), value)}.
     * {@code LanguagesTest} fails when a check has no French line.
     */
    public static String say(String english) {
        return french() ? ChecksInFrench.LINES.getOrDefault(english, english) : english;
    }

    /** A message of the lab's helpers, written like a check's description, formatted with its arguments. */
    public static String say(String english, Object... args) {
        return String.format(say(english), args);
    }

    /**
     * A failure's message in the lab's language: in French, the fixed words AssertJ and Awaitility add to the lab's
     * own description ("expected: … but was: …") become French too (dockerlab/assertj_fr.tsv).
     */
    public static String failure(String message) {
        if (!french() || message == null) {
            return message;
        }
        String said = message;
        for (String[] words : AssertionWords.LINES) {
            said = said.replace(words[0], words[1]);
        }
        return said;
    }

    /** Read once: dockerlab/assertj_fr.tsv, in its order (longest phrases first). */
    private static final class AssertionWords {
        static final java.util.List<String[]> LINES = read();

        private static java.util.List<String[]> read() {
            try (InputStream in = Lang.class.getClassLoader().getResourceAsStream("dockerlab/assertj_fr.tsv")) {
                return in == null ? java.util.List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.startsWith("#") && line.contains("\t"))
                        .map(line -> line.split("\t", 2)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** dockerlab/checks_fr.tsv: the French of each check's English description. */
    public static Map<String, String> checksInFrench() {
        return ChecksInFrench.LINES;
    }

    public static Properties texts(String lang) {
        return TEXTS.computeIfAbsent(lang, l -> load("dockerlab/text_" + l + ".properties"));
    }

    /** Read once, when a check is first described in French. */
    private static final class ChecksInFrench {
        static final Map<String, String> LINES = read();

        private static Map<String, String> read() {
            Map<String, String> checks = new HashMap<>();
            try (InputStream in = Lang.class.getClassLoader().getResourceAsStream("dockerlab/checks_fr.tsv")) {
                if (in != null) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> line.contains("\t"))
                            .forEach(line -> checks.put(line.substring(0, line.indexOf('\t')),
                                    line.substring(line.indexOf('\t') + 1)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(checks);
        }
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Lang.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
