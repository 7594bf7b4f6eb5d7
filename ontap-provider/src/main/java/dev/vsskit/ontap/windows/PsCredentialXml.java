package dev.vsskit.ontap.windows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A {@code PSCredential} as {@code Get-Credential | Export-Clixml FILE} writes it (PowerShell's CliXml
 * serialization, namespace {@code http://schemas.microsoft.com/powershell/2004/04}):
 *
 * <pre>{@code
 * <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
 *   <Obj RefId="0">
 *     <TN RefId="0"><T>System.Management.Automation.PSCredential</T><T>System.Object</T></TN>
 *     <ToString>System.Management.Automation.PSCredential</ToString>
 *     <Props>
 *       <S N="UserName">CORP\svc-vsskit</S>
 *       <SS N="Password">01000000d08c9ddf0115d1118c7a00c04fc297eb...</SS>
 *     </Props>
 *   </Obj>
 * </Objs>
 * }</pre>
 *
 * The {@code SS} element is a SecureString: the hex of a DPAPI blob ({@code CryptProtectData}, current-user
 * scope) of the password's UTF-16LE bytes. Windows PowerShell 5.1 writes the file as UTF-16LE with a BOM,
 * PowerShell 7 as UTF-8; the XML parser tells them apart. Strings escape characters XML cannot hold as
 * {@code _xHHHH_}. This class only parses: decrypting is {@link Dpapi}'s job.
 */
public final class PsCredentialXml {

    static final String NAMESPACE = "http://schemas.microsoft.com/powershell/2004/04";
    static final String PS_CREDENTIAL = "System.Management.Automation.PSCredential";

    /** The user name and the DPAPI-protected password blob (never the password). */
    public record Parsed(String userName, byte[] protectedPassword) {
        @Override
        public String toString() {
            return "Parsed[" + userName + ", " + protectedPassword.length + " protected bytes]";
        }
    }

    private PsCredentialXml() {
    }

    /**
     * The file {@code Export-Clixml} of Windows PowerShell 5.1 writes for a PSCredential (UTF-16LE with a BOM,
     * CRLF), so {@code Import-Clixml} reads it back: {@code protectedPassword} is the DPAPI blob.
     */
    public static byte[] write(String userName, byte[] protectedPassword) {
        String xml = "<Objs Version=\"1.1.0.1\" xmlns=\"" + NAMESPACE + "\">\r\n"
                + "  <Obj RefId=\"0\">\r\n"
                + "    <TN RefId=\"0\">\r\n"
                + "      <T>" + PS_CREDENTIAL + "</T>\r\n"
                + "      <T>System.Object</T>\r\n"
                + "    </TN>\r\n"
                + "    <ToString>" + PS_CREDENTIAL + "</ToString>\r\n"
                + "    <Props>\r\n"
                + "      <S N=\"UserName\">" + xmlText(encode(userName)) + "</S>\r\n"
                + "      <SS N=\"Password\">" + HexFormat.of().formatHex(protectedPassword) + "</SS>\r\n"
                + "    </Props>\r\n"
                + "  </Obj>\r\n"
                + "</Objs>";
        byte[] text = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[text.length + 2];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xfe;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** True when the file starts like CliXml ({@code <Objs}, after a BOM, an XML declaration or blanks). */
    public static boolean looksLikeCliXml(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        } catch (IOException e) {
            return false; // the caller's own read reports it
        }
        String text;
        if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            text = new String(head, 2, (head.length - 2) & ~1, StandardCharsets.UTF_16LE);
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            text = new String(head, 2, (head.length - 2) & ~1, StandardCharsets.UTF_16BE);
        } else {
            text = new String(head, StandardCharsets.UTF_8);
        }
        text = text.replace("\uFEFF", "").strip();
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            text = end < 0 ? "" : text.substring(end + 2).strip();
        }
        return text.startsWith("<Objs");
    }

    /** Parses the file; a file that is not an exported PSCredential is a one-line error naming the fix. */
    public static Parsed parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the ONTAP credential file " + file + ": " + e.getMessage());
        }
        return parse(bytes, file.toString());
    }

    static Parsed parse(byte[] bytes, String name) {
        String recreate = "; re-create it with: Get-Credential | Export-Clixml -Path '" + name + "'";
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(bytes));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("the ONTAP credential file " + name + " is not valid CliXml ("
                    + oneLine(e.getMessage()) + ")" + recreate);
        }
        Element root = doc.getDocumentElement();
        if (!"Objs".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new IllegalStateException("the ONTAP credential file " + name + " is not PowerShell CliXml (no <Objs>"
                    + " element in " + NAMESPACE + ")" + recreate);
        }
        Map<String, List<String>> typeNames = new HashMap<>();
        for (Element obj : children(root, "Obj")) {
            if (!isCredential(obj, typeNames)) {
                continue;
            }
            Element props = first(obj, "Props");
            if (props == null) {
                break;
            }
            String user = null;
            String plain = null;
            String secure = null;
            for (Element p : children(props, null)) {
                String n = p.getAttribute("N");
                if (n.equals("UserName") && p.getLocalName().equals("S")) {
                    user = decode(p.getTextContent());
                } else if (n.equals("Password") && p.getLocalName().equals("SS")) {
                    secure = p.getTextContent().strip();
                } else if (n.equals("Password")) {
                    plain = p.getLocalName();
                }
            }
            if (secure == null) {
                throw new IllegalStateException("the ONTAP credential file " + name + " holds no protected password"
                        + (plain != null ? " (its Password is a plain <" + plain + ">, not a SecureString <SS>)" : "")
                        + recreate);
            }
            byte[] blob;
            try {
                blob = HexFormat.of().parseHex(secure);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the ONTAP credential file " + name + " has a Password that is not a"
                        + " hex DPAPI blob" + recreate);
            }
            if (blob.length == 0) {
                throw new IllegalStateException("the ONTAP credential file " + name + " has an empty Password" + recreate);
            }
            return new Parsed(user == null ? "" : user, blob);
        }
        throw new IllegalStateException("the ONTAP credential file " + name + " holds no " + PS_CREDENTIAL + recreate);
    }

    /** Whether {@code obj}'s type names (its {@code TN}, or a {@code TNRef} to an earlier one) say PSCredential. */
    private static boolean isCredential(Element obj, Map<String, List<String>> typeNames) {
        List<String> types = List.of();
        Element tn = first(obj, "TN");
        if (tn != null) {
            List<String> t = new ArrayList<>();
            for (Element e : children(tn, "T")) {
                t.add(e.getTextContent().strip());
            }
            typeNames.put(tn.getAttribute("RefId"), t);
            types = t;
        } else {
            Element ref = first(obj, "TNRef");
            if (ref != null) {
                types = typeNames.getOrDefault(ref.getAttribute("RefId"), List.of());
            }
        }
        // "Deserialized.System.Management.Automation.PSCredential" when a deserialized object was exported again
        return !types.isEmpty() && types.get(0).endsWith(PS_CREDENTIAL);
    }

    /** CliXml's escape for characters XML cannot carry: {@code _xHHHH_} is the UTF-16 unit HHHH. */
    static String decode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (i + 7 <= s.length() && s.charAt(i) == '_' && s.charAt(i + 1) == 'x' && s.charAt(i + 6) == '_'
                    && isHex(s, i + 2, i + 6)) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 7;
            } else {
                b.append(s.charAt(i++));
            }
        }
        return b.toString();
    }

    /** The escape PowerShell applies when writing: {@code _x} followed by four hex digits and {@code _}. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escapeUnderscore = c == '_' && i + 1 < s.length() && s.charAt(i + 1) == 'x';
            if (escapeUnderscore || c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF) {
                b.append(String.format("_x%04X_", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // a credential file is never a reason to fetch or expand anything
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() { // the default one prints to stderr
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s+", " ").strip();
    }
}
