package io.sessionplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.StackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the console's first screen costs in a real browser with {@code bench.sessions} (100,000) sessions in the read
 * model: the whole local stack as {@code ./sessionplane} starts it (its simulator holding the fleet) behind the dev
 * gateway, and Debian's headless Chromium. Per run, a fresh browser profile (nothing cached): the sign-in page's first
 * contentful paint, then from the click on "Sign in" until the sessions table shows its first page, and until the
 * counts per state are shown; for {@code admin} (every session) and {@code helpdesk} (Finance, a quarter).
 */
public final class ConsoleBench {
    static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    public static void main(String[] args) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("needs Debian's chromium and chromium-driver (apt-get install chromium "
                    + "chromium-driver)");
        }
        Path root = Path.of(System.getProperty("sessionplane.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("bench/target/data-console");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withFreePorts()
                .withFleet(SESSIONS, 0);
        try (LocalStack stack = new LocalStack(settings)) {
            long started = System.nanoTime();
            stack.start();
            long total = awaitReadModel(stack, SESSIONS, Duration.ofMinutes(10));
            System.out.printf("stack up and %,d sessions in the read model after %d s%n", total,
                    (System.nanoTime() - started) / 1_000_000_000L);
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (String user : List.of("admin", "helpdesk")) {
                List<double[]> runs = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    runs.add(measure(stack.gatewayUrl(), user));
                }
                results.put(user, runs);
            }
            System.out.println();
            System.out.printf("## console first screen over %,d sessions (%d runs each, fresh browser profile)%n",
                    total, RUNS);
            String[] names = {"sign-in page first contentful paint", "sign in → first page of sessions shown",
                    "sign in → counts per state shown", "login request (password hash)",
                    "sessions list request (page of 25)", "metrics request (counts)"};
            for (var entry : results.entrySet()) {
                for (int i = 0; i < names.length; i++) {
                    int figure = i;
                    double[] values = entry.getValue().stream().mapToDouble(r -> r[figure]).sorted().toArray();
                    System.out.printf("%-9s %-42s min %6.0f ms  median %6.0f ms  max %6.0f ms%n", entry.getKey(),
                            names[i], values[0], values[values.length / 2], values[values.length - 1]);
                }
            }
        }
    }

    /** One cold visit: returns the figures in the order of {@code names} above, in milliseconds. */
    static double[] measure(String gateway, String user) throws Exception {
        Path profile = Files.createTempDirectory("console-bench-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            browser.get(gateway + "/");
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            double paint = number(js.executeScript("const p = performance.getEntriesByName("
                    + "'first-contentful-paint')[0]; return p ? p.startTime : -1;"));
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(user);
            js.executeScript("performance.mark('sign-in-clicked'); document.getElementById('sign-in-button').click();");
            // The console marks both moments itself (User Timing), so the figures do not depend on polling.
            wait.until(d -> number(js.executeScript("return performance.getEntriesByName("
                    + "'sessionplane:counts-shown').length")) > 0);
            double table = since(js, "sessionplane:sessions-shown");
            double counts = since(js, "sessionplane:counts-shown");
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.println(js.executeScript("const t0 = performance.getEntriesByName('sign-in-clicked')[0]"
                        + ".startTime; return performance.getEntriesByType('resource').filter(r => r.startTime >= t0)"
                        + ".map(r => Math.round(r.startTime - t0) + '+' + Math.round(r.duration) + ' ms ' + r.name)"
                        + ".join('\\n');"));
            }
            double login = request(js, "/rest/login");
            double list = request(js, "/rest/inventory/v1/sessions?");
            double metrics = request(js, "/rest/monitor/v1/sessions/metrics");
            return new double[] {paint, table, counts, login, list, metrics};
        } finally {
            browser.quit();
            Directories.deleteRecursively(profile);
        }
    }

    /** Milliseconds from the click on "Sign in" to the console's mark. */
    static double since(JavascriptExecutor js, String mark) {
        return number(js.executeScript("return performance.getEntriesByName(arguments[0])[0].startTime"
                + " - performance.getEntriesByName('sign-in-clicked')[0].startTime;", mark));
    }

    /** The duration of the page's first request whose URL contains {@code part} (Resource Timing). */
    static double request(JavascriptExecutor js, String part) {
        return number(js.executeScript("const e = performance.getEntriesByType('resource').find(r => r.name.includes("
                + "arguments[0])); return e ? e.duration : -1;", part));
    }

    static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    /**
     * Waits until the read model holds the simulator's fleet (it publishes it at start): the admin's count of local
     * sessions (the metrics leave the federated tenth out) is past 80 % and still for 10 s.
     */
    static long awaitReadModel(LocalStack stack, int expected, Duration timeout) throws Exception {
        String token = stack.login("admin", "admin");
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = 0;
        long previous = -1;
        int still = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                    + "/rest/monitor/v1/sessions/metrics")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            total = totalOf(json.readTree(response.body()));
            still = total == previous ? still + 1 : 0;
            previous = total;
            if (total >= expected * 0.8 && still >= 5) {
                return total;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("only " + total + " sessions in the read model after " + timeout);
    }

    /** Horizon's {@code num_sessions}: every session the caller may view. */
    static long totalOf(JsonNode metrics) {
        return metrics.path("num_sessions").asLong(0);
    }
}
