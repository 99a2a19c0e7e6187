package io.enhancer.connector;

import io.enhancer.connector.config.EmbeddedKafkaInitializer;
import io.enhancer.connector.importing.ImportCommand;
import io.enhancer.connector.importing.ImportRow;
import io.enhancer.connector.importing.ImportService;
import java.util.Arrays;
import java.util.List;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code enhancer serve} (default; ENHANCER_ROLE picks serve, api or worker), {@code enhancer import ...} or
 * {@code enhancer directus setup ...}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@MapperScan(basePackages = "io.enhancer.connector", annotationClass = org.apache.ibatis.annotations.Mapper.class)
public class EnhancerApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("import")) {
      System.exit(runImport(args));
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
      SpringApplication app = new SpringApplication(EnhancerApplication.class);
      app.setWebApplicationType(WebApplicationType.NONE);
      String kafka = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
      if (kafka.isBlank()) {
        // No external Kafka: queue on the in-JVM broker of the service running beside (`enhancer serve`).
        kafka = "127.0.0.1:" + System.getenv().getOrDefault("ENHANCER_EMBEDDED_KAFKA_PORT", "9092");
      }
      String[] properties = {"--enhancer.role=cli", "--spring.kafka.admin.auto-create=false",
          "--spring.kafka.bootstrap-servers=" + kafka};
      try (ConfigurableApplicationContext context = app.run(properties)) {
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
}
