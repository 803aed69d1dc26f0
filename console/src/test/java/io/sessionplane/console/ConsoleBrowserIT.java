package io.sessionplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver) over the whole local stack, through
 * the dev gateway. Without the browser the tests are skipped with the reason, except in CI (CI=true), where they fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");
    static final String FINANCE = "2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11";

    static LocalStack stack;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String why = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + ": required in CI");
            }
            Assumptions.abort(why + ", so the console's browser tests are skipped");
        }
        Path root = Path.of(System.getProperty("sessionplane.root", "..")).toAbsolutePath().normalize();
        Path data = root.resolve("console/target/stack");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withFreePorts()
                .withFleet(80, 0);
        stack = new LocalStack(settings);
        try {
            stack.start();
        } catch (RuntimeException e) {
            throw new AssertionError("the stack did not start:\n" + stack.tails(30), e);
        }
        Files.createDirectories(SHOTS);
        Path profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        // The page's console messages, for the record a failed test leaves (PAGE_ON_FAILURE).
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // Above the 45 s a feed script below waits at most, so its own report (not a bare timeout) says what went wrong.
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(50));
        // Live updates re-render parts of the page: an element found just before it is replaced is looked up again.
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * A failed test leaves what the browser saw: a screenshot and the page under target/screenshots, and in the test's
     * output the address, the load state, every request the page made with its status, the page's console messages
     * and the services' last log lines. A wait that times out says only what it waited for.
     */
    @RegisterExtension
    static final TestWatcher PAGE_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            String name = "failed-" + context.getRequiredTestMethod().getName();
            StringBuilder record = new StringBuilder("---- " + name + ": what the browser saw ----\n");
            if (browser != null) {
                try {
                    shot(name);
                    Files.writeString(SHOTS.resolve(name + ".html"), browser.getPageSource());
                    record.append(((JavascriptExecutor) browser).executeScript(PAGE_STATE)).append('\n');
                    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                        record.append("console ").append(entry.getLevel()).append(' ').append(entry.getMessage())
                                .append('\n');
                    }
                } catch (Exception e) {
                    record.append("the page could not be recorded: ").append(e).append('\n');
                }
            }
            if (stack != null) {
                record.append(stack.tails(30));
            }
            System.out.println(record);
        }
    };

    static final String PAGE_STATE = """
            const nav = performance.getEntriesByType('navigation')[0];
            const lines = [location.href + ' readyState=' + document.readyState
                + ' navigation status=' + (nav ? nav.responseStatus : '?')
                + ' main=' + JSON.stringify((document.getElementById('main') || {}).outerHTML || '').slice(0, 300)];
            for (const r of performance.getEntriesByType('resource')) {
              lines.push('request ' + r.name + ' status=' + r.responseStatus + ' ' + Math.round(r.duration) + ' ms');
            }
            return lines.join('\\n');
            """;

    static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void signIn(String user) {
        browser.get(stack.gatewayUrl() + "/");
        visible(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
    }

    /** In-page navigation (as a click on a link does): a reload would drop the in-memory token and ask for sign-in. */
    static void go(String pathAndQuery) {
        ((JavascriptExecutor) browser).executeScript("history.pushState(null, '', arguments[0]);"
                + "document.getElementById('main').removeAttribute('data-ready');"
                + "window.dispatchEvent(new PopStateEvent('popstate'));", pathAndQuery);
    }

    static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#session-rows tr"));
    }

    @Test
    @Order(1)
    void helpdeskSignsInAndSeesOnlyFinanceSessions() throws Exception {
        browser.get(stack.gatewayUrl() + "/");
        visible(By.id("sign-in"));
        shot("01-sign-in");
        signIn("helpdesk");
        assertThat(rows()).isNotEmpty();
        assertThat(rows()).allSatisfy(row -> assertThat(row.getDomAttribute("data-access-group")).isEqualTo(FINANCE));
        wait.until(d -> "true".equals(d.findElement(By.id("state-counts")).getDomAttribute("data-ready")));
        // The counts are Horizon's session metrics, counted by the server over every Finance session of the pod.
        assertThat(browser.findElement(By.id("counts-note")).getText()).isEqualTo("Every session of this pod you may view.");
        assertThat(browser.findElement(By.cssSelector("[data-state=CONNECTED].count__number")).getText()).matches("[0-9,]+");
        shot("02-sessions");
    }

    @Test
    @Order(2)
    void searchingAUserNarrowsTheListAndTheUrlKeepsIt() throws Exception {
        // By what the user tells the helpdesk: the account name without its domain (CORP\\user123 → user123).
        String userName = wait.until(d -> {
            String name = rows().get(0).findElement(By.cssSelector("a.user-link")).getText();
            return name.contains("\\") ? name : null;
        });
        String typed = userName.substring(userName.indexOf('\\') + 1);
        WebElement box = browser.findElement(By.id("q"));
        box.clear();
        box.sendKeys(typed);
        browser.findElement(By.id("search-button")).click();
        wait.until(d -> d.getCurrentUrl().contains("q="));
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready"))
                && !rows().isEmpty() && rows().stream().allMatch(r -> r.getText().contains(typed)));
        shot("03-search");
    }

    @Test
    @Order(3)
    void disconnectingFromTheDetailShowsTheOutcomeLive() throws Exception {
        go("/?view=sessions&state=CONNECTED&type=DESKTOP&pod=local");
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")) && !rows().isEmpty());
        rows().get(0).findElement(By.cssSelector("a.user-link")).click();
        wait.until(d -> "session".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
        wait.until(d -> "true".equals(d.findElement(By.id("live-note")).getDomAttribute("data-live")));
        assertThat(browser.findElement(By.id("session-state")).getDomAttribute("data-state")).isEqualTo("CONNECTED");
        browser.findElement(By.cssSelector("#session-actions [data-action=disconnect]")).click();
        visible(By.id("action-confirm")).click();
        wait.until(d -> "succeeded".equals(d.findElement(By.cssSelector("#action-items .result")).getDomAttribute("data-result")));
        shot("04-action-outcome");
        browser.findElement(By.id("action-cancel")).click();
        // Without a reload: the timeline gets the live events, the state follows.
        wait.until(d -> "DISCONNECTED".equals(d.findElement(By.id("session-state")).getDomAttribute("data-state")));
        wait.until(d -> !d.findElements(By.cssSelector("#timeline .timeline__item--live")).isEmpty());
        shot("05-session-timeline");
    }

    @Test
    @Order(4)
    void aShareSpaceShowsItsInvitationCode() throws Exception {
        go("/?view=sessions&state=CONNECTED&type=DESKTOP&pod=local");
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")) && !rows().isEmpty());
        rows().get(rows().size() - 1).findElement(By.cssSelector("a.user-link")).click();
        wait.until(d -> "session".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
        visible(By.id("assist-start")).click();
        // Read inside the wait: the details are re-rendered as the share space's state arrives.
        String details = wait.until(d -> {
            String text = d.findElement(By.id("assist-details")).getText();
            return text.contains("Invitation code") ? text : null;
        });
        assertThat(details).containsPattern("Invitation code\\s+[A-Z0-9]{8}");
        shot("06-remote-assistance");
        visible(By.id("assist-cancel")).click();
        wait.until(d -> "CLOSE".equals(d.findElement(By.id("assist-state")).getDomAttribute("data-status")));
    }

    @Test
    @Order(5)
    void aBulkMessageShowsTheRefusedItemAsRefused() throws Exception {
        go("/?view=sessions&state=DISCONNECTED&pod=local");
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")) && !rows().isEmpty());
        String disconnected = rows().get(0).getDomAttribute("data-session-id");
        go("/?view=sessions&pod=local");
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")) && !rows().isEmpty());
        // the disconnected one and a connected one, on whichever page of the unfiltered list; search narrows to each
        String connected = rows().stream().filter(r -> "CONNECTED".equals(r.getDomAttribute("data-state")))
                .findFirst().orElseThrow().getDomAttribute("data-session-id");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0,0)");
        WebElement connectedBox = browser.findElement(By.cssSelector("input[data-id='" + connected + "']"));
        connectedBox.click();
        List<WebElement> disconnectedBoxes = browser.findElements(By.cssSelector("input[data-id='" + disconnected + "']"));
        if (disconnectedBoxes.isEmpty()) {
            // not on this page: pick any disconnected one that is
            disconnectedBoxes = browser.findElements(By.cssSelector("tr[data-state=DISCONNECTED] input[type=checkbox]"));
        }
        Assumptions.assumeFalse(disconnectedBoxes.isEmpty(), "no disconnected session on the first page");
        disconnectedBoxes.get(0).click();
        browser.findElement(By.cssSelector("#bulk [data-action=send-message]")).click();
        visible(By.id("message-text")).sendKeys("Maintenance at 18:00");
        browser.findElement(By.id("message-type-WARNING")).click();
        // The local preview at once, then the server's dry run of the same request (nothing sent yet).
        wait.until(d -> d.findElement(By.id("preview-hint")).getText().startsWith("Preview from the server"));
        assertThat(browser.findElements(By.cssSelector("#action-items .preview[data-preview=server]"))).hasSize(2);
        assertThat(browser.findElement(By.id("action-items")).getText()).containsIgnoringCase("May be refused");
        shot("07-bulk-preview");
        browser.findElement(By.id("action-confirm")).click();
        wait.until(d -> d.findElements(By.cssSelector("#action-items .result[data-result=succeeded]")).size() == 1
                && d.findElements(By.cssSelector("#action-items .result[data-result=failed]")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#action-items .result[data-result=failed]")).getText())
                .startsWith("Refused");
        shot("08-bulk-outcome");
        browser.findElement(By.id("action-cancel")).click();
        // The list was loaded again once the outcomes were in: the selection the message was sent on is gone.
        wait.until(d -> d.findElement(By.id("selected-count")).getText().startsWith("Select sessions"));
        assertThat(browser.findElements(By.cssSelector("#session-rows input[type=checkbox]:checked"))).isEmpty();
    }

    @Test
    @Order(6)
    void adminResetsAVdiSession() throws Exception {
        ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('dialog').forEach(d => d.close())");
        browser.findElement(By.id("sign-out")).click();
        visible(By.id("sign-in"));
        String target = vcenterDesktop();
        signIn("admin");
        browser.get(stack.gatewayUrl() + "/?view=session&id=" + target);
        // a load from the address bar: the token is in memory only, so the console asks for sign-in again and then
        // shows the same session
        visible(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin");
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(d -> "session".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
        browser.findElement(By.cssSelector("#session-actions [data-action=reset]")).click();
        visible(By.id("action-confirm")).click();
        wait.until(d -> "succeeded".equals(d.findElement(By.cssSelector("#action-items .result")).getDomAttribute("data-result")));
        shot("09-admin-reset");
        browser.findElement(By.id("action-cancel")).click();
    }

    @Test
    @Order(7)
    void firstPaintAtPhoneWidthAndTheAuditLog() throws Exception {
        browser.get(stack.gatewayUrl() + "/?view=audit");
        visible(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin");
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(d -> "audit".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
        assertThat(browser.findElements(By.cssSelector("#audit-rows tr"))).isNotEmpty();
        shot("10-audit");
        Object paint = ((JavascriptExecutor) browser).executeScript(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;");
        System.out.println("console first contentful paint (sign-in page): " + paint + " ms");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(stack.gatewayUrl() + "/");
        visible(By.id("sign-in"));
        shot("11-phone-sign-in");
    }

    /**
     * Over plain HTTP from another machine the page is not a secure context and has no crypto.randomUUID: the
     * actions' Idempotency-Keys still come out as random version-4 UUIDs.
     */
    @Test
    @Order(8)
    void idempotencyKeysNeedNoSecureContext() {
        Object keys = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/actions.js').then((actions) => {
                  Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
                  const made = [actions.newIdempotencyKey(), actions.newIdempotencyKey()];
                  delete crypto.randomUUID;
                  done(made);
                }, (e) => done(String(e)));
                """);
        assertThat(keys).asList().hasSize(2).doesNotHaveDuplicates().allSatisfy(key -> assertThat((String) key)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    /**
     * Makes this page's fetch answer chosen paths itself: {@code window.__fake[pathPrefix]} is a list of answers taken
     * in turn ({@code {status, body, stream}}; the last one repeats), every call is recorded in {@code window.__calls}
     * with its path and headers, and any other path goes to the real server. The console's own code (api.js, feed.js)
     * is what runs; only the server's answer is chosen, to show what it does when the server is busy or away, which
     * the stack under test is not.
     */
    static final String FAKE_FETCH = """
            if (!window.__realFetch) window.__realFetch = window.fetch;
            window.__fake = {};
            window.__calls = [];
            window.fetch = async (path, init = {}) => {
              const url = new URL(path, location.href);
              const headers = Object.assign({}, init.headers || {});
              window.__calls.push({ path: url.pathname, headers, at: Date.now() });
              const prefix = Object.keys(window.__fake).find((p) => url.pathname.startsWith(p));
              if (!prefix) return window.__realFetch(path, init);
              const answers = window.__fake[prefix];
              const answer = answers.length > 1 ? answers.shift() : answers[0];
              const text = answer.stream !== undefined ? answer.stream : JSON.stringify(answer.body || {});
              const body = new ReadableStream({ start(c) {
                c.enqueue(new TextEncoder().encode(text));
                if (!answer.open) c.close();
              } });
              return new Response(body, { status: answer.status || 200, headers: {
                'Content-Type': answer.stream !== undefined ? 'text/event-stream' : 'application/json' } });
            };
            """;

    static Object script(String async) {
        return ((JavascriptExecutor) browser).executeAsyncScript(FAKE_FETCH + async);
    }

    static List<String> calledPaths() {
        @SuppressWarnings("unchecked")
        List<String> paths = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.__calls.map((c) => c.path);");
        return paths;
    }

    /**
     * A refresh answered 503 or 429 leaves the operator signed in (only 400/401 end a sign-in), and a sign-out the server
     * never confirms is tried three times and then says so instead of claiming success.
     */
    @Test
    @Order(9)
    void aBusyServerDoesNotEndTheSignInAndAnUnconfirmedSignOutSaysSo() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        signIn("admin");
        @SuppressWarnings("unchecked")
        Map<String, Object> refreshed = (Map<String, Object>) script("""
                const done = arguments[arguments.length - 1];
                import('/console/api.js').then(async (api) => { try {
                  const before = api.bearer();
                  const seen = {};
                  for (const status of [503, 429]) {
                    window.__fake['/rest/refresh'] = [{ status, body: { error_key: 'common.service.unavailable' } }];
                    seen[status] = await api.refresh().then(() => 'resolved', (e) => e.status);
                    seen['signedIn' + status] = api.signedIn();
                  }
                  delete window.__fake['/rest/refresh'];
                  seen.realRefresh = await api.refresh().then(() => 'resolved', (e) => e.status);
                  seen.signedInAfter = api.signedIn();
                  seen.newToken = api.bearer() !== before;
                  done(seen);
                } catch (e) { done({ error: String(e) }); } }, (e) => done({ error: String(e) }));
                """);
        assertThat(refreshed).containsEntry("503", 503L).containsEntry("signedIn503", true)
                .containsEntry("429", 429L).containsEntry("signedIn429", true)
                .containsEntry("realRefresh", "resolved").containsEntry("signedInAfter", true).containsEntry("newToken", true);
        assertThat(browser.findElements(By.id("sign-in"))).isEmpty();
        // The page still works after the refreshes: the session list loads.
        go("/?view=sessions&pod=local");
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")) && !rows().isEmpty());

        script("""
                window.__fake['/rest/logout'] = [{ status: 503, body: { error_key: 'common.service.unavailable' } }];
                arguments[arguments.length - 1](null);
                """);
        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("main")).getText().contains("Signed out here only"));
        assertThat(calledPaths()).filteredOn("/rest/logout"::equals).hasSize(3);
        shot("12-sign-out-unconfirmed");

        // With the server answering, the same button signs out for real, and says that instead.
        // The sign-in form replaced the list without clearing its data-ready: cleared here, so the wait below waits
        // for the list this sign-in loads, not the one before it.
        ((JavascriptExecutor) browser).executeScript("window.fetch = window.__realFetch;"
                + "document.getElementById('main').removeAttribute('data-ready');");
        visible(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin");
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(d -> "sessions".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("main")).getText().contains("You have signed out."));
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("Signed out here only");
    }

    /**
     * The live feed: after the server closes it for a shutdown it waits before reconnecting and does not refresh the
     * token; it resumes with Last-Event-ID; a cursor the server refuses restarts it from now, and says so; a close
     * for the token's expiry refreshes once and reconnects with the new token.
     */
    @Test
    @Order(10)
    void theLiveFeedRefreshesOnlyForItsTokenAndRestartsFromARefusedCursor() throws Exception {
        signIn("admin");
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) script("""
                const done = arguments[arguments.length - 1];
                const feedPath = '/rest/inventory/v1/session-events';
                window.__fake[feedPath] = [
                  { stream: 'id: c1\\ndata: {"event_id":"e1"}\\n\\nevent: closed\\ndata: {"reason":"shutdown"}\\n\\n' },
                  { status: 400, body: { error_key: 'common.invalid.argument' } },
                  { stream: 'event: closed\\ndata: {"reason":"token-expired"}\\n\\n' },
                  { stream: ': keep-alive\\n\\n', open: true },
                ];
                import('/console/feed.js').then((feed) => {
                  const events = [];
                  const statuses = [];
                  const handle = feed.openFeed({ onEvent: (e) => events.push(e.event_id), onStatus: (s) => statuses.push(s) });
                  const started = Date.now();
                  const check = () => { try {
                    const feedCalls = window.__calls.filter((c) => c.path === feedPath);
                    if (feedCalls.length >= 4 || Date.now() - started > 45000) {
                      handle.close();
                      done({
                        cursors: feedCalls.map((c) => c.headers['Last-Event-ID'] || ''),
                        tokens: feedCalls.map((c) => c.headers.Authorization),
                        gaps: feedCalls.slice(1).map((c, i) => c.at - feedCalls[i].at),
                        refreshes: window.__calls.filter((c) => c.path === '/rest/refresh').length,
                        events, statuses,
                      });
                    } else {
                      setTimeout(check, 100);
                    }
                  } catch (e) { done({ error: String(e) }); } };
                  check();
                }, (e) => done({ error: String(e) }));
                """);
        ((JavascriptExecutor) browser).executeScript("window.fetch = window.__realFetch;");
        assertThat(run).doesNotContainKey("error");
        assertThat(run.get("cursors")).asList().containsExactly("", "c1", "", "");
        assertThat(run.get("events")).asList().containsExactly("e1");
        assertThat(run.get("statuses")).asList()
                .contains("Live updates restarted from now: some earlier updates could not be fetched.");
        // Only the token's expiry refreshed it (the real server rotated it), and the next connection carries the new one.
        assertThat(run.get("refreshes")).isEqualTo(1L);
        List<?> tokens = (List<?>) run.get("tokens");
        assertThat(tokens.get(3)).isNotEqualTo(tokens.get(2));
        assertThat(tokens.get(2)).isEqualTo(tokens.get(0));
        // After a shutdown close and after the refused cursor it waited (backoff 1 s, then 2 s), not a tight loop.
        List<?> gaps = (List<?>) run.get("gaps");
        assertThat(((Number) gaps.get(0)).longValue()).isGreaterThanOrEqualTo(900);
        assertThat(((Number) gaps.get(1)).longValue()).isGreaterThanOrEqualTo(1800);
    }

    /** A connected VDI desktop of this pod that vCenter manages (the simulator knows; the API does not say). */
    static String vcenterDesktop() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + stack.settings().simulatorPort()
                        + "/simulator/sessions?desktops_only=true&local_only=true&state=CONNECTED&limit=200")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        for (var entry : json) {
            var snapshot = entry.path("snapshot");
            var session = snapshot.path("session");
            if (snapshot.path("vcenter_managed").asBoolean() && session.path("farm_id").isMissingNode()
                    && session.path("rds_server_id").isMissingNode()) {
                return session.path("id").asText();
            }
        }
        throw new AssertionError("no vCenter-managed VDI desktop in the simulated fleet");
    }
}
