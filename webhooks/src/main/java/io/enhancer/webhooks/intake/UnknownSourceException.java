package io.enhancer.webhooks.intake;

/** 404: no source with this name is configured. */
public final class UnknownSourceException extends IntakeException {
    public UnknownSourceException(String source) {
        super("no webhook source named '" + printable(source) + "'", null);
    }

    private static String printable(String source) {
        String cut = source.length() > 40 ? source.substring(0, 40) : source;
        return cut.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    @Override
    public String errorCode() {
        return "unknown_source";
    }
}
