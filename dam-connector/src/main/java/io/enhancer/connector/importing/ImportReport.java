package io.enhancer.connector.importing;

import java.util.List;

/** What an import did: rows are numbered from 1 in the order given. */
public record ImportReport(int imported, int failed, List<Long> imageIds, List<RowError> errors) {
  public record RowError(int row, String error, String message) {}
}
