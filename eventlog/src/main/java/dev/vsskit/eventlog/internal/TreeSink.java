package dev.vsskit.eventlog.internal;

import dev.vsskit.eventlog.XmlElement;
import java.util.ArrayDeque;

/** Builds an {@link XmlElement} tree. */
public final class TreeSink implements XmlSink {

    private final ArrayDeque<XmlElement> open = new ArrayDeque<>();
    private XmlElement root;

    public XmlElement root() {
        return root;
    }

    @Override
    public void startElement(String name) {
        XmlElement e = new XmlElement(name);
        if (open.isEmpty()) {
            if (root == null) {
                root = e;
            }
        } else {
            open.peek().addChild(e);
        }
        open.push(e);
    }

    @Override
    public void attribute(String name, String value) {
        if (!open.isEmpty()) {
            open.peek().putAttribute(name, xmlChars(value));
        }
    }

    @Override
    public void endStartTag(boolean empty) {
        if (empty && !open.isEmpty()) {
            open.pop();
        }
    }

    @Override
    public void text(String text) {
        if (!open.isEmpty()) {
            open.peek().addChild(xmlChars(text));
        }
    }

    /** Drops the control characters XML 1.0 cannot carry, as the XML rendering does: tree and text agree. */
    static String xmlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                StringBuilder sb = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (d >= 0x20 || d == '\n' || d == '\r' || d == '\t') {
                        sb.append(d);
                    }
                }
                return sb.toString();
            }
        }
        return s;
    }

    @Override
    public void rawText(String xml) {
        text(XmlRefs.unescape(xml));
    }

    @Override
    public void cdata(String text) {
        text(text);
    }

    @Override
    public void processingInstruction(String target, String data) {
    }

    @Override
    public void endElement(String name) {
        if (!open.isEmpty()) {
            open.pop();
        }
    }

    @Override
    public void closeAll() {
        open.clear();
    }
}
