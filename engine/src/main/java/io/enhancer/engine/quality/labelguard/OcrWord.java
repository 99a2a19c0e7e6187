package io.enhancer.engine.quality.labelguard;

import io.enhancer.engine.quality.BoundingBox;

/**
 * One word Tesseract recognised.
 *
 * @param text       the word as read (not normalised)
 * @param confidence Tesseract's word confidence, 0..100
 * @param box        where it is, in the pixels of the image that was read
 * @param line       running text-line number within one reading, so words can be shown in context
 */
public record OcrWord(String text, double confidence, BoundingBox box, int line) {}
