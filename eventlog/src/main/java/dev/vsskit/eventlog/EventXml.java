package dev.vsskit.eventlog;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Event XML ↔ {@link XmlElement} ↔ {@link EventRecord}. The live Windows log hands out XML text
 * (EvtRender); EVTX records are decoded straight into an {@link XmlElement}; both end in
 * {@link #toEventRecord(XmlElement)}.
 */
public final class EventXml {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private EventXml() {
    }

    /** Parses event XML text into a tree (local names; namespaces dropped). */
    public static XmlElement parse(String xml) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
            ArrayDeque<XmlElement> open = new ArrayDeque<>();
            XmlElement root = null;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        XmlElement e = new XmlElement(r.getLocalName());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            e.putAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        if (open.isEmpty()) {
                            if (root == null) {
                                root = e;
                            }
                        } else {
                            open.peek().addChild(e);
                        }
                        open.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().addChild(r.getText());
                        }
                    }
                    default -> {
                    }
                }
            }
            if (root == null) {
                throw new IllegalArgumentException("event XML has no element");
            }
            return root;
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("event XML is not well formed: " + e.getMessage(), e);
        }
    }

    /** Parses event XML text into an {@link EventRecord}. */
    public static EventRecord parseEventRecord(String xml) {
        return toEventRecord(parse(xml));
    }

    /** Extracts the typed fields of an {@code <Event>} tree. */
    public static EventRecord toEventRecord(XmlElement event) {
        XmlElement system = event.element("System");
        if (system == null) {
            system = new XmlElement("System");
        }
        XmlElement provider = system.element("Provider");
        XmlElement eventId = system.element("EventID");
        XmlElement timeCreated = system.element("TimeCreated");
        XmlElement security = system.element("Security");
        Map<String, String> data = new LinkedHashMap<>();
        List<String> strings = new ArrayList<>();
        String binary = null;
        XmlElement eventData = event.element("EventData");
        if (eventData != null) {
            for (XmlElement item : eventData.elements()) {
                if (item.name().equals("Data")) {
                    String name = item.attribute("Name");
                    if (name == null) {
                        strings.add(item.text());
                    } else {
                        data.put(name, item.text());
                    }
                } else if (item.name().equals("Binary")) {
                    binary = item.text();
                } else {
                    data.put(item.name(), item.text());
                }
            }
        }
        XmlElement userData = event.element("UserData");
        if (userData != null) {
            for (XmlElement top : userData.elements()) {
                for (XmlElement leaf : top.elements()) {
                    data.put(leaf.name(), leaf.text());
                }
            }
        }
        return new EventRecord(
                parseLong(text(system, "EventRecordID"), -1),
                timeCreated == null ? null : parseTime(timeCreated.attribute("SystemTime")),
                provider == null || provider.attribute("Name") == null ? "" : provider.attribute("Name"),
                provider == null ? null : provider.attribute("Guid"),
                provider == null ? null : provider.attribute("EventSourceName"),
                (int) parseLong(eventId == null ? null : eventId.text(), 0),
                eventId == null || eventId.attribute("Qualifiers") == null || eventId.attribute("Qualifiers").isEmpty()
                        ? null : (int) parseLong(eventId.attribute("Qualifiers"), 0),
                (int) parseLong(text(system, "Level"), 0),
                (int) parseLong(text(system, "Task"), 0),
                (int) parseLong(text(system, "Opcode"), 0),
                parseLong(text(system, "Keywords"), 0),
                orEmpty(text(system, "Channel")),
                orEmpty(text(system, "Computer")),
                security == null ? null : security.attribute("UserID"),
                data, strings, binary);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String text(XmlElement parent, String name) {
        XmlElement e = parent.element(name);
        return e == null ? null : e.text();
    }

    static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        s = s.trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Parses SystemTime values as Windows and the peers print them (any fraction length, 'Z' or none). */
    public static Instant parseTime(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        Instant fast = windowsTime(s);
        if (fast != null) {
            return fast;
        }
        String t = s.trim().replace(' ', 'T');
        if (!t.endsWith("Z")) {
            t = t + "Z";
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The form EvtRender writes, {@code 2026-11-24T10:15:30.1234567Z} (any fraction of 1 to 9 digits), read
     * without the general parser (a large log has one per event); null for any other form.
     */
    private static Instant windowsTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = digits(s, 20, digits);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if ((year | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month)
                .lengthOfMonth() || hour > 23 || minute > 59 || second > 59 || nanos < 0) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in s[from, from+len), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
