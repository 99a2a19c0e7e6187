package io.enhancer.connector;

import io.enhancer.connector.config.EmbeddedKafkaInitializer;
import io.enhancer.connector.deadletters.DeadLetterCommand;
import io.enhancer.connector.deadletters.DeadLetterReplay;
import io.enhancer.connector.importing.ImportCommand;
import io.enhancer.connector.importing.ImportRow;
import io.enhancer.connector.importing.ImportService;
import java.util.Arrays;
import java.util.List;
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
      System.exit(runImport(args));
    }
    if (args.length > 0 && args[0].equals("dlt")) {
      System.exit(runDeadLetters(args));
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

  /** The import command: a short-lived context without web server, workers or inbox; exit code 1 on rejected rows. */
  static int runImport(String[] args) {
    ImportCommand command = new ImportCommand(System.out, System.err);
    try {
      ImportCommand.Args parsed = ImportCommand.Args.parse(args);
      if (parsed.kind().equals("sample")) {
        command.writeSample(parsed.output());
        return 0;
      }
      List<ImportRow> rows = command.readRows(parsed);
      try (ConfigurableApplicationContext context = commandContext()) {
        return command.run(rows, parsed.enhance(), context.getBean(ImportService.class)) == 0 ? 0 : 1;
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      System.err.println("cannot read input: " + e.getMessage());
      return 2;
    }
  }

  /** {@code enhancer dlt list|replay ...}: exit code 1 when Kafka or a re-publish failed, 2 on bad arguments. */
  static int runDeadLetters(String[] args) {
    DeadLetterCommand.Args parsed;
    try {
      parsed = DeadLetterCommand.Args.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    // Quiet: stdout is the command's table, not the service's startup lines.
    try (ConfigurableApplicationContext context = commandContext("--logging.level.root=WARN",
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
  private static ConfigurableApplicationContext commandContext(String... extra) {
    SpringApplication app = new SpringApplication(EnhancerApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    String kafka = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
    if (kafka.isBlank()) {
      kafka = "127.0.0.1:" + System.getenv().getOrDefault("ENHANCER_EMBEDDED_KAFKA_PORT", "9092");
    }
    List<String> properties = new java.util.ArrayList<>(List.of("--enhancer.role=cli",
        "--spring.kafka.admin.auto-create=false", "--spring.kafka.bootstrap-servers=" + kafka));
    properties.addAll(List.of(extra));
    return app.run(properties.toArray(String[]::new));
  }
}
