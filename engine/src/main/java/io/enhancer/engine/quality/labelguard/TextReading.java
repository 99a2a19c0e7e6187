package io.enhancer.engine.quality.labelguard;

/**
 * One side's OCR summary.
 *
 * @param words          words read at or above the readable confidence
 * @param meanConfidence mean Tesseract confidence (0..100) over every non-trivial word read, 0 when none
 */
public record TextReading(int words, double meanConfidence) {}
