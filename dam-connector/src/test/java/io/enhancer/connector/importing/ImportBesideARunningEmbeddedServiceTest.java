package io.enhancer.connector.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.EnhancerApplication;
import io.enhancer.connector.config.EmbeddedDatabaseLock;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.security.Role;
import io.enhancer.connector.security.SecuredServiceContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded H2 file opens in one process only (no AUTO_SERVER TCP server any more). When another process holds
 * it, as a running {@code enhancer serve} does, the import command says so and how to import through that service
 * (no stack trace), and with ENHANCER_API_KEY it does import through the service's API. The holder here is a real
 * second JVM (H2's own shell) with the file open.
 */
class ImportBesideARunningEmbeddedServiceTest extends SecuredServiceContext {
  @TempDir Path dataDir;
  @Autowired ImageMapper images;
  Process holder;

  @BeforeEach
  void anotherProcessHoldsTheEmbeddedDatabase() throws Exception {
    Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String url = "jdbc:h2:file:" + EmbeddedDatabaseLock.file(dataDir) + ";MODE=MySQL";
    holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        h2.toString(), "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "")
        .redirectErrorStream(true).start();
    // The shell greets once it is connected, and then waits on its standard input, keeping the file open.
    StringBuilder greeting = new StringBuilder();
    var in = holder.getInputStream();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!greeting.toString().contains("Exit with") && System.nanoTime() < deadline) {
      int c = in.read();
      if (c < 0) break;
      greeting.append((char) c);
    }
    assertThat(greeting.toString()).as("H2 shell holding the file").contains("Exit with");
    assertThat(EmbeddedDatabaseLock.heldByAnotherProcess(dataDir)).isTrue();
  }

  @AfterEach
  void release() throws Exception {
    holder.getOutputStream().close();
    if (!holder.waitFor(10, TimeUnit.SECONDS)) holder.destroyForcibly();
  }

  @Test
  void withoutAKeyTheCommandNamesTheServiceImportEndpointInsteadOfAStackTrace() throws Exception {
    Path csv = Files.writeString(dataDir.resolve("rows.csv"), "sku_id,image_url\nS-1," + CDN + "/a.jpg\n");
    Run run = importCsv(csv, Map.of("ENHANCER_DATA_DIR", dataDir.toString(), "SERVER_PORT", "8181"));

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("is open in a running service").contains("ENHANCER_API_KEY")
        .contains("http://127.0.0.1:8181/api/v1/import").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void withAKeyTheRowsGoThroughTheRunningServicesImportApi() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String url = CDN + "/beside-" + run + ".jpg";
    Path csv = Files.writeString(dataDir.resolve("rows.csv"), "sku_id,image_url\n"
        + "beside-a-" + run + "," + url + "\nbeside-b-" + run + "," + url + "\nbeside-a-" + run + "," + url + "\n");
    String key = keys.issue("import-cli", Role.INTEGRATION);
    Run result = importCsv(csv, Map.of("ENHANCER_DATA_DIR", dataDir.toString(), "ENHANCER_API_KEY", key,
        "ENHANCER_URL", "http://127.0.0.1:" + port));

    assertThat(result.err).contains("importing through http://127.0.0.1:" + port + "/api/v1/import");
    assertThat(result.out).contains("row 3: duplicate_row").contains("imported 2 of 3 rows, 1 rejected");
    assertThat(result.code).isEqualTo(1);
    assertThat(images.findByAsset("import", ImportAssetId.of("beside-b-" + run, url))).isNotNull();
    assertThat(EmbeddedDatabaseLock.heldByAnotherProcess(dataDir)).as("the holder kept its file").isTrue();
  }

  private record Run(int code, String out, String err) {}

  private static Run importCsv(Path csv, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EnhancerApplication.runImport(new String[] {"import", "csv", csv.toString()}, env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
