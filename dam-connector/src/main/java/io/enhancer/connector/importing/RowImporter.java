package io.enhancer.connector.importing;

import java.util.List;

/** Where the import command sends its rows: the database directly, or a running service's API. */
public interface RowImporter {
  ImportReport importRows(List<ImportRow> rows, boolean enhance);
}
