package io.enhancer.engine.quality.labelguard;

/** Tesseract page segmentation used to read a label. */
public enum OcrLayout {
  /** PSM 11: find as much text as possible in no particular order; suits labels scattered over a product. */
  SPARSE_TEXT(11),
  /** PSM 3: automatic page layout; suits document-like labels with blocks of lines. */
  AUTO(3);

  private final int pageSegMode;

  OcrLayout(int pageSegMode) {
    this.pageSegMode = pageSegMode;
  }

  public int pageSegMode() {
    return pageSegMode;
  }
}
