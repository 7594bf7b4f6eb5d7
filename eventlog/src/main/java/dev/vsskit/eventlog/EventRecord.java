package dev.vsskit.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event's System fields and its data, whatever it came from (an EVTX record or the live log's XML).
 *
 * @param recordId      EventRecordID (-1 when absent)
 * @param time          TimeCreated/@SystemTime (null when absent or unparseable)
 * @param providerName  Provider/@Name ("" when absent)
 * @param providerGuid  Provider/@Guid (null for classic sources)
 * @param eventSourceName Provider/@EventSourceName (null when absent)
 * @param eventId       the 16-bit EventID
 * @param qualifiers    EventID/@Qualifiers (null when absent)
 * @param level         Level (0 when absent)
 * @param task          Task
 * @param opcode        Opcode
 * @param keywords      Keywords as a 64-bit mask
 * @param channel       Channel
 * @param computer      Computer
 * @param userId        Security/@UserID (null when absent)
 * @param data          named EventData items, or UserData leaf elements, name → value, in order
 * @param strings       unnamed classic {@code <Data>} items in order (insertion strings)
 * @param binary        EventData/Binary as hex, or null
 */
public record EventRecord(long recordId, Instant time, String providerName, String providerGuid, String eventSourceName,
        int eventId, Integer qualifiers, int level, int task, int opcode, long keywords, String channel, String computer,
        String userId, Map<String, String> data, List<String> strings, String binary) {

    public EventRecord {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        strings = List.copyOf(strings);
    }

    /**
     * This event with the EVTX record header's id, and its written time where the XML gave none: the header is
     * the record's identity even when its BinXml is damaged.
     */
    EventRecord withHeader(long headerId, Instant written) {
        if (recordId == headerId && time != null) {
            return this;
        }
        return new EventRecord(headerId, time != null ? time : written, providerName, providerGuid, eventSourceName,
                eventId, qualifiers, level, task, opcode, keywords, channel, computer, userId, data, strings, binary);
    }

    /** The full 32-bit event id as ReportEvent defines it: (Qualifiers << 16) | EventID. */
    public long instanceId() {
        return ((long) (qualifiers == null ? 0 : qualifiers) << 16) | (eventId & 0xFFFF);
    }

    /** Level names as Event Viewer shows them. */
    public String levelName() {
        return switch (level) {
            case 1 -> "Critical";
            case 2 -> "Error";
            case 3 -> "Warning";
            case 0, 4 -> "Information";
            case 5 -> "Verbose";
            default -> "Level" + level;
        };
    }
}
