package io.enhancer.connector.importing;

import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.OriginGuard;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.JobPublisher;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers images from URL lists (REST /import, the CLI's CSV/JSON import): one image per (SKU, URL) pair. Each
 * row is checked on its own; a bad row, or a repeat of an earlier row's pair, is reported with its number and does
 * not stop the others, so {@code imported + failed} is always the number of rows.
 */
@Component
public class ImportService implements RowImporter {
  static final int MAX_ROWS = 10_000;
  static final String DUPLICATE_ROW = "duplicate_row";
  private final CatalogRegistry registry;
  private final OriginGuard guard;
  private final JobPublisher jobs;
  private final TransactionTemplate tx;

  ImportService(CatalogRegistry registry, OriginGuard guard, JobPublisher jobs, TransactionTemplate tx) {
    this.registry = registry;
    this.guard = guard;
    this.jobs = jobs;
    this.tx = tx;
  }

  @Override
  public ImportReport importRows(List<ImportRow> rows, boolean enhance) {
    if (rows == null || rows.isEmpty()) throw new IllegalArgumentException("images must be a non-empty list");
    if (rows.size() > MAX_ROWS) {
      throw new IllegalArgumentException("at most " + MAX_ROWS + " images per import, got " + rows.size());
    }
    List<Long> ids = new ArrayList<>();
    List<ImportReport.RowError> errors = new ArrayList<>();
    Map<String, Integer> rowOfAsset = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      ImportRow row = rows.get(i);
      try {
        CatalogRegistry.NewImage checked = check(row);
        Integer earlier = rowOfAsset.putIfAbsent(checked.assetId(), i + 1);
        if (earlier != null) {
          errors.add(repeatOf(i + 1, earlier));
          continue;
        }
        // the image and its task (an outbox row) commit together, so an imported image is never left unqueued
        ProductImage image = tx.execute(status -> {
          ProductImage registered = registry.register(checked);
          if (enhance) jobs.enqueue(registered);
          return registered;
        });
        ids.add(image.id());
      } catch (FetchException e) {
        errors.add(new ImportReport.RowError(i + 1, e.code(), e.getMessage()));
      } catch (IllegalArgumentException e) {
        errors.add(new ImportReport.RowError(i + 1, "invalid_row", e.getMessage()));
      }
    }
    return new ImportReport(ids.size(), errors.size(), ids, errors);
  }

  static ImportReport.RowError repeatOf(int row, int earlierRow) {
    return new ImportReport.RowError(row, DUPLICATE_ROW,
        "same sku_id and image_url as row " + earlierRow + ", which imports that image once");
  }

  /** The asset id a row imports as, for spotting repeats before sending; null when the row lacks SKU or URL. */
  static String assetIdOf(ImportRow row) {
    if (row == null || row.skuId() == null || row.skuId().isBlank()) return null;
    if (row.imageUrl() == null || row.imageUrl().isBlank()) return null;
    return ImportAssetId.of(row.skuId().trim(), row.imageUrl().trim());
  }

  /** The row as the image it registers; throws naming the first problem. */
  private CatalogRegistry.NewImage check(ImportRow row) {
    if (row == null) throw new IllegalArgumentException("row is empty");
    if (row.imageUrl() == null || row.imageUrl().isBlank()) throw new IllegalArgumentException("image_url is required");
    if (row.skuId() == null || row.skuId().isBlank()) throw new IllegalArgumentException("sku_id is required");
    URI uri;
    try {
      uri = URI.create(row.imageUrl().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("image_url is not a valid URL: " + row.imageUrl());
    }
    guard.checkOrigin(uri);
    String sku = row.skuId().trim();
    return new CatalogRegistry.NewImage("import", ImportAssetId.of(sku, uri.toString()), sku,
        blankToNull(row.productGroupId()), blankToNull(row.imageType()), uri.toString(), null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
