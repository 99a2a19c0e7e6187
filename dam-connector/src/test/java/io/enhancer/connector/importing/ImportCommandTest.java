package io.enhancer.connector.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import command's reading side: arguments, CSV with chosen columns and quoting, JSON in both shapes. */
class ImportCommandTest {
  @TempDir Path dir;
  final ImportCommand command = new ImportCommand(new PrintStream(new ByteArrayOutputStream()),
      new PrintStream(new ByteArrayOutputStream()));

  @Test
  void readsCsvWithRenamedColumnsQuotedCommasAndBlankCells() throws Exception {
    Path csv = dir.resolve("urls.csv");
    Files.writeString(csv, "\uFEFFurl,sku,group\r\n"
        + "https://cdn.example/a.jpg,SKU-1,G1\r\n"
        + "\"https://cdn.example/b,c.jpg\",\"SKU \"\"2\"\"\",\r\n"
        + "\n"
        + ",SKU-3,G1\n");
    var args = ImportCommand.Args.parse(new String[] {"import", "csv", csv.toString(), "--url-column", "url",
        "--sku-column", "sku", "--product-group-column", "group"});
    List<ImportRow> rows = command.readRows(args);
    assertThat(rows).containsExactly(
        new ImportRow("SKU-1", "https://cdn.example/a.jpg", "G1", null),
        new ImportRow("SKU \"2\"", "https://cdn.example/b,c.jpg", null, null),
        new ImportRow("SKU-3", null, "G1", null));
  }

  @Test
  void readsJsonAsListOrImagesObject() throws Exception {
    Path json = dir.resolve("urls.json");
    Files.writeString(json, "{\"images\":[{\"sku_id\":\"S\",\"image_url\":\"https://cdn.example/x.jpg\",\"image_type\":\"primary\"}]}");
    assertThat(command.readRows(ImportCommand.Args.parse(new String[] {"import", "json", json.toString()})))
        .containsExactly(new ImportRow("S", "https://cdn.example/x.jpg", null, "primary"));
    Files.writeString(json, "[{\"sku_id\":\"T\",\"image_url\":\"https://cdn.example/y.jpg\"}]");
    assertThat(command.readRows(ImportCommand.Args.parse(new String[] {"import", "json", json.toString()})))
        .extracting(ImportRow::skuId).containsExactly("T");
  }

  @Test
  void rejectsMissingColumnsAndUnknownOptionsByName() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "link,sku_id\nhttps://cdn.example/a.jpg,S\n");
    assertThatThrownBy(() -> command.readRows(ImportCommand.Args.parse(new String[] {"import", "csv", csv.toString()})))
        .hasMessageContaining("column 'image_url' not in header [link, sku_id]");
    assertThatThrownBy(() -> ImportCommand.Args.parse(new String[] {"import", "csv", "f.csv", "--colour"}))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> ImportCommand.Args.parse(new String[] {"import", "sample"}))
        .hasMessageContaining("--output");
  }

  @Test
  void writesASampleThatReadsBack() throws Exception {
    Path sample = dir.resolve("my_urls.csv");
    command.writeSample(sample);
    List<ImportRow> rows = command.readRows(ImportCommand.Args.parse(new String[] {"import", "csv", sample.toString()}));
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.imageUrl()).startsWith("https://"));
  }
}
