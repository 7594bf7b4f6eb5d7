package dev.vsskit.eventlog;

/**
 * What the reader asks of a query: cheap tests on a record's template and event id that let it skip
 * a record without decoding it, and the full test on the decoded event.
 */
public interface RecordFilter {

    /** False only when no record of this template can match (decided on its literal provider name). */
    default boolean providerMayMatch(String literalProviderName) {
        return true;
    }

    /** False only when no record with this 16-bit event id can match. */
    default boolean eventIdMayMatch(int eventId) {
        return true;
    }

    /** The full test on the decoded event tree. */
    boolean matches(XmlElement event);

    /** Matches every record. */
    RecordFilter ALL = e -> true;
}
