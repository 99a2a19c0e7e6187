package io.enhancer.engine.quality.labelguard;

import io.enhancer.engine.quality.BoundingBox;

/** A decoded code and the box around ZXing's result points, in the pixels of the scanned image. */
public record ScannedCode(CodeReading code, BoundingBox box) {}
