package dev.vsskit.vss.session;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * vsskit's Backup Components Document: what a restore needs to know about a backup session (context,
 * backup type, the snapshot set and its shadows, the selected components and whether each was backed
 * up). It is vsskit's own XML, not Microsoft's schema:
 * <pre>{@code
 * <BackupComponents xmlns="urn:vsskit:bcd:1" snapshotSetId="{...}" context="Backup" backupType="FULL"
 *                   selectComponents="true" created="2026-11-24T16:00:00Z">
 *   <Shadow shadowId="{...}" volume="C:\ClusterStorage\Volume1\" volumeName="\\?\Volume{...}\"
 *           providerId="{...}" providerName="..." device="\\?\GLOBALROOT\Device\HarddiskVolumeShadowCopy1"/>
 *   <Component writerId="{...}" instanceId="{...}" logicalPath="" name="{vm id}" backupSucceeded="true"/>
 * </BackupComponents>
 * }</pre>
 */
public record BackupComponentsDocument(VssId snapshotSetId, SnapshotContext context, BackupType backupType,
        boolean selectComponents, Instant created, List<ShadowEntry> shadows, List<SelectedComponent> components) {

    public static final String NAMESPACE = "urn:vsskit:bcd:1";

    public BackupComponentsDocument {
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(backupType, "backupType");
        Objects.requireNonNull(created, "created");
        shadows = List.copyOf(shadows);
        components = List.copyOf(components);
    }

    /** One shadow of the set as the document records it. */
    public record ShadowEntry(VssId shadowId, String volume, String volumeName, VssId providerId,
            String providerName, String device) {
        public ShadowEntry {
            Objects.requireNonNull(shadowId, "shadowId");
            Objects.requireNonNull(volume, "volume");
            Objects.requireNonNull(volumeName, "volumeName");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(providerName, "providerName");
            Objects.requireNonNull(device, "device");
        }
    }

    public String toXml() {
        try {
            Document doc = newBuilder().newDocument();
            Element root = doc.createElementNS(NAMESPACE, "BackupComponents");
            doc.appendChild(root);
            root.setAttribute("snapshotSetId", snapshotSetId.toString());
            root.setAttribute("context", context.typeName());
            root.setAttribute("backupType", backupType.name());
            root.setAttribute("selectComponents", Boolean.toString(selectComponents));
            root.setAttribute("created", created.toString());
            for (ShadowEntry s : shadows) {
                Element e = doc.createElementNS(NAMESPACE, "Shadow");
                e.setAttribute("shadowId", s.shadowId().toString());
                e.setAttribute("volume", s.volume());
                e.setAttribute("volumeName", s.volumeName());
                e.setAttribute("providerId", s.providerId().toString());
                e.setAttribute("providerName", s.providerName());
                e.setAttribute("device", s.device());
                root.appendChild(e);
            }
            for (SelectedComponent c : components) {
                Element e = doc.createElementNS(NAMESPACE, "Component");
                e.setAttribute("writerId", c.writerId().toString());
                e.setAttribute("instanceId", c.instanceId().toString());
                e.setAttribute("logicalPath", c.logicalPath());
                e.setAttribute("name", c.name());
                e.setAttribute("backupSucceeded", Boolean.toString(c.backupSucceeded()));
                root.appendChild(e);
            }
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the Backup Components Document: " + e.getMessage(), e);
        }
    }

    /** Parses a document written by {@link #toXml()}; anything else fails with VSS_E_CORRUPT_XML_DOCUMENT or VSS_E_INVALID_XML_DOCUMENT. */
    public static BackupComponentsDocument parse(String xml) {
        Document doc;
        try {
            doc = newBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new VssException(HResult.VSS_E_CORRUPT_XML_DOCUMENT,
                    "the Backup Components Document is not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"BackupComponents".equals(root.getLocalName())) {
            throw new VssException(HResult.VSS_E_INVALID_XML_DOCUMENT,
                    "not a vsskit Backup Components Document (expected <BackupComponents xmlns=\"" + NAMESPACE + "\">)");
        }
        try {
            SnapshotContext context = SnapshotContext.parse(attr(root, "context"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown context '" + root.getAttribute("context") + "'"));
            BackupType type = BackupType.parse(attr(root, "backupType"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown backupType '" + root.getAttribute("backupType") + "'"));
            List<ShadowEntry> shadows = new ArrayList<>();
            NodeList sl = root.getElementsByTagNameNS(NAMESPACE, "Shadow");
            for (int i = 0; i < sl.getLength(); i++) {
                Element e = (Element) sl.item(i);
                shadows.add(new ShadowEntry(VssId.parse(attr(e, "shadowId")), attr(e, "volume"), attr(e, "volumeName"),
                        VssId.parse(attr(e, "providerId")), attr(e, "providerName"), attr(e, "device")));
            }
            List<SelectedComponent> components = new ArrayList<>();
            NodeList cl = root.getElementsByTagNameNS(NAMESPACE, "Component");
            for (int i = 0; i < cl.getLength(); i++) {
                Element e = (Element) cl.item(i);
                components.add(new SelectedComponent(VssId.parse(attr(e, "writerId")), VssId.parse(attr(e, "instanceId")),
                        e.getAttribute("logicalPath"), attr(e, "name"), Boolean.parseBoolean(attr(e, "backupSucceeded"))));
            }
            return new BackupComponentsDocument(VssId.parse(attr(root, "snapshotSetId")), context, type,
                    Boolean.parseBoolean(attr(root, "selectComponents")), Instant.parse(attr(root, "created")),
                    shadows, components);
        } catch (RuntimeException e) {
            throw new VssException(HResult.VSS_E_INVALID_XML_DOCUMENT,
                    "invalid Backup Components Document: " + e.getMessage(), e);
        }
    }

    private static String attr(Element e, String name) {
        if (!e.hasAttribute(name)) {
            throw new IllegalArgumentException("<" + e.getLocalName() + "> has no '" + name + "' attribute");
        }
        return e.getAttribute(name);
    }

    private static DocumentBuilder newBuilder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(SILENT);
        return builder;
    }

    /**
     * Errors become the exception {@link #parse} reports in one line; the JDK's default handler would also
     * print "[Fatal Error] ..." on stderr.
     */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not an error: the document still parses
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };
}
