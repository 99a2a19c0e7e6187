package io.enhancer.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The docker/ files, checked without a Docker engine (none exists on the build machines): the same checks as
 * docker/validate.sh, so CI keeps compose, .env.example, the Dockerfile, the dashboard and docs/operations.md in step
 * with the connector and with .ci/run.
 */
class DockerFilesTest {
  /** ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}; $${...} is compose's escape and not a variable. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
  private static final Pattern CONNECTOR_SETTING = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
  private static final Pattern DOCUMENTED = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=");
  private static final Set<String> PROMQL_WORDS = Set.of("sum", "rate", "irate", "increase", "max", "min", "avg",
      "count", "by", "without", "on", "ignoring", "group_left", "group_right", "histogram_quantile", "topk",
      "bottomk", "clamp_min", "clamp_max", "and", "or", "unless", "offset");
  private static final List<String> PHASES = List.of("validate", "compile", "test", "package", "verify");

  static Path root;
  static String composeText;
  static Map<String, Object> compose;
  static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    root = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(root.resolve("docker/compose.yaml"))) {
      root = root.getParent();
      assertThat(root).as("no docker/compose.yaml above the working directory").isNotNull();
    }
    composeText = read("docker/compose.yaml");
    compose = new Yaml().load(composeText);
    services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void envExampleNamesEachSettingOnce() throws IOException {
    // A setting listed twice is a trap: the later line silently wins in docker/.env.
    Map<String, Long> counts = DOCUMENTED.matcher(read("docker/.env.example")).results()
        .collect(java.util.stream.Collectors.groupingBy(r -> r.group(1), java.util.stream.Collectors.counting()));
    assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
        .as("settings named more than once in docker/.env.example").isEmpty();
  }

  @Test
  void composeDefinesTheProductionStackWithSeveralWorkers() {
    assertThat(services).containsKeys("api", "worker", "mysql", "kafka", "redis");
    assertThat(services.get("api").get("command")).isEqualTo(List.of("api"));
    assertThat(services.get("worker").get("command")).isEqualTo(List.of("worker"));
    Map<?, ?> deploy = (Map<?, ?>) services.get("worker").get("deploy");
    assertThat(((Number) deploy.get("replicas")).intValue()).isGreaterThanOrEqualTo(2);
    assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
    assertThat((String) services.get("mysql").get("image")).startsWith("mysql:8");
    assertThat((String) services.get("redis").get("image")).startsWith("redis:7");
  }

  @Test
  void everyComposeVariableIsDocumentedInEnvExample() throws IOException {
    Map<String, Placeholder> used = composeVariables();
    assertThat(used).hasSizeGreaterThan(20);
    assertThat(documentedSettings()).containsAll(used.keySet());
  }

  @Test
  void everyConnectorSettingIsDocumentedInEnvExample() throws IOException {
    Map<String, String> settings = connectorSettings();
    assertThat(settings).containsKeys("MYSQL_HOST", "KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "WEBHOOK_SECRET",
        "AUTO_APPROVE_THRESHOLD", "SERVER_PORT");
    assertThat(documentedSettings()).containsAll(settings.keySet());
  }

  @Test
  void composeDefaultsEqualTheConnectorDefaults() throws IOException {
    Map<String, String> connector = connectorSettings();
    List<String> drift = new ArrayList<>();
    composeVariables().forEach((name, p) -> {
      // The mysql image refuses MYSQL_USER=root, the connector's default, so compose names its own user;
      // containers log JSON lines for collectors while `enhancer serve` on a laptop prints text.
      boolean intended = name.equals("MYSQL_USER") || name.equals("LOG_FORMAT");
      if (":-".equals(p.operator()) && connector.containsKey(name) && !intended && !p.fallback().equals(connector.get(name))) {
        drift.add(name + ": compose '" + p.fallback() + "' vs connector '" + connector.get(name) + "'");
      }
    });
    assertThat(drift).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceIsHealthCheckedOrWaitsOnlyForHealthyServices() {
    services.forEach((name, service) -> {
      Object raw = service.getOrDefault("depends_on", Map.of());
      assertThat(raw).as(name + ": depends_on needs conditions, not a bare list").isInstanceOf(Map.class);
      Map<String, Map<String, Object>> deps = (Map<String, Map<String, Object>>) raw;
      deps.forEach((dep, spec) -> {
        Object condition = spec.getOrDefault("condition", "service_started");
        assertThat(condition).as(name + " waits for " + dep)
            .isIn("service_healthy", "service_completed_successfully");
        if (condition.equals("service_healthy")) {
          assertThat(services.get(dep)).as(dep + ", awaited healthy by " + name).containsKey("healthcheck");
        }
      });
      assertThat(service.containsKey("healthcheck") || !deps.isEmpty())
          .as(name + " has a health check or waits for healthy services").isTrue();
    });
  }

  @Test
  void dockerfileBuildsWithTheCiCommandPlusSkipTests() throws IOException {
    List<String> ci = List.of(read(".ci/run").lines().map(String::strip).filter(l -> l.startsWith("./mvnw"))
        .findFirst().orElseThrow().split("\\s+"));
    Matcher run = Pattern.compile("(\\./mvnw [^\\n\\\\]*)").matcher(read("docker/Dockerfile"));
    assertThat(run.find()).as("a ./mvnw build in the Dockerfile").isTrue();
    List<String> build = List.of(run.group(1).strip().split("\\s+"));

    assertThat(flags(build).stream().filter(t -> !t.equals("-DskipTests")).toList()).isEqualTo(flags(ci));
    assertThat(build).contains("-DskipTests");
    String buildPhase = onlyPhase(build);
    String ciPhase = onlyPhase(ci);
    assertThat(PHASES.indexOf(buildPhase)).as(buildPhase + " runs no later than CI's " + ciPhase)
        .isLessThanOrEqualTo(PHASES.indexOf(ciPhase));
  }

  @Test
  void dockerfileRunsAsNonRootWithLivenessHealthcheckAndRoleEntrypoint() throws IOException {
    String dockerfile = read("docker/Dockerfile");
    assertThat(dockerfile).contains("FROM eclipse-temurin:17-jdk AS build").containsPattern("(?m)^FROM eclipse-temurin:17-jre\\s*$");
    List<String> users = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile).results().map(r -> r.group(1)).toList();
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1)).isNotIn("root", "0");
    assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK [^\\n]*\\\\?\\n?[^\\n]*/actuator/health/liveness");
    assertThat(dockerfile).containsPattern("(?m)^VOLUME .*\"/models\"").contains("docker/slim-natives.sh")
        .containsPattern("(?m)^ENTRYPOINT ");
    assertThat(read("docker/entrypoint.sh")).containsPattern("(?m)^\\s*serve\\|api\\|worker\\)")
        .contains("exec java");
  }

  @Test
  void dashboardQueriesOnlyMetricsDocumentedInOperations() throws IOException {
    JsonNode dashboard = JsonMapper.builder().build().readTree(read("docker/grafana/enhancer-dashboard.json"));
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) queried.addAll(metricsOf(target.get("expr").asString()));
    }
    assertThat(queried).contains("enhancer_jobs_total", "kafka_consumer_fetch_manager_records_lag",
        "process_cpu_time_ns_total", "enhancer_webhook_requests_total", "enhancer_dead_letters_total");
    String operations = read("docs/operations.md");
    assertThat(queried.stream().filter(m -> !operations.contains("`" + m + "`")).toList()).isEmpty();
  }

  @Test
  void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrRanges() {
    assertThat(metricsOf("sum by (step) (rate(enhancer_step_seconds_sum{step=~\"a.*\"}[$__rate_interval])) "
        + "/ 1e9 / max(kafka_consumer_fetch_manager_records_lag{topic=\"enhancer.jobs\"})"))
        .containsExactlyInAnyOrder("enhancer_step_seconds_sum", "kafka_consumer_fetch_manager_records_lag");
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusScrapesTheApiAndEveryWorkerReplica() throws IOException {
    Map<String, Object> prometheus = new Yaml().load(read("docker/prometheus.yml"));
    Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
      jobs.put((String) job.get("job_name"), job);
    }
    assertThat(jobs).containsKeys("enhancer-api", "enhancer-worker");
    jobs.values().forEach(job -> assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus"));
    assertThat(jobs.get("enhancer-worker")).containsKey("dns_sd_configs");
  }

  @Test
  void filesMountedOrCopiedByComposeAndDockerfileExist() throws IOException {
    for (Map<String, Object> service : services.values()) {
      for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
        String source = volume.toString().split(":")[0];
        if (source.startsWith("./")) assertThat(root.resolve("docker").resolve(source).normalize()).exists();
      }
    }
    Pattern.compile("(?m)^COPY (?:--\\S+ )*(docker/\\S+)").matcher(read("docker/Dockerfile")).results()
        .forEach(r -> assertThat(root.resolve(r.group(1))).exists());
  }

  /** Identifiers of a PromQL expression that name series: not functions, keywords, labels, strings or ranges. */
  static Set<String> metricsOf(String expr) {
    String bare = expr.replaceAll("\"[^\"]*\"", "")
        .replaceAll("\\{[^}]*}|\\[[^]]*]", "")
        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][\\w:]*(?![\\w:]|\\s*\\()").matcher(bare);
    while (m.find()) {
      if (!PROMQL_WORDS.contains(m.group())) names.add(m.group());
    }
    return names;
  }

  /** One ${...} of compose.yaml: the variable, its operator (":-", "-", ":?", "?" or null) and the text after it. */
  record Placeholder(String name, String operator, String fallback) {}

  private static Map<String, Placeholder> composeVariables() {
    String values = composeText.replaceAll("(?m)^\\s*#.*$", ""); // full-line comments are not interpolated
    Map<String, Placeholder> used = new LinkedHashMap<>();
    PLACEHOLDER.matcher(values).results()
        .forEach(r -> used.put(r.group(1), new Placeholder(r.group(1), r.group(2), r.group(3))));
    return used;
  }

  private static Map<String, String> connectorSettings() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    Matcher m = CONNECTOR_SETTING.matcher(read("dam-connector/src/main/resources/application.yml"));
    while (m.find()) settings.put(m.group(1), m.group(2));
    return settings;
  }

  private static Set<String> documentedSettings() throws IOException {
    Set<String> names = new TreeSet<>();
    DOCUMENTED.matcher(read("docker/.env.example")).results().forEach(r -> names.add(r.group(1)));
    return names;
  }

  private static List<String> flags(List<String> command) {
    return command.stream().filter(t -> t.startsWith("-")).toList();
  }

  private static String onlyPhase(List<String> command) {
    List<String> phases = command.stream().filter(PHASES::contains).toList();
    assertThat(phases).as("one lifecycle phase in " + command).hasSize(1);
    return phases.get(0);
  }

  private static String read(String relative) throws IOException {
    return Files.readString(root.resolve(relative));
  }
}
