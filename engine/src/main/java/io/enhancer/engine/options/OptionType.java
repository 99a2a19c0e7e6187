package io.enhancer.engine.options;

/** What kind of value an option takes, as a request, a preset or a flag writes it. */
public enum OptionType {
  /** true/false (also 1/0, yes/no, on/off in form fields). */
  BOOLEAN,
  /** A whole number within the option's bounds. */
  INTEGER,
  /** A decimal number within the option's bounds. */
  NUMBER,
  /** One word of a fixed list. */
  CHOICE,
  /** An sRGB colour {@code #RRGGBB}. */
  COLOUR,
  /** {@code WIDTHxHEIGHT}, each side within the option's bounds. */
  CANVAS
}
