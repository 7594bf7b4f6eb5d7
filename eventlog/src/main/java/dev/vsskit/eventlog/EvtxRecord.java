package dev.vsskit.eventlog;

import java.time.Instant;

/**
 * One record read from an EVTX file.
 *
 * @param recordId    the EventRecordID from the record header
 * @param written     the record header's written time
 * @param chunk       chunk index in file order
 * @param fileOffset  absolute offset of the record in the file
 * @param xml         the event XML, or null when not requested
 * @param event       the typed event, or null when not requested
 * @param complete    false when the BinXml was damaged and the rendering stopped early (a warning was sent)
 */
public record EvtxRecord(long recordId, Instant written, int chunk, long fileOffset, String xml, EventRecord event,
        boolean complete) {
}
