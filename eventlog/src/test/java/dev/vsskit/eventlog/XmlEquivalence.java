package dev.vsskit.eventlog;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Compares vsskit's event XML with python-evtx's as parsed documents. python-evtx 0.6.1 prints some
 * values in its own notation; these documented equivalences map them, nothing else is forgiven:
 * <ul>
 *   <li>an attribute python prints as {@code ""} (a Null substitution) equals an absent attribute;</li>
 *   <li>an element whose text is {@code <string>a</string>\n<string>b</string>\n} (its rendering of a
 *       string array) equals one element per item, as Windows prints them;</li>
 *   <li>times {@code 2013-10-23 16:18:08.123456} equal {@code 2013-10-23T16:18:08.1234567Z} within 5 µs
 *       (python-evtx converts FILETIME through a float);</li>
 *   <li>Binary in base64 equals Binary in hex; decimal equals hex (SizeT, HexInt); True/False equal
 *       true/false; GUIDs compare case-insensitively; floats compare numerically;</li>
 *   <li>python-evtx 0.6.1 splits string arrays with a byte regex that drops or misaligns empty items
 *       (e.g. {@code "", "0"} becomes {@code "0", ""}); when either side has an empty item, our non-empty
 *       items must appear in order among python's items, otherwise the items must be equal;</li>
 *   <li>python-evtx renders only a record's first fragment; a trailing {@code RenderingInfo} that
 *       Windows and vsskit print is not compared;</li>
 *   <li>an element python prints empty where vsskit prints none is an empty array (vsskit repeats the
 *       element once per item, zero times for no items);</li>
 *   <li>line ends compare after CR LF and CR become LF (python-evtx writes CR raw, which parsers normalise);</li>
 *   <li>whitespace-only text between elements is ignored.</li>
 * </ul>
 */
final class XmlEquivalence {

    private static final Pattern STRING_ARRAY = Pattern.compile("(?s)(?:<string>(.*?)</string>\n)+");
    private static final Pattern STRING_ITEM = Pattern.compile("(?s)<string>(.*?)</string>\n");
    private static final Pattern PY_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
    private static final Pattern WIN_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    private XmlEquivalence() {
    }

