package io.enhancer.connector.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.connector.TestInfra;
import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.security.ApiKeys;
import io.enhancer.connector.security.Role;
import io.enhancer.engine.cli.EnhancerCli;
import io.enhancer.engine.options.OptionCatalogue;
import io.enhancer.engine.options.OptionsSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's options vocabulary at the REST edge (issue 18): built-in presets work without a database row and
 * give the CLI's picture, a stored preset of a built-in's name overrides it, an out-of-range value is refused with
 * the same message as the CLI's. The CLI runs in this JVM with the same models folder as the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.listener.auto-startup=false", "ENHANCER_RATE_LIMIT_PER_MINUTE=1000"})
class EngineOptionsOverRestTest {
  static final String ADMIN_KEY = "presets-admin-" + UUID.randomUUID();
  static final Path MODELS = modelsDir();
  static String integrationKey;
  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired JsonMapper json;
  @Autowired EnhancerProperties properties;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws IOException {
    Path dataDir = Files.createTempDirectory("enhancer-presets");
    String schema = TestInfra.freshSchema(EngineOptionsOverRestTest.class);
    r.add("MYSQL_HOST", () -> TestInfra.MARIADB_HOST);
    r.add("MYSQL_DATABASE", () -> schema);
    r.add("KAFKA_BOOTSTRAP_SERVERS", TestInfra::kafkaBootstrap);
    r.add("ENHANCER_DATA_DIR", dataDir::toString);
    r.add("ENHANCER_ADMIN_KEY", () -> ADMIN_KEY);
    r.add("ENHANCER_MODELS_DIR", () -> MODELS == null ? "" : MODELS.toString());
    r.add("enhancer.jobs.topic", () -> "enhancer.jobs.presets");
  }

  @BeforeEach
  void key() {
    if (integrationKey == null) integrationKey = keys.issue("presets-test", Role.INTEGRATION);
  }

