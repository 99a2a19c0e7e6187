package io.enhancer.connector.importing;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V3__import_asset_per_sku_and_url;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.security.SecuredServiceContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows that share an image URL but name different SKUs each get their image (a shared packshot must not move from
 * one SKU to the other), and the report's counts are the images the rows registered: a repeated (SKU, URL) row is
 * reported by number, not counted.
 */
class ImportKeepsAnImagePerSkuAndUrlTest extends SecuredServiceContext {
  @TempDir Path dir;
  @Autowired ImageMapper images;
  @Autowired ImportService importService;
  @Autowired DataSource dataSource;
  @Autowired JsonMapper json;
  final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void twoSkusSharingAnImageUrlBothKeepAnImageAndARepeatedPairIsReportedNotCounted() {
    String url = CDN + "/shared-" + run + ".jpg";
    String skuA = "sku-a-" + run;
    String skuB = "sku-b-" + run;
    String body = "{\"images\":[" + row(skuA, url) + "," + row(skuB, url) + "," + row(skuA, url) + "]}";

    JsonNode report = json.readTree(post("/api/v1/import", body, ADMIN_KEY).body());
    assertThat(report.get("imported").asInt()).isEqualTo(2);
    assertThat(report.get("failed").asInt()).isEqualTo(1);
    assertThat(report.get("image_ids").size()).isEqualTo(2);
    assertThat(report.get("image_ids").get(0).asLong()).isNotEqualTo(report.get("image_ids").get(1).asLong());
    JsonNode repeat = report.get("errors").get(0);
    assertThat(repeat.get("row").asInt()).isEqualTo(3);
    assertThat(repeat.get("error").asString()).isEqualTo("duplicate_row");
    assertThat(repeat.get("message").asString()).contains("row 1");

    for (String sku : List.of(skuA, skuB)) {
      JsonNode page = json.readTree(get("/api/v1/images?sku_id=" + sku, ADMIN_KEY).body());
      assertThat(page.get("total").asInt()).as("images of " + sku).isEqualTo(1);
      assertThat(page.get("items").get(0).get("image_url").asString()).isEqualTo(url);
    }

    JsonNode again = json.readTree(post("/api/v1/import", "{\"images\":[" + row(skuB, url) + "]}", ADMIN_KEY).body());
    assertThat(again.get("image_ids").get(0).asLong()).as("the same pair in a later import updates, no twin")
        .isEqualTo(report.get("image_ids").get(1).asLong());
  }

  @Test
  void importCommandReportsARepeatedPairEvenInALaterChunkAndCountsWhatItImported() throws Exception {
    StringBuilder csv = new StringBuilder("sku_id,image_url\n");
    String shared = CDN + "/cli-shared-" + run + ".jpg";
    csv.append("cli-a-").append(run).append(',').append(shared).append('\n');
    csv.append("cli-b-").append(run).append(',').append(shared).append('\n');
    for (int i = 3; i <= 60; i++) csv.append("cli-").append(i).append('-').append(run).append(',').append(CDN)
        .append("/cli-").append(i).append('-').append(run).append(".jpg\n");
    csv.append("cli-a-").append(run).append(',').append(shared).append('\n'); // row 61: a repeat of row 1, chunk 2
    Path file = Files.writeString(dir.resolve("rows.csv"), csv);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImportCommand command = new ImportCommand(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()));
    List<ImportRow> rows = command.readRows(ImportCommand.Args.parse(new String[] {"import", "csv", file.toString()}));
    int rejected = command.run(rows, false, importService);

    assertThat(rejected).isEqualTo(1);
    assertThat(out.toString()).contains("row 61: duplicate_row: same sku_id and image_url as row 1")
        .contains("imported 60 of 61 rows, 1 rejected");
    assertThat(images.findByAsset("import", ImportAssetId.of("cli-a-" + run, shared)).skuId()).isEqualTo("cli-a-" + run);
    assertThat(images.findByAsset("import", ImportAssetId.of("cli-b-" + run, shared)).skuId()).isEqualTo("cli-b-" + run);
  }

  @Test
  void migrationRekeysImagesImportedUnderTheirUrlSoReimportingUpdatesThem() throws Exception {
    String url = CDN + "/legacy-" + run + ".jpg";
    String sku = "legacy-" + run;
    var db = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    db.update("INSERT INTO product_images (source, asset_id, sku_id, image_url, status, qc_status, created_at, "
        + "updated_at) VALUES ('import', ?, ?, ?, 'completed', 'approved', ?, ?)", url, sku, url,
        java.sql.Timestamp.from(Instant.now()), java.sql.Timestamp.from(Instant.now()));
    long legacyId = db.queryForObject("SELECT id FROM product_images WHERE source = 'import' AND asset_id = ?",
        Long.class, url);

    try (Connection connection = dataSource.getConnection()) {
      new V3__import_asset_per_sku_and_url().migrate(new Context() {
        @Override
        public Configuration getConfiguration() {
          return null;
        }

        @Override
        public Connection getConnection() {
          return connection;
        }
      });
    }

    ProductImage rekeyed = images.find(legacyId);
    assertThat(rekeyed.assetId()).isEqualTo(ImportAssetId.of(sku, url));
    JsonNode report = json.readTree(post("/api/v1/import", "{\"images\":[" + row(sku, url) + "]}", ADMIN_KEY).body());
    assertThat(report.get("image_ids").get(0).asLong()).isEqualTo(legacyId);
    assertThat(images.find(legacyId).status()).as("history kept").isEqualTo("completed");
  }

  private static String row(String sku, String url) {
    return "{\"sku_id\":\"" + sku + "\",\"image_url\":\"" + url + "\"}";
  }
}
