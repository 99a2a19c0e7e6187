package io.enhancer.connector.importing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code enhancer import sample --output FILE}, {@code enhancer import csv FILE [--url-column image_url]
 * [--sku-column sku_id] [--product-group-column product_group_id] [--image-type-column image_type] [--enhance]},
 * {@code enhancer import json FILE [--enhance]}: reads rows, imports them in chunks with a progress bar on stderr,
 * and prints one line per rejected row.
 */
public final class ImportCommand {
  private static final int CHUNK = 50;
  private final PrintStream out;
  private final PrintStream err;

  public ImportCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Parsed command line. */
  public record Args(String kind, Path file, Path output, Map<String, String> columns, boolean enhance) {
    public static Args parse(String[] argv) {
      if (argv.length < 2 || !argv[0].equals("import")) throw new IllegalArgumentException(usage());
      String kind = argv[1];
      Path file = null;
      Path output = null;
      boolean enhance = false;
      Map<String, String> columns = new HashMap<>(Map.of("url", "image_url", "sku", "sku_id",
          "group", "product_group_id", "type", "image_type"));
      for (int i = 2; i < argv.length; i++) {
        String a = argv[i];
        switch (a) {
          case "--output" -> output = Path.of(value(argv, ++i, a));
          case "--url-column" -> columns.put("url", value(argv, ++i, a));
          case "--sku-column" -> columns.put("sku", value(argv, ++i, a));
          case "--product-group-column" -> columns.put("group", value(argv, ++i, a));
          case "--image-type-column" -> columns.put("type", value(argv, ++i, a));
          case "--enhance" -> enhance = true;
          default -> {
            if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            if (file != null) throw new IllegalArgumentException("one file only, got " + file + " and " + a);
            file = Path.of(a);
          }
        }
      }
      if (!List.of("sample", "csv", "json").contains(kind)) throw new IllegalArgumentException(usage());
      if (kind.equals("sample") && output == null) throw new IllegalArgumentException("import sample needs --output FILE");
      if (!kind.equals("sample") && file == null) throw new IllegalArgumentException("import " + kind + " needs a FILE");
      return new Args(kind, file, output, columns, enhance);
    }

    private static String value(String[] argv, int i, String option) {
      if (i >= argv.length) throw new IllegalArgumentException(option + " needs a value");
      return argv[i];
    }

    static String usage() {
      return "usage: enhancer import sample --output FILE | csv FILE [--url-column C] [--sku-column C] "
          + "[--product-group-column C] [--image-type-column C] [--enhance] | json FILE [--enhance]";
    }
  }

  /** Writes a sample CSV to start from; needs no service. */
  public void writeSample(Path output) throws IOException {
    Files.writeString(output, """
        sku_id,image_url,product_group_id,image_type
        SKU-1001,https://d111111abcdef8.cloudfront.net/products/SKU-1001/front.jpg,GROUP-10,primary
        SKU-1001,https://d111111abcdef8.cloudfront.net/products/SKU-1001/back.jpg,GROUP-10,secondary
        SKU-1002,https://d111111abcdef8.cloudfront.net/products/SKU-1002/front.jpg,GROUP-10,primary
        """, StandardCharsets.UTF_8);
    out.println("wrote " + output + " (3 rows); list your CDN in ENHANCER_ALLOWED_ORIGINS before importing");
  }

  public List<ImportRow> readRows(Args args) throws IOException {
    String text = Files.readString(args.file(), StandardCharsets.UTF_8);
    if (args.kind().equals("json")) {
      JsonMapper json = JsonMapper.builder().build();
      var node = json.readTree(text);
      var array = node.isArray() ? node : node.get("images");
      if (array == null || !array.isArray()) throw new IllegalArgumentException("JSON must be a list or {\"images\": [...]}");
      List<Map<String, Object>> items = json.convertValue(array, new TypeReference<>() {});
      return items.stream().map(m -> new ImportRow(str(m.get("sku_id")), str(m.get("image_url")),
          str(m.get("product_group_id")), str(m.get("image_type")))).toList();
    }
    List<List<String>> rows = CsvRows.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    if (rows.isEmpty()) throw new IllegalArgumentException(args.file() + " is empty");
    List<String> header = rows.get(0).stream().map(String::trim).toList();
    int url = column(header, args.columns().get("url"), true);
    int sku = column(header, args.columns().get("sku"), true);
    int group = column(header, args.columns().get("group"), false);
    int type = column(header, args.columns().get("type"), false);
    List<ImportRow> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      out.add(new ImportRow(cell(r, sku), cell(r, url), cell(r, group), cell(r, type)));
    }
    return out;
  }

  /**
   * Imports in chunks so the progress bar moves; returns the number of rejected rows. A repeat of an earlier row's
   * (SKU, URL) pair is rejected here, whichever chunk the first one was in, so the counts add up to the file's rows.
   */
  public int run(List<ImportRow> rows, boolean enhance, RowImporter service) {
    int imported = 0;
    List<ImportReport.RowError> errors = new ArrayList<>();
    Map<String, Integer> rowOfAsset = new HashMap<>();
    for (int start = 0; start < rows.size(); start += CHUNK) {
      List<ImportRow> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
      List<ImportRow> toSend = new ArrayList<>();
      List<Integer> rowNumbers = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        int rowNumber = start + i + 1;
        String assetId = ImportService.assetIdOf(chunk.get(i));
        Integer earlier = assetId == null ? null : rowOfAsset.putIfAbsent(assetId, rowNumber);
        if (earlier != null) {
          errors.add(ImportService.repeatOf(rowNumber, earlier));
        } else {
          toSend.add(chunk.get(i));
          rowNumbers.add(rowNumber);
        }
      }
      if (!toSend.isEmpty()) {
        ImportReport report = service.importRows(toSend, enhance);
        imported += report.imported();
        for (ImportReport.RowError e : report.errors()) {
          errors.add(new ImportReport.RowError(rowNumbers.get(e.row() - 1), e.error(), e.message()));
        }
      }
      progress(start + chunk.size(), rows.size());
    }
    err.println();
    errors.sort(java.util.Comparator.comparingInt(ImportReport.RowError::row));
    for (ImportReport.RowError e : errors) out.println("row " + e.row() + ": " + e.error() + ": " + e.message());
    out.println("imported " + imported + " of " + rows.size() + " rows, " + errors.size() + " rejected");
    return errors.size();
  }

  private void progress(int done, int total) {
    int width = 30;
    int filled = total == 0 ? width : done * width / total;
    err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
    err.flush();
  }

  private static int column(List<String> header, String name, boolean required) {
    int i = header.indexOf(name);
    if (i < 0 && required) throw new IllegalArgumentException("column '" + name + "' not in header " + header);
    return i;
  }

  private static String cell(List<String> row, int i) {
    return i < 0 || i >= row.size() || row.get(i).isBlank() ? null : row.get(i).trim();
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
