import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What a teacher sees in the class report, checked in a real browser: Debian's Chromium, headless, driven by Selenium.
 * The page (teacher/lab-teacher class-report) is read against the files the grading wrote, read here on their own:
 * every cell of points against class.csv, every check's pass rate against the students' lab-result.json, a failure
 * group's count against it too; sorting by a question works, by mouse and by keyboard. A screenshot goes
 * to OUT_DIR/class-report.png.
 *   java -cp "$(the browser profile's test classpath)" teacher/browser/ClassReportCheck.java OUT_DIR [--must-fail WRONG]
 * With --must-fail, the same browser then checks WRONG, a report known to be wrong: the check must fail on it (exit 1
 * when it passes), which shows that it can.
 */
public class ClassReportCheck {

    public static void main(String[] args) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        boolean wrongPassed = false;
        try {
            check(browser, Path.of(args[0]).toAbsolutePath());
            if (args.length == 3 && args[1].equals("--must-fail")) {
                try {
                    check(browser, Path.of(args[2]).toAbsolutePath());
                    wrongPassed = true;
                    System.out.println("[class-report] " + args[2] + " passes the check, yet it is known to be wrong");
                } catch (AssertionError expected) {
                    System.out.println("[class-report] " + args[2] + " fails the check, as it must: "
                            + expected.getMessage().strip().replaceAll("\\s+", " "));
                }
            }
        } finally {
            browser.quit();
        }
        if (wrongPassed) {
            System.exit(1);
        }
    }

    private static void check(ChromeDriver browser, Path out) throws Exception {
        List<Map<String, String>> csv = readCsv(out.resolve("class.csv"));
        assertThat(csv).as("students in class.csv (three totals at least, to see a sort)").hasSizeGreaterThanOrEqualTo(3);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.get(out.resolve("class-report.html").toUri().toString());
        int checked = 0;

        // the grid's cells of points, against class.csv
        List<WebElement> rows = browser.findElements(By.cssSelector("#grid tbody tr"));
        assertThat(rows).as("rows of the grid, against class.csv").hasSize(csv.size());
        for (Map<String, String> row : csv) {
            WebElement line = rowOf(browser, row.get("student"));
            for (String column : row.keySet()) {
                if (column.matches("ex\\d\\d") || column.equals("total")) {
                    String shown = line.findElement(By.cssSelector("td[data-col='" + column + "']")).getText();
                    assertThat(shown.split(" / ")[0].strip()).as("%s of %s", column, row.get("student"))
                            .isEqualTo(row.get(column));
                    checked++;
                }
            }
            assertThat(line.findElement(By.cssSelector("th a")).getAttribute("href"))
                    .as("the link to %s's feedback", row.get("student")).endsWith("/feedback.md");
        }

        // each check's pass rate, against the students' lab-result.json
        Map<String, int[]> counts = new HashMap<>();
        for (Map<String, String> row : csv) {
            for (JsonNode c : result(out, row).get("checks")) {
                String kind = c.get("kind").asText();
                String status = c.get("status").asText();
                if ((kind.equals("graded") || kind.equals("teacher-graded")) && !status.equals("lab-error")) {
                    int[] n = counts.computeIfAbsent(c.get("id").asText(), k -> new int[2]);
                    n[0] += status.equals("passed") ? 1 : 0;
                    n[1]++;
                }
            }
        }
        for (Map.Entry<String, int[]> check : counts.entrySet()) {
            WebElement rate = browser.findElement(By.cssSelector("tr.rates td[data-col='" + check.getKey() + "']"));
            long expected = Math.round(100.0 * check.getValue()[0] / check.getValue()[1]);
            assertThat(rate.getText()).as("pass rate of %s", check.getKey()).isEqualTo(expected + "%");
            checked++;
        }

        // a failure group's count, against the students' lab-result.json
        WebElement group = browser.findElement(By.cssSelector("section.item li[data-kind='failure'] .count"));
        WebElement item = group.findElement(By.xpath("ancestor::section"));
        String check = item.getAttribute("data-check");
        String line = group.findElement(By.xpath("..")).getText().replaceFirst("^\\d+ × ", "");
        int same = 0;
        for (Map<String, String> row : csv) {
            for (JsonNode c : result(out, row).get("checks")) {
                if (check.equals(c.get("id").asText()) && c.get("status").asText().equals("failed")
                        && c.get("first_line").asText().strip().equals(line)) {
                    same++;
                }
            }
        }
        assertThat(Integer.parseInt(group.getText())).as("students whose %s failed with \"%s\"", check, line)
                .isEqualTo(same).isPositive();

        // a written answer's missing count, against the students' lab-result.json
        WebElement missing = browser.findElement(By.cssSelector("section.item li[data-kind='missing'] .count"));
        String answer = missing.findElement(By.xpath("ancestor::section")).getAttribute("data-check");
        int unanswered = 0;
        for (Map<String, String> row : csv) {
            for (JsonNode c : result(out, row).get("checks")) {
                unanswered += c.get("kind").asText().equals("teacher-graded") && c.get("id").asText().equals(answer)
                        && c.get("status").asText().equals("failed") ? 1 : 0;
            }
        }
        assertThat(Integer.parseInt(missing.getText())).as("students with no answer to %s", answer)
                .isEqualTo(unanswered).isPositive();

        // sorting by a question: by mouse, failures first; again, passes first; by keyboard (Enter) too
        WebElement header = browser.findElement(By.cssSelector("#grid thead button[data-sort='" + check + "']"));
        header.click();
        assertThat(states(browser, check)).as("%s's column after one click: failures first", check)
                .isSortedAccordingTo(Integer::compare);
        header.sendKeys(Keys.ENTER);
        List<Integer> down = states(browser, check);
        assertThat(new ArrayList<>(down)).as("%s's column after Enter: passes first", check)
                .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(down.get(0)).as("the first row after sorting passes first").isGreaterThan(down.get(down.size() - 1));

        Files.write(out.resolve("class-report.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        System.out.printf("[class-report] checked in %s: %d cells of points and pass rates, a failure group of %d"
                + " (%s), sorting by mouse and keyboard; screenshot %s%n", browser.getCapabilities().getBrowserVersion(),
                checked, same, check, out.resolve("class-report.png"));
    }

    private static WebElement rowOf(ChromeDriver browser, String student) {
        return browser.findElements(By.cssSelector("#grid tbody tr")).stream()
                .filter(r -> student.equals(r.getAttribute("data-student"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + student));
    }

    private static List<Integer> states(ChromeDriver browser, String check) {
        List<Integer> values = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#grid tbody tr"))) {
            values.add(Integer.parseInt(row.findElement(By.cssSelector("td[data-col='" + check + "']")).getAttribute("data-value")));
        }
        return values;
    }

    private static List<Map<String, String>> readCsv(Path file) throws Exception {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    /** A student's lab-result.json, the lab's one result model. */
    private static JsonNode result(Path out, Map<String, String> row) throws java.io.IOException {
        return new ObjectMapper().readTree(out.resolve(row.get("student")).resolve("lab-result.json").toFile());
    }
}