    /** Null when equivalent, else a description of the first difference. */
    static String difference(String ours, String python) {
        Element a;
        Element b;
        try {
            a = parse(ours);
        } catch (Exception e) {
            return "vsskit XML does not parse: " + e.getMessage();
        }
        try {
            b = parse(python);
        } catch (Exception e) {
            return null; // python-evtx printed something that is not XML: nothing to compare against
        }
        return compare(toNode(a, false), toNode(b, true), "/");
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    /** {@code looseItems} is set for a python string array that had empty items (see the class note). */
    private record N(String name, Map<String, String> attrs, List<N> children, String text, List<String> looseItems) {
        N(String name, Map<String, String> attrs, List<N> children, String text) {
            this(name, attrs, children, text, null);
        }
    }

    private static N toNode(Element e, boolean python) {
        Map<String, String> attrs = new LinkedHashMap<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Node a = m.item(i);
            if ("xmlns".equals(a.getNodeName()) || a.getNodeName().startsWith("xmlns:")) {
                continue;
            }
            if (python && a.getNodeValue().isEmpty()) {
                continue;
            }
            attrs.put(a.getLocalName() == null ? a.getNodeName() : a.getLocalName(), a.getNodeValue());
        }
        List<N> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                N child = toNode(ce, python);
                Matcher all = STRING_ARRAY.matcher(child.text);
                if (python && child.children.isEmpty() && !child.text.isEmpty() && all.matches()) {
                    Matcher item = STRING_ITEM.matcher(child.text);
                    List<String> items = new ArrayList<>();
                    while (item.find()) {
                        items.add(item.group(1));
                    }
                    children.add(new N(child.name, child.attrs, List.of(), "", items));
                } else {
                    children.add(child);
                }
            } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(c.getNodeValue());
            }
        }
        String t = text.toString();
        if (!children.isEmpty() && t.isBlank()) {
            t = "";
        }
        String name = e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
        return new N(name, attrs, children, t);
    }

    private static String compare(N a, N b, String path) {
        String here = path + a.name;
        if (!a.name.equals(b.name)) {
            return here + ": element " + a.name + " vs python " + b.name;
        }
        Map<String, String> aa = new LinkedHashMap<>(a.attrs);
        aa.values().removeIf(String::isEmpty);
        if (!aa.keySet().equals(b.attrs.keySet())) {
            return here + ": attributes " + a.attrs + " vs python " + b.attrs;
        }
        for (var e : aa.entrySet()) {
            if (!sameValue(e.getValue(), b.attrs.get(e.getKey()))) {
                return here + "/@" + e.getKey() + ": '" + e.getValue() + "' vs python '" + b.attrs.get(e.getKey()) + "'";
            }
        }
        if (!sameValue(a.text, b.text)) {
            return here + ": text '" + a.text + "' vs python '" + b.text + "'";
        }
        int i = 0;
        int j = 0;
        while (i < a.children.size() && j < b.children.size()) {
            N py = b.children.get(j);
            if (py.looseItems != null) {
                List<String> mine = new ArrayList<>();
                while (i < a.children.size() && a.children.get(i).name.equals(py.name)
                        && a.children.get(i).children.isEmpty()) {
                    mine.add(a.children.get(i).text);
                    i++;
                }
                mine.replaceAll(x -> x.replace("\r\n", "\n").replace('\r', '\n'));
                py.looseItems.replaceAll(x -> x.replace("\r\n", "\n").replace('\r', '\n'));
                boolean python061Defect = mine.contains("") || py.looseItems.contains("");
                if (python061Defect ? !nonEmptySubsequence(mine, py.looseItems) : !mine.equals(py.looseItems)) {
                    return here + "/" + py.name + ": items " + mine + " vs python " + py.looseItems;
                }
                j++;
                continue;
            }
            if (py.children.isEmpty() && py.attrs.isEmpty() && py.text.isEmpty() && !a.children.get(i).name.equals(py.name)) {
                j++; // python-evtx prints an empty array as one empty element; Windows and vsskit print none
                continue;
            }
            String d = compare(a.children.get(i), py, here + "/");
            if (d != null) {
                return d;
            }
            i++;
            j++;
        }
        while (j < b.children.size() && b.children.get(j).children.isEmpty() && b.children.get(j).attrs.isEmpty()
                && b.children.get(j).text.isEmpty() && b.children.get(j).looseItems == null) {
            j++; // the same empty-array case at the end of the parent
        }
        // python-evtx stops after the first fragment; Windows also prints a record's RenderingInfo.
        while (i < a.children.size() && a.children.get(i).name.equals("RenderingInfo") && path.equals("/")) {
            i++;
        }
        if (i != a.children.size() || j != b.children.size()) {
            return here + ": " + a.children.size() + " child elements vs python " + b.children.size();
        }
        return null;
    }

    /** Our non-empty items appear, in order, among python's items. */
    private static boolean nonEmptySubsequence(List<String> ours, List<String> python) {
        int k = 0;
        for (String s : ours) {
            if (s.isEmpty()) {
                continue;
            }
            while (k < python.size() && !python.get(k).equals(s)) {
                k++;
            }
            if (k == python.size()) {
                return false;
            }
            k++;
        }
        return true;
    }

    static boolean sameValue(String ours, String py) {
        // XML parsers turn a raw CR into LF; python-evtx writes CRs raw, vsskit as &#13;.
        ours = ours.replace("\r\n", "\n").replace('\r', '\n');
        py = py.replace("\r\n", "\n").replace('\r', '\n');
        if (ours.equals(py)) {
            return true;
        }
        if ((ours.matches("\\{[0-9A-F-]{36}}") || ours.equals("true") || ours.equals("false"))
                && ours.equalsIgnoreCase(py)) {
            return true;
        }
        if (WIN_TIME.matcher(ours).matches() && PY_TIME.matcher(py).matches()) {
            // python-evtx converts FILETIME through a float: it can be a few microseconds off.
            Instant a = Instant.parse(ours);
            Instant b = Instant.parse(py.replace(' ', 'T') + "Z");
            return Math.abs(ChronoUnit.NANOS.between(a, b)) <= 5_000;
        }
        BigInteger x = number(ours);
        BigInteger y = number(py);
        if (x != null && y != null) {
            return x.equals(y);
        }
        if (ours.matches("[0-9A-F]+") && ours.length() % 2 == 0) {
            try {
                return HexFormat.of().formatHex(Base64.getDecoder().decode(py)).equalsIgnoreCase(ours);
            } catch (IllegalArgumentException ignored) {
                // not base64
            }
        }
        try {
            return Double.parseDouble(ours) == Double.parseDouble(py);
        } catch (NumberFormatException ignored) {
            return false;
        }
    }

    private static BigInteger number(String s) {
        try {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("0x")) {
                return new BigInteger(t.substring(2), 16);
            }
            return t.matches("-?\\d+") ? new BigInteger(t) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