  @Test
  void builtInPresetOverRestWithoutARowGivesTheCliPicture(@TempDir Path tmp) throws Exception {
    Path photo = TestInfra.productPhotos(1).get(0);
    Path cliOut = tmp.resolve("cli.jpg");
    List<String> argv = new ArrayList<>(List.of("enhance", photo.toString(), cliOut.toString(),
        "--preset", "packshot-white"));
    if (MODELS != null) argv.addAll(List.of("--models-dir", MODELS.toString()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = EnhancerCli.runInProcess(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), argv.toArray(String[]::new));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

    HttpResponse<String> answer = upload(Files.readAllBytes(photo), "preset", "packshot-white", "response", "json");
    JsonNode body = body(answer, 200);
    assertThat(body.get("report").get("preset").asString()).isEqualTo("packshot-white");
    byte[] restImage = Base64.getDecoder().decode(body.get("image_base64").asString());

    BufferedImage viaCli = ImageIO.read(cliOut.toFile());
    BufferedImage viaRest = ImageIO.read(new ByteArrayInputStream(restImage));
    assertThat(viaRest.getWidth()).isEqualTo(viaCli.getWidth()).isEqualTo(1500);
    assertThat(viaRest.getHeight()).isEqualTo(viaCli.getHeight()).isEqualTo(1500);
    double psnr = psnr(viaCli, viaRest);
    System.out.printf("packshot-white CLI vs REST (%s, models %s): PSNR %.1f dB, %d vs %d bytes%n",
        photo.getFileName(), MODELS, psnr, Files.size(cliOut), restImage.length);
    assertThat(psnr).as("PSNR between the CLI's and the REST picture").isGreaterThanOrEqualTo(45);
  }

  @Test
  void storedPresetOfABuiltInNameOverridesItAndTheListingSaysSo() throws Exception {
    byte[] photo = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    JsonNode before = body(send(get("/api/v1/configs", integrationKey)), 200);
    JsonNode builtInThumbnail = named(before, "thumbnail");
    assertThat(builtInThumbnail.get("built_in").asBoolean()).isTrue();
    assertThat(builtInThumbnail.has("id")).as("a built-in has no row id").isFalse();
    assertThat(builtInThumbnail.get("options").get("canvas").asString()).isEqualTo("400x400");
    assertThat(named(before, "packshot-white").get("built_in").asBoolean()).isTrue();
    assertThat(size(upload(photo, "preset", "thumbnail", "mode", "optimize", "remove_background", "false"))).isEqualTo(400);

    JsonNode created = body(send(post("/api/v1/configs",
        "{\"name\":\"thumbnail\",\"options\":{\"canvas\":\"300x300\",\"mode\":\"optimize\"}}", ADMIN_KEY)), 201);
    try {
      JsonNode after = body(send(get("/api/v1/configs", integrationKey)), 200);
      assertThat(after.findValuesAsString("name").stream().filter("thumbnail"::equals)).hasSize(1);
      JsonNode stored = named(after, "thumbnail");
      assertThat(stored.get("built_in").asBoolean()).isFalse();
      assertThat(stored.get("overrides_built_in").asBoolean()).isTrue();
      assertThat(size(upload(photo, "preset", "thumbnail"))).as("the stored row wins").isEqualTo(300);
    } finally {
      send(delete("/api/v1/configs/" + created.get("id").asLong(), ADMIN_KEY));
    }
    assertThat(size(upload(photo, "preset", "thumbnail", "mode", "optimize", "remove_background", "false"))).as("the built-in is back").isEqualTo(400);
  }

  @Test
  void unknownPresetIsRefusedNamingTheBuiltIns() throws Exception {
    byte[] photo = Files.readAllBytes(TestInfra.productPhotos(1).get(0));
    JsonNode error = body(upload(photo, "preset", "shoes"), 400);
    assertThat(error.get("error").asString()).isEqualTo("invalid_options");
    assertThat(error.get("message").asString()).contains("preset 'shoes' does not exist").contains("packshot-white");
  }

  @Test
  void outOfRangeTargetKbIsRefusedByTheCliAndByRestWithTheSameBounds(@TempDir Path tmp) throws Exception {
    Path photo = TestInfra.productPhotos(1).get(0);
    String tooLarge = String.valueOf(OptionCatalogue.TARGET_KB.maximum().intValue() + 1);
    String expected = "target_kb must be " + OptionCatalogue.TARGET_KB.bounds() + ", got " + tooLarge;

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = EnhancerCli.runInProcess(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
        "enhance", photo.toString(), tmp.resolve("out.jpg").toString(), "--target-kb", tooLarge);
    String cliMessage = err.toString(StandardCharsets.UTF_8).trim();
    assertThat(status).as(cliMessage).isEqualTo(2);
    assertThat(cliMessage).isEqualTo("error: " + expected);
    assertThat(tmp.resolve("out.jpg")).doesNotExist();

    JsonNode rest = body(upload(Files.readAllBytes(photo), "target_kb", tooLarge), 400);
    assertThat(rest.get("error").asString()).isEqualTo("invalid_options");
    assertThat(rest.get("message").asString()).isEqualTo(expected);
    JsonNode inPreset = body(send(post("/api/v1/configs",
        "{\"name\":\"too-big\",\"options\":{\"target_kb\":" + tooLarge + "}}", ADMIN_KEY)), 400);
    assertThat(inPreset.get("message").asString()).isEqualTo(expected);
  }

  @Test
  void optionsSchemaIsServedToReadersWithTheEngineBounds() throws Exception {
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/v1/options/schema")).GET().build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    String reviewerKey = keys.issue("schema-reader", Role.REVIEWER);
    JsonNode schema = body(send(get("/api/v1/options/schema", reviewerKey)), 200);
    assertThat(schema.get("$schema").asString()).isEqualTo(OptionsSchema.DIALECT);
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    JsonNode properties = schema.get("properties");
    assertThat(properties.propertyNames()).containsAll(OptionCatalogue.names());
    JsonNode targetKb = properties.get("target_kb");
    assertThat(targetKb.get("minimum").asInt()).isEqualTo(OptionCatalogue.TARGET_KB.minimum().intValue());
    assertThat(targetKb.get("maximum").asInt()).isEqualTo(OptionCatalogue.TARGET_KB.maximum().intValue());
    assertThat(properties.get("canvas").get("x-side-maximum").asInt())
        .isEqualTo(OptionCatalogue.CANVAS.maximum().intValue());
    // what the schema lists is what the service accepts: every built-in preset uses only its properties
    for (JsonNode preset : body(send(get("/api/v1/configs", reviewerKey)), 200)) {
      assertThat(properties.propertyNames()).containsAll(preset.get("options").propertyNames());
    }
  }

  @Test
  void unsetAutoApproveThresholdIsTheCataloguesDefault() {
    assertThat(properties.enhancement().autoApproveThreshold())
        .isEqualTo(OptionCatalogue.AUTO_APPROVE_THRESHOLD.defaultValue());
    assertThat(OptionCatalogue.autoApproveThreshold("0.85")).as("the seed's fraction").isCloseTo(85, within(1e-9));
  }

  // ---------------------------------------------------------------- helpers

  /** Peak signal-to-noise ratio over the RGB channels of two same-size pictures. */
  static double psnr(BufferedImage a, BufferedImage b) {
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
          sum += d * d;
        }
      }
    }
    double mse = sum / (3.0 * a.getWidth() * a.getHeight());
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode p : list) if (p.get("name").asString().equals(name)) return p;
    throw new AssertionError("no preset named " + name + " in " + list);
  }

  private int size(HttpResponse<String> imageAnswer) throws IOException {
    assertThat(imageAnswer.statusCode()).as(imageAnswer.body()).isEqualTo(200);
    byte[] image = Base64.getDecoder().decode(json.readTree(imageAnswer.body()).get("image_base64").asString());
    return ImageIO.read(new ByteArrayInputStream(image)).getWidth();
  }

  /** POST /api/v1/enhance/upload with the photo and form fields; always asks for JSON. */
  private HttpResponse<String> upload(byte[] photo, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) form.put(fields[i], fields[i + 1]);
    form.putIfAbsent("response", "json");
    String boundary = "b" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    form.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
        + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(photo);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(uri("/api/v1/enhance/upload"))
        .header("Authorization", "Bearer " + integrationKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpRequest get(String path, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET().build();
  }

  private HttpRequest post(String path, String body, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpRequest delete(String path, String key) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).DELETE().build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode body(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  /** The checkout's models folder (beside mvnw), as the CLI and `./enhancer serve` use it; null when absent. */
  private static Path modelsDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))) {
        Path models = d.resolve("models");
        return Files.isDirectory(models) ? models : null;
      }
    }
    return null;
  }
}
