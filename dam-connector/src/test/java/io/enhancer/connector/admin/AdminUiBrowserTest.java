package io.enhancer.connector.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.enhancer.connector.Await;
import io.enhancer.connector.LocalOrigin;
import io.enhancer.connector.MarketplaceReceiver;
import io.enhancer.connector.TestInfra;
import io.enhancer.connector.images.ImageFilter;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin UI in real headless Chromium against the real service (MariaDB, Redis, a KRaft broker in the JVM, the
 * engine, the local DAM): sign in, review by button and by key, see decisions through the API, markup in notes
 * shown as text, dashboard charts, a CSV import with bad rows, a batch running to 100 %, a dead letter dry-run and
 * replayed. Screenshots land in target/ui-screenshots; with -Dadmin.ui.screenshots=update they also replace
 * admin-ui/docs/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiBrowserTest {
  static final String ADMIN_KEY = "ui-admin-" + UUID.randomUUID();
  static final String XSS = "<img src=x onerror=alert(1)>";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/ui-screenshots");
  static final Path DOCS_SCREENSHOTS = Path.of("../admin-ui/docs/screenshots");
  static LocalOrigin origin;
  static MarketplaceReceiver marketplace;
  static Path dataDir;
  static Path profileDir;
  static ChromeDriver driver;
  static WebDriverWait wait;
  static String reviewerKey;
  static final List<String> consoleProblems = new ArrayList<>();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    origin = new LocalOrigin();
    marketplace = new MarketplaceReceiver(0);
    dataDir = Files.createTempDirectory("enhancer-ui");
    String schema = TestInfra.freshSchema(AdminUiBrowserTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("REDIS_URL", () -> TestInfra.REDIS_URL);
    r.add("ENHANCER_REDIS_KEY_PREFIX", () -> "enhancer-ui-" + UUID.randomUUID());
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_ADMIN_UI_DIR", () -> Path.of("../admin-ui").toAbsolutePath().normalize().toString());
    r.add("ENHANCER_ALLOWED_ORIGINS", origin::origin);
    r.add("ENHANCER_ALLOW_PRIVATE_ADDRESSES", () -> "true");
    r.add("AUTO_APPROVE_THRESHOLD", () -> "100"); // every image waits for a reviewer
    r.add("ENHANCER_JOB_PARTITIONS", () -> "2");
    r.add("ENHANCER_INBOX_POLL", () -> "1s");
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.ui");
    r.add("enhancer.jobs.dead-letter-topic", () -> "enhancer.jobs.ui.dlt");
    r.add("spring.kafka.consumer.group-id", () -> "enhancer-workers-ui");
    r.add("spring.kafka.listener.concurrency", () -> "2");
    r.add("ENHANCER_OUTBOUND_WEBHOOKS", () -> "market=" + marketplace.url());
    r.add("ENHANCER_OUTBOUND_SECRET", () -> "whsec_ui_marketplace_secret_01");
    r.add("ENHANCER_OUTBOUND_ALLOW_HTTP", () -> "true");
    r.add("ENHANCER_OUTBOUND_POLL", () -> "200ms");
  }

  @BeforeAll
  static void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("Chromium and chromedriver are needed at /usr/bin: run scripts/install-browser.sh");
    }
    profileDir = Files.createTempDirectory("enhancer-ui-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profileDir, "--window-size=1280,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (driver != null) driver.quit();
    if (origin != null) origin.close();
    if (marketplace != null) marketplace.close();
    if (profileDir != null) org.springframework.util.FileSystemUtils.deleteRecursively(profileDir);
  }

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired ImageMapper images;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  /** Five photos imported and enhanced once for the whole class; all wait for review. */
  @BeforeEach
  void seed() throws Exception {
    if (reviewerKey != null) return;
    reviewerKey = keys.issue("ui-reviewer", Role.REVIEWER);
    List<Path> photos = TestInfra.productPhotos(5);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < photos.size(); i++) {
      if (i > 0) rows.append(',');
      rows.append("{\"sku_id\":\"SKU-UI-").append(i).append("\",\"product_group_id\":\"fruit\",\"image_url\":\"")
          .append(origin.serve("ui-" + i + ".jpg", photos.get(i))).append("\"}");
    }
    HttpResponse<String> imported = send(HttpRequest.newBuilder(uri("/api/v1/import"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"enhance\":true,\"images\":[" + rows + "]}")));
    assertThat(imported.statusCode()).isEqualTo(200);
    Await.until(Duration.ofSeconds(90), "5 images enhanced and waiting for review",
        () -> images.count(new ImageFilter(null, "fruit", "completed", "needs_review", 10, 0)) == 5);
  }

  @Test
  @Order(1)
  void reviewerSignsInAndDecidesByButtonAndByKeyboard() throws Exception {
    driver.get(base() + "/admin/");
    WebElement keyInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    assertThat(driver.findElement(By.cssSelector("label[for='api-key']")).getText()).isEqualTo("API key");
    screenshot("signin");
    keyInput.sendKeys(reviewerKey);
    driver.findElement(By.id("reviewer-name")).sendKeys("Rita Reviewer");
    button("Sign in").click();

    wait.until(ExpectedConditions.textMatches(By.id("queue-progress"), java.util.regex.Pattern.compile("5 of 5 left")));
    assertThat(driver.getCurrentUrl()).doesNotContain(reviewerKey);
    assertThat(js("return sessionStorage.getItem('enhancer.apiKey')")).isEqualTo(reviewerKey);
    assertThat(js("return localStorage.length")).isEqualTo(0L);
    awaitImagesLoaded(2);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("qc-score")));
    assertThat(driver.findElement(By.cssSelector(".metrics")).getText()).contains("Sharpness", "Noise", "Width");
    screenshot("review");

    long first = shownImageId();
    button("Approve").click();
    awaitQcStatus(first, "approved");
    wait.until(ExpectedConditions.textToBe(By.id("queue-progress"), "4 of 5 left"));

    long second = shownImageId();
    assertThat(second).isNotEqualTo(first);
    awaitImagesLoaded(2);
    new Actions(driver).sendKeys("a").perform();
    awaitQcStatus(second, "approved");
    wait.until(ExpectedConditions.textToBe(By.id("queue-progress"), "3 of 5 left"));

    JsonNode history = api("/api/v1/images/" + second).get("review_history");
    assertThat(history.get(0).get("reviewer_id").asString()).isEqualTo("Rita Reviewer");

    new Actions(driver).sendKeys("s").perform();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".slider-after")));
    awaitImagesLoaded(2);
    screenshot("review-slider");
    new Actions(driver).sendKeys("?").perform();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("help-dialog")));
    assertThat(driver.findElement(By.id("help-dialog")).getText()).contains("Approve", "Next image");
    new Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
    new Actions(driver).sendKeys("s").perform();
  }

  @Test
  @Order(2)
  void rejectionNotesWithMarkupAreShownAsText() throws Exception {
    long id = shownImageId();
    awaitImagesLoaded(2);
    driver.findElement(By.id("review-notes")).sendKeys(XSS);
    button("Reject").click();
    awaitQcStatus(id, "rejected");
    assertThat(api("/api/v1/images/" + id).get("review_history").get(0).get("notes").asString()).isEqualTo(XSS);

    open("images/" + id, By.id("detail-body"));
    WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#review-history .note")));
    assertThat(note.getText()).isEqualTo(XSS);
    assertThat(driver.findElements(By.cssSelector("#review-history img"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
    wait.until(d -> d.findElements(By.cssSelector("[data-thumb='original'] img")).size() == 1);
    assertNoAlert();
    screenshot("image-detail");
  }

  @Test
  @Order(3)
  void dashboardDrawsChartsFromTheStats() {
    open("dashboard", By.id("dash-body"));
    wait.until(d -> d.findElements(By.cssSelector(".chart svg")).size() >= 5);
    WebElement byQc = driver.findElement(By.xpath("//figure[figcaption='Images by QC status']//*[local-name()='svg']"));
    assertThat(byQc.getAttribute("aria-label")).contains("Approved: 2", "Rejected: 1", "Needs review: 2");
    assertThat(byQc.findElements(By.tagName("rect"))).hasSizeGreaterThanOrEqualTo(3);
    WebElement scores = driver.findElement(By.xpath("//figure[starts-with(figcaption,'QC score distribution')]//*[local-name()='svg']"));
    assertThat(scores.findElements(By.tagName("rect"))).hasSize(10);
    screenshot("dashboard");

    open("images", By.id("images-body"));
    wait.until(d -> d.findElements(By.cssSelector(".data-table tbody tr")).size() == 5);
    screenshot("images");
  }

  @Test
  @Order(4)
  void adminImportsACsvAndSeesTheBadRows() throws Exception {
    signInAs(ADMIN_KEY);
    open("import", By.id("import-file"));
    Path csv = dataDir.resolve("catalog.csv");
    String good = origin.serve("imp-good.jpg", TestInfra.productPhotos(6).get(5));
    Files.writeString(csv, "sku,url,category\n"
        + "SKU-IMP-1," + good + ",veg\n"
        + ",https://no-sku.example/a.jpg,veg\n"
        + "SKU-IMP-3,https://not-allowed.example/b.jpg,veg\n");
    driver.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-preview")));
    assertThat(driver.findElement(By.id("map-sku_id")).getAttribute("value")).isEqualTo("sku");
    assertThat(driver.findElement(By.id("map-image_url")).getAttribute("value")).isEqualTo("url");
    assertThat(driver.findElements(By.cssSelector("#import-preview .cell-missing"))).hasSize(1);
    button("Import 3 rows").click();

    WebElement errors = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("row-errors")));
    assertThat(driver.findElement(By.id("import-imported")).getText()).isEqualTo("1");
    assertThat(driver.findElement(By.id("import-failed")).getText()).isEqualTo("2");
    List<WebElement> rows = errors.findElements(By.cssSelector("tbody tr"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getText()).startsWith("2").contains("invalid_row", "sku_id is required");
    assertThat(rows.get(1).getText()).startsWith("3").contains("SKU-IMP-3", "origin_not_allowed");
    screenshot("import");
  }

  @Test
  @Order(5)
  void adminCreatesABatchAndWatchesItReachOneHundredPercent() {
    WebElement selector = open("batches", By.id("batch-selector"));
    selector.sendKeys("SKU-IMP-1");
    button("Create batch").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".batch .bar")));
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".batch .batch-percent"), "100%"));
    WebElement bar = driver.findElement(By.cssSelector(".batch [role='progressbar']"));
    assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
    assertThat(driver.findElement(By.cssSelector(".batch")).getText()).contains("Completed");
    screenshot("batches");
  }

  @Test
  @Order(6)
  void presetsAreValidatedAndWebhookDeliveriesAreListedAndRedelivered() {
    open("presets", By.id("preset-list"));
    button("New preset").click();
    driver.findElement(By.id("p-name")).sendKeys("Labels crisp");
    driver.findElement(By.id("opt-quality")).sendKeys("400");
    driver.findElement(By.id("opt-target_kb")).sendKeys("100001");
    button("Save preset").click();
    // the bounds are the engine's, read from GET /api/v1/options/schema (target_kb 5..50000), not a copy in the page
    JsonNode targetKb = api("/api/v1/options/schema").get("properties").get("target_kb");
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preset-error"))).getText())
        .contains("JPEG/WebP quality must be 1..100, got 400")
        .contains("Target size (KB) must be " + targetKb.get("minimum").asInt() + ".." + targetKb.get("maximum").asInt()
            + ", got 100001");
    assertThat(targetKb.get("maximum").asInt()).isEqualTo(io.enhancer.engine.options.OptionCatalogue.TARGET_KB.maximum().intValue());
    WebElement quality = driver.findElement(By.id("opt-quality"));
    quality.clear();
    quality.sendKeys("92");
    driver.findElement(By.id("opt-target_kb")).clear();
    driver.findElement(By.id("p-category")).sendKeys("produce");
    button("Save preset").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preset-list"), "Labels crisp"));
    assertThat(api("/api/v1/configs").get(0).get("options").get("quality").asInt()).isEqualTo(92);
    assertThat(driver.findElement(By.id("preset-list")).getText()).as("built-ins are listed too")
        .contains("packshot-white").contains("built-in");
    screenshot("presets");

    // every enhanced photo sent rendition.ready to the marketplace; one is sent again on request
    WebElement redeliver = open("deliveries", By.cssSelector("[data-redeliver]"));
    WebElement row = redeliver.findElement(By.xpath("./ancestor::tr"));
    assertThat(row.getText()).contains("market").contains("Delivered").contains("HTTP 200");
    assertThat(driver.findElement(By.id("deliveries-body")).getText()).contains("rendition.ready");
    screenshot("deliveries");
    String id = row.getAttribute("data-delivery");
    String deliveryId = api("/api/v1/webhooks/deliveries/" + id).get("delivery").get("delivery_id").asString();
    int before = marketplace.of(deliveryId).size();
    redeliver.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toasts"), "Redelivery queued"));
    Await.until(Duration.ofSeconds(15), "redelivered", () -> marketplace.of(deliveryId).size() == before + 1);
  }

  @Test
  @Order(7)
  void adminSeesADeadLetterDryRunsAndReplaysIt() throws Exception {
    // only admins see the screen; a session whose key lost that role meets the connector's refusal as an error state
    String integrationKey = keys.issue("ui-integration", Role.INTEGRATION);
    collectConsole();
    storeSession(integrationKey, "integration");
    driver.get(base() + "/admin/#/dead-letters");
    wait.until(ExpectedConditions.urlContains("#/dashboard"));
    assertThat(driver.findElement(By.id("nav")).getText()).doesNotContain("Dead letters");
    storeSession(integrationKey, "admin");
    WebElement refused = open("dead-letters", By.cssSelector("#dlt-body .state-error"));
    assertThat(refused.getText()).contains("role integration may not call this endpoint", "forbidden");
    expectConsoleErrors("admin/dead-letters", "403");
    storeSession(ADMIN_KEY, "admin");

    // with an admin key again, the error state's retry loads the (still empty) list
    refused.findElement(By.cssSelector("[data-action='retry']")).click();
    WebElement none = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dlt-body .state-empty")));
    assertThat(none.getText()).contains("No dead letters");

    // an origin answering 503 on every attempt: the worker gives up and the task lands in the dead-letter topic
    String url = origin.unavailable("dlt-1.jpg");
    HttpResponse<String> imported = send(HttpRequest.newBuilder(uri("/api/v1/import"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"enhance\":true,\"images\":[{\"sku_id\":\"SKU-DLT-1\","
            + "\"product_group_id\":\"late\",\"image_url\":\"" + url + "\"}]}")));
    assertThat(imported.statusCode()).isEqualTo(200);
    long id = json.readTree(imported.body()).get("image_ids").get(0).asLong();
    Await.until(Duration.ofSeconds(60), "image " + id + " failed into the dead-letter topic",
        () -> "failed".equals(api("/api/v1/images/" + id).get("image").get("status").asString())
            && api("/api/v1/admin/dead-letters").findValuesAsString("key").contains(String.valueOf(id)));

    button("Refresh").click();
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//tr[@data-dead-letter][.//button[@data-replay-key='" + id + "']]")));
    assertThat(row.getText()).contains("#" + id, "fetch_failed", "origin answered HTTP 503", "Waiting");
    assertThat(driver.findElements(By.cssSelector("#dlt-body tbody tr"))).hasSize(1);

    button("Dry run").click();
    wait.until(ExpectedConditions.textToBe(By.id("dlt-report-summary"), "Would replay 1, skipped 0"));
    assertThat(driver.findElement(By.id("dlt-report")).getText()).contains("nothing changed", "would replay")
        .contains("key " + id);
    assertThat(api("/api/v1/images/" + id).get("image").get("status").asString()).isEqualTo("failed");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-replay-key='" + id + "']")));
    screenshot("dead-letters");

    // the cause is fixed; replaying the row's key asks first, then sends the task back and reports it
    origin.serve("dlt-1.jpg", TestInfra.productPhotos(1).get(0));
    driver.findElement(By.cssSelector("[data-replay-key='" + id + "']")).click();
    WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dlt-confirm")));
    assertThat(confirm.getText()).contains("1 dead letter for key " + id);
    assertThat(api("/api/v1/images/" + id).get("image").get("status").asString()).isEqualTo("failed");
    button("Replay now").click();
    wait.until(ExpectedConditions.textToBe(By.id("dlt-report-summary"), "Replayed 1, skipped 0"));
    Await.until(Duration.ofSeconds(60), "replayed image " + id + " enhanced",
        () -> "completed".equals(api("/api/v1/images/" + id).get("image").get("status").asString()));
    WebElement handled = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//tr[@data-dead-letter][contains(., '#" + id + "')]")));
    assertThat(handled.getText()).contains("Handled");
    assertThat(driver.findElements(By.cssSelector("[data-replay-key]"))).isEmpty();
  }

  @Test
  @Order(8)
  void browserConsoleStayedCleanThroughout() {
    collectConsole();
    assertThat(consoleProblems).as("severe browser console entries").isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private void signInAs(String key) {
    collectConsole();
    driver.findElement(By.id("sign-out")).click();
    WebElement keyInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    keyInput.sendKeys(key);
    button("Sign in").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("topbar")));
  }

  /** Replaces the browser session's key and role, as a sign-in days ago with a key whose role changed since. */
  private static void storeSession(String key, String role) {
    ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('enhancer.apiKey', arguments[0]);"
        + "sessionStorage.setItem('enhancer.role', arguments[1]);", key, role);
  }

  /** Reads the console now: severe entries naming all of {@code expected} were provoked on purpose; others stay. */
  private static void expectConsoleErrors(String... expected) {
    int provoked = 0;
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() < Level.SEVERE.intValue()) continue;
      if (java.util.Arrays.stream(expected).allMatch(entry.getMessage()::contains)) provoked++;
      else consoleProblems.add(entry.getMessage());
    }
    assertThat(provoked).as("console errors naming " + String.join(", ", expected)).isPositive();
  }

  /** Keeps severe console entries. */
  private static void collectConsole() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() < Level.SEVERE.intValue()) continue;
      consoleProblems.add(entry.getMessage());
    }
  }

  /** Opens a screen by its hash route and waits for one of its elements. */
  private WebElement open(String route, By marker) {
    driver.get(base() + "/admin/#/" + route);
    return wait.until(ExpectedConditions.visibilityOfElementLocated(marker));
  }

  private static WebElement button(String name) {
    return wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space(text())='" + name + "']")));
  }

  private static void awaitImagesLoaded(int n) {
    wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "const imgs = [...document.querySelectorAll('#compare img')];"
            + "return imgs.length >= arguments[0] && imgs.every(i => i.complete && i.naturalWidth > 0);", n));
  }

  private static long shownImageId() {
    WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".item-head a[href^='#/images/']")));
    return Long.parseLong(link.getAttribute("href").replaceAll(".*#/images/", ""));
  }

  private void awaitQcStatus(long id, String status) {
    Await.until(Duration.ofSeconds(15), "image " + id + " " + status,
        () -> status.equals(api("/api/v1/images/" + id).get("image").get("qc_status").asString()));
  }

  private static void assertNoAlert() {
    try {
      driver.switchTo().alert();
      fail("an alert opened: markup from notes was executed");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static void screenshot(String name) throws RuntimeException {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, png);
      if ("update".equals(System.getProperty("admin.ui.screenshots"))) {
        Files.createDirectories(DOCS_SCREENSHOTS);
        Files.copy(file, DOCS_SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private URI uri(String path) {
    return URI.create(base() + path);
  }

  private JsonNode api(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return json.readTree(r.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.header("Authorization", "Bearer " + ADMIN_KEY).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
