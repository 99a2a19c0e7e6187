package db.migration;

import io.enhancer.connector.importing.ImportAssetId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Imported images were keyed (source 'import', asset_id = URL), so a second SKU with the same URL took over the
 * first one's image. They are now keyed by (SKU, URL): existing rows get the new asset id, so importing the same
 * pair again still updates them instead of adding a twin. Only rows still keyed by their URL change, so running it
 * twice changes nothing. Java rather than SQL: the key is a SHA-256, which MariaDB
 * and H2 spell differently.
 */
public class V3__import_asset_per_sku_and_url extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Map<Long, String> newIds = new LinkedHashMap<>();
    try (Statement select = context.getConnection().createStatement();
         ResultSet rows = select.executeQuery(
             "SELECT id, sku_id, asset_id FROM product_images WHERE source = 'import' AND sku_id IS NOT NULL "
                 + "AND asset_id = image_url")) {
      while (rows.next()) newIds.put(rows.getLong(1), ImportAssetId.of(rows.getString(2), rows.getString(3)));
    }
    try (PreparedStatement update = context.getConnection()
        .prepareStatement("UPDATE product_images SET asset_id = ? WHERE id = ?")) {
      for (Map.Entry<Long, String> e : newIds.entrySet()) {
        update.setString(1, e.getValue());
        update.setLong(2, e.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
