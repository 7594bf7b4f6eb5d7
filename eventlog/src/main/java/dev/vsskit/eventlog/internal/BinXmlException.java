package dev.vsskit.eventlog.internal;

/** A BinXml structure that cannot be decoded; carries the chunk-relative offset of the problem. */
public final class BinXmlException extends RuntimeException {

    private final int chunkOffset;

    public BinXmlException(String message, int chunkOffset) {
        super(message, null, false, Boolean.getBoolean("evtx.debug"));
        this.chunkOffset = chunkOffset;
    }

    public int chunkOffset() {
        return chunkOffset;
    }
}
