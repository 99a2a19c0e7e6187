package io.enhancer.connector.images;

import java.util.List;

/** The QC states an image moves through. */
public final class QcStatuses {
  public static final String PENDING = "pending";
  public static final String AUTO_APPROVED = "auto_approved";
  public static final String NEEDS_REVIEW = "needs_review";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final List<String> ALL = List.of(PENDING, AUTO_APPROVED, NEEDS_REVIEW, APPROVED, REJECTED);

  private QcStatuses() {}
}
