package io.enhancer.connector;

import io.enhancer.connector.config.EmbeddedDatabaseLock;
import io.enhancer.connector.config.EmbeddedKafkaInitializer;
import io.enhancer.connector.deadletters.DeadLetterCommand;
import io.enhancer.connector.deadletters.DeadLetterReplay;
import io.enhancer.connector.importing.ImportCommand;
import io.enhancer.connector.importing.ImportRow;
import io.enhancer.connector.importing.ImportService;
import io.enhancer.connector.importing.ServiceImportClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code enhancer serve} (default; ENHANCER_ROLE picks serve, api or worker), {@code enhancer import ...},
 * {@code enhancer dlt list|replay ...} or {@code enhancer directus setup ...}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@MapperScan(basePackages = "io.enhancer.connector", annotationClass = org.apache.ibatis.annotations.Mapper.class)
public class EnhancerApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("import")) {
      System.exit(runImport(args, System.getenv(), System.out, System.err));
    }
    if (args.length > 0 && args[0].equals("dlt")) {
      System.exit(runDeadLetters(args, System.getenv()));
    }
    if (args.length > 0 && args[0].equals("directus")) {
      System.exit(io.enhancer.connector.dam.directus.DirectusCommand.run(args, System.getenv(), System.out, System.err));
    }
    String[] serveArgs = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length)
        : args;
    SpringApplication app = new SpringApplication(EnhancerApplication.class);
    app.addInitializers(new EmbeddedKafkaInitializer());
    app.run(serveArgs);
  }

  /**
   * The import command: a short-lived context without web server, workers or inbox; exit code 1 on rejected rows,
   * 2 on bad arguments or when it cannot run. When a running service holds the embedded database, the rows go
   * through that service's API with ENHANCER_API_KEY, or the command says how to do that.
   */
  public static int runImport(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    ImportCommand command = new ImportCommand(out, err);
    try {
      ImportCommand.Args parsed = ImportCommand.Args.parse(args);
      if (parsed.kind().equals("sample")) {
        command.writeSample(parsed.output());
        return 0;
      }
      List<ImportRow> rows = command.readRows(parsed);
      if (embeddedDatabaseHeldElsewhere(env)) return importThroughService(command, parsed, rows, env, err);
      try (ConfigurableApplicationContext context = commandContext(env)) {
        return command.run(rows, parsed.enhance(), context.getBean(ImportService.class)) == 0 ? 0 : 1;
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      err.println("cannot read input: " + e.getMessage());
      return 2;
    }
  }

  private static int importThroughService(ImportCommand command, ImportCommand.Args parsed, List<ImportRow> rows,
                                          Map<String, String> env, PrintStream err) {
    String serviceUrl = env.getOrDefault("ENHANCER_URL", "http://127.0.0.1:" + env.getOrDefault("SERVER_PORT", "8080"));
    String key = env.getOrDefault("ENHANCER_API_KEY", "");
    if (key.isBlank()) {
      err.println(databaseInUse(env) + "\nImport through that service: run this again with ENHANCER_API_KEY=<an admin "
          + "or integration key> (the rows then go to " + serviceUrl + "/api/v1/import; ENHANCER_URL for another "
          + "address), POST {\"images\": [...]} there yourself, or stop the service and import directly.");
      return 2;
    }
    ServiceImportClient client = new ServiceImportClient(java.net.URI.create(serviceUrl), key.trim());
    err.println(databaseInUse(env) + "; importing through " + client.endpoint());
    try {
      return command.run(rows, parsed.enhance(), client) == 0 ? 0 : 1;
    } catch (IllegalStateException e) {
      err.println("\nimport failed: " + e.getMessage());
      return 1;
    }
  }

  private static boolean embeddedDatabaseHeldElsewhere(Map<String, String> env) {
    return env.getOrDefault("MYSQL_HOST", "").isBlank() && EmbeddedDatabaseLock.heldByAnotherProcess(dataDir(env));
  }

  private static String databaseInUse(Map<String, String> env) {
    return "the embedded database " + EmbeddedDatabaseLock.file(dataDir(env)) + " is open in a running service "
        + "(enhancer serve), and only one process may open it";
  }

  private static Path dataDir(Map<String, String> env) {
    return Path.of(env.getOrDefault("ENHANCER_DATA_DIR", "./data"));
  }

  /** {@code enhancer dlt list|replay ...}: exit code 1 when Kafka or a re-publish failed, 2 on bad arguments. */
  static int runDeadLetters(String[] args, Map<String, String> env) {
    DeadLetterCommand.Args parsed;
    try {
      parsed = DeadLetterCommand.Args.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    if (embeddedDatabaseHeldElsewhere(env)) {
      System.err.println(databaseInUse(env) + ".\nUse its API with an admin key: GET /api/v1/admin/dead-letters, "
          + "POST /api/v1/admin/dead-letters/replay (the admin UI's Dead letters page), or stop the service first.");
      return 2;
    }
    // Quiet: stdout is the command's table, not the service's startup lines.
    try (ConfigurableApplicationContext context = commandContext(env, "--logging.level.root=WARN",
        "--logging.level.io.enhancer=WARN", "--logging.level.org.flywaydb=ERROR")) {
      return new DeadLetterCommand(System.out).run(parsed, context.getBean(DeadLetterReplay.class));
    } catch (KafkaException | IllegalStateException e) {
      System.err.println("dlt " + parsed.action() + " failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * A short-lived context for a command: no web server, workers or inbox, topics left as they are. Without
   * KAFKA_BOOTSTRAP_SERVERS it uses the in-JVM broker of the service running beside ({@code enhancer serve}).
   */
  private static ConfigurableApplicationContext commandContext(Map<String, String> env, String... extra) {
    SpringApplication app = new SpringApplication(EnhancerApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    String kafka = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
    if (kafka.isBlank()) {
      kafka = "127.0.0.1:" + env.getOrDefault("ENHANCER_EMBEDDED_KAFKA_PORT", "9092");
    }
    List<String> properties = new java.util.ArrayList<>(List.of("--enhancer.role=cli",
        "--spring.kafka.admin.auto-create=false", "--spring.kafka.bootstrap-servers=" + kafka));
    // The folder the lock was checked in is the one the context opens (the same name Spring reads from the OS).
    if (env.containsKey("ENHANCER_DATA_DIR")) properties.add("--ENHANCER_DATA_DIR=" + env.get("ENHANCER_DATA_DIR"));
    properties.addAll(List.of(extra));
    return app.run(properties.toArray(String[]::new));
  }
}
