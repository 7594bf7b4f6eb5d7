package dev.vsskit.eventlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small DOM of an event: element name, attributes in document order, and children that are either
 * {@link XmlElement}s or text {@link String}s. Both the EVTX decoder and the live-log XML parser build it,
 * so one {@link EventRecord} extractor and one query evaluator serve both.
 */
public final class XmlElement {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>(4);
    private final List<Object> children = new ArrayList<>(4);

    public XmlElement(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    public List<Object> children() {
        return Collections.unmodifiableList(children);
    }

    public void putAttribute(String attributeName, String value) {
        attributes.put(attributeName, value);
    }

    public void addChild(Object child) {
        if (child instanceof String s && !children.isEmpty() && children.get(children.size() - 1) instanceof String prev) {
            children.set(children.size() - 1, prev + s);
        } else {
            children.add(child);
        }
    }

    /** Child elements in order. */
    public List<XmlElement> elements() {
        List<XmlElement> out = new ArrayList<>(children.size());
        for (Object c : children) {
            if (c instanceof XmlElement e) {
                out.add(e);
            }
        }
        return out;
    }

    /** First child element with that local name, or null. */
    public XmlElement element(String localName) {
        for (Object c : children) {
            if (c instanceof XmlElement e && e.name.equals(localName)) {
                return e;
            }
        }
        return null;
    }

    /** The concatenated text of this element's direct text children. */
    public String text() {
        StringBuilder sb = null;
        String only = "";
        for (Object c : children) {
            if (c instanceof String s) {
                if (only.isEmpty() && sb == null) {
                    only = s;
                } else {
                    if (sb == null) {
                        sb = new StringBuilder(only);
                    }
                    sb.append(s);
                }
            }
        }
        return sb == null ? only : sb.toString();
    }
}
