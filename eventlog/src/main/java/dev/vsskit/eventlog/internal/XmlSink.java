package dev.vsskit.eventlog.internal;

/** Receives a decoded event as a stream of XML events; the decoder never builds strings it does not need. */
public interface XmlSink {

    void startElement(String name);

    void attribute(String name, String value);

    /** Ends the start tag; {@code empty} when the element has no content. */
    void endStartTag(boolean empty);

    void text(String text);

    /** Text already in XML form (character and entity references). */
    void rawText(String xml);

    void cdata(String text);

    void processingInstruction(String target, String data);

    void endElement(String name);

    /** Closes whatever is still open after a decoding error, so the output stays well formed. */
    void closeAll();
}
