package dockerlab.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's healthcheck as {@code docker compose config} resolves it, with Docker's defaults for what it leaves
 * out (interval 30 s, retries 3, start_period 0): the command to run, and how long a first start may take before
 * Docker calls the service unhealthy.
 */
public record Healthcheck(List<String> test, Duration interval, int retries, Duration startPeriod) {

    /** The lab's bound for a database's first start (initdb) on a busy machine, and what a healthcheck must allow. */
    public static final Duration FIRST_START = Duration.ofSeconds(30);

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    /** The service's healthcheck in the checked config, or null when it has none (or disables it). */
    public static Healthcheck of(JsonNode service) {
        JsonNode check = service.path("healthcheck");
        List<String> test = new ArrayList<>();
        check.path("test").forEach(word -> test.add(word.asText()));
        if (test.isEmpty() || test.get(0).equals("NONE") || check.path("disable").asBoolean(false)) {
            return null;
        }
        return new Healthcheck(test, duration(check.path("interval").asText(""), Duration.ofSeconds(30)),
                check.path("retries").asInt(3), duration(check.path("start_period").asText(""), Duration.ZERO));
    }

    /** How long Docker waits before it says unhealthy: start_period, then `retries` failed checks `interval` apart. */
    public Duration firstStartAllowed() {
        return startPeriod.plus(interval.multipliedBy(retries));
    }

    /** What {@code docker exec} runs: CMD's words as they are, CMD-SHELL's string through /bin/sh -c. */
    public List<String> command() {
        List<String> rest = test.subList(1, test.size());
        return test.get(0).equals("CMD-SHELL") ? List.of("/bin/sh", "-c", String.join(" ", rest)) : rest;
    }

    /** "30 s", "0.5 s": a duration as a student reads it. */
    public static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A Go duration as compose writes it ("500ms", "1m30s"); the default when empty. */
    public static Duration duration(String text, Duration otherwise) {
        if (text.isBlank()) {
            return otherwise;
        }
        Matcher part = GO_DURATION.matcher(text);
        double nanos = 0;
        while (part.find()) {
            double value = Double.parseDouble(part.group(1));
            nanos += value * switch (part.group(2)) {
                case "h" -> 3.6e12;
                case "m" -> 6e10;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
        }
        return Duration.ofNanos((long) nanos);
    }
}
