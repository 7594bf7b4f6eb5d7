package dev.vsskit.eventlog.internal;

import java.util.ArrayDeque;

/** Writes compact event XML the way EvtRender does: no indentation, empty elements as {@code <X/>}. */
public final class XmlTextSink implements XmlSink {

    private final StringBuilder out;
    private final ArrayDeque<String> open = new ArrayDeque<>();
    private boolean inStartTag;
    /** The attribute names of the open start tag: a damaged template may repeat one. */
    private final java.util.List<String> attributes = new java.util.ArrayList<>(8);

    public XmlTextSink(StringBuilder out) {
        this.out = out;
    }

    @Override
    public void startElement(String name) {
        finishStartTag();
        out.append('<').append(name);
        inStartTag = true;
        attributes.clear();
        open.push(name);
    }

    @Override
    public void attribute(String name, String value) {
        if (!inStartTag) {
            throw new BinXmlException("attribute " + name + " outside a start tag", 0);
        }
        if (attributes.contains(name)) {
            throw new BinXmlException("attribute " + name + " given twice", 0);
        }
        attributes.add(name);
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
    }

    @Override
    public void endStartTag(boolean empty) {
        if (!inStartTag) {
            return;
        }
        // A non-empty start tag stays open until content arrives, so an element whose content
        // renders to nothing still prints as <X/>.
        if (empty) {
            inStartTag = false;
            out.append("/>");
            open.pop();
        }
    }

    private void finishStartTag() {
        if (inStartTag) {
            out.append('>');
            inStartTag = false;
        }
    }

    @Override
    public void text(String text) {
        finishStartTag();
        escape(text, false);
    }

    @Override
    public void rawText(String xml) {
        finishStartTag();
        out.append(xml);
    }

    @Override
    public void cdata(String text) {
        finishStartTag();
        out.append("<![CDATA[").append(XmlNames.chars(text).replace("]]>", "]]]]><![CDATA[>")).append("]]>");
    }

    @Override
    public void processingInstruction(String target, String data) {
        finishStartTag();
        out.append("<?").append(target);
        if (data != null && !data.isEmpty()) {
            out.append(' ').append(XmlNames.chars(data).replace("?>", "? >"));
        }
        out.append("?>");
    }

    @Override
    public void endElement(String name) {
        if (open.isEmpty()) {
            return;
        }
        if (inStartTag) {
            out.append("/>");
            inStartTag = false;
            open.pop();
            return;
        }
        out.append("</").append(open.pop()).append('>');
    }

    @Override
    public void closeAll() {
        while (!open.isEmpty()) {
            endElement(null);
        }
    }

    private void escape(String s, boolean attr) {
        int n = s.length();
        int plain = 0;
        while (plain < n && plain(s.charAt(plain))) {
            plain++;
        }
        if (plain == n) {
            out.append(s); // the common case: nothing to escape, one bulk copy
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                // A parser turns a raw CR (and, in attributes, LF and TAB) into something else: keep them.
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attr ? "&#10;" : "\n");
                case '\t' -> out.append(attr ? "&#9;" : "\t");
                case '"' -> out.append(attr ? "&quot;" : "\"");
                case '\'' -> out.append(attr ? "&apos;" : "'");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        // Not allowed in XML 1.0: dropped from the XML text (as python-evtx does);
                        // the typed EventRecord keeps it.
                        continue;
                    } else if (Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        out.append('\uFFFD');
                    } else if (c == '\uFFFE' || c == '\uFFFF') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** A character that is copied as it is in text and attribute values alike. */
    private static boolean plain(char c) {
        return c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' && c < 0xD800;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
