package dev.vsskit.dist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The CycloneDX 1.6 SBOM (JSON) of what lib/vsskit.jar holds: vsskit's modules and every library of cli's
 * runtime classpath, each with its Maven coordinates, package URL, SHA-256 and the licences its POM (or a
 * parent POM) declares. Written from the classpath Maven resolved, so it also works offline
 * (cyclonedx-maven-plugin's makeBom requires online mode and skips itself under {@code mvn -o}). Deterministic:
 * components sorted, the build's timestamp, a serial number derived from the content.
 */
final class Sbom {

    /**
     * A library or module: Maven coordinates, the library's jar (null for vsskit's own modules: their classes
     * are in vsskit.jar, whose hash the SBOM's application carries, and their intermediate jars record the
     * builder's umask), its licences.
     */
    record Component(String group, String name, String version, Path file, List<License> licenses) {
        String purl() {
            return "pkg:maven/" + group + "/" + name + "@" + version + "?type=jar";
        }
    }

    /** A licence as a POM declares it, with its SPDX id when the name is a well-known one. */
    record License(String spdxId, String name, String url) {
    }

    private static final Map<String, String> SPDX = Map.ofEntries(
            Map.entry("apache license, version 2.0", "Apache-2.0"),
            Map.entry("the apache software license, version 2.0", "Apache-2.0"),
            Map.entry("the apache license, version 2.0", "Apache-2.0"),
            Map.entry("apache-2.0", "Apache-2.0"),
            Map.entry("apache license 2.0", "Apache-2.0"),
            Map.entry("lgpl-2.1-or-later", "LGPL-2.1-or-later"),
            Map.entry("the bsd license", "BSD-3-Clause"),
            Map.entry("bsd-3-clause", "BSD-3-Clause"),
            Map.entry("mit license", "MIT"),
            Map.entry("the mit license", "MIT"));

    private Sbom() {
    }

    /**
     * The components of a runtime classpath: jars under the local repository become libraries (coordinates
     * from their path), folders or jars of the reactor become vsskit's modules (coordinates from their pom.xml);
     * {@code skip} (dist's own classes) is left out.
     */
    static List<Component> components(List<Path> classpath, Path localRepo, Path skip) throws IOException {
        List<Component> components = new ArrayList<>();
        Path repo = localRepo.toAbsolutePath().normalize();
        for (Path entry : classpath) {
            Path p = entry.toAbsolutePath().normalize();
            if (p.equals(skip.toAbsolutePath().normalize()) || !Files.exists(p)) {
                continue;
            }
            if (p.startsWith(repo)) {
                Path rel = repo.relativize(p);
                int n = rel.getNameCount();
                String version = rel.getName(n - 2).toString();
                String name = rel.getName(n - 3).toString();
                String group = rel.subpath(0, n - 3).toString().replace(p.getFileSystem().getSeparator(), ".");
                Path pom = p.resolveSibling(name + "-" + version + ".pom");
                components.add(new Component(group, name, version, p, licenses(pom, repo, 0)));
            } else {
                // a reactor module: target/classes or target/x.jar of a folder with a pom.xml
                Path moduleDir = p.getParent().getParent();
                Document pom = parse(moduleDir.resolve("pom.xml"));
                Element project = pom.getDocumentElement();
                Element parent = child(project, "parent");
                String group = text(project, "groupId", parent == null ? "" : text(parent, "groupId", ""));
                String version = text(project, "version", parent == null ? "" : text(parent, "version", ""));
                components.add(new Component(group, text(project, "artifactId", moduleDir.getFileName().toString()),
                        version, null, List.of(new License("Apache-2.0", "", ""))));
            }
        }
        components.sort(Comparator.comparing(Component::group).thenComparing(Component::name));
        return components;
    }

    /** The licences of a POM, else of its parent POM (in the local repository), up to a few levels. */
    private static List<License> licenses(Path pomFile, Path repo, int depth) throws IOException {
        if (depth > 6 || !Files.isRegularFile(pomFile)) {
            return List.of();
        }
        Element project = parse(pomFile).getDocumentElement();
        List<License> found = new ArrayList<>();
        Element licenses = child(project, "licenses");
        if (licenses != null) {
            for (Element l : children(licenses, "license")) {
                String name = text(l, "name", "").strip();
                String url = text(l, "url", "").strip();
                found.add(new License(SPDX.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), ""), name, url));
            }
        }
        Element parent = child(project, "parent");
        if (found.isEmpty() && parent != null) {
            String g = text(parent, "groupId", "");
            String a = text(parent, "artifactId", "");
            String v = text(parent, "version", "");
            return licenses(repo.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".pom"), repo,
                    depth + 1);
        }
        return found;
    }

    /** The SBOM as CycloneDX 1.6 JSON; the application is vsskit.jar, with {@code jarSha256}. */
    static String json(String version, Instant time, List<Component> components, String jarSha256) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ObjectNode bom = mapper.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.6");
        bom.put("serialNumber", ""); // set below, from the rest of the content
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", time.toString());
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", "vsskit-dist Sbom");
        tool.put("version", version);
        ObjectNode app = metadata.putObject("component");
        app.put("type", "application");
        app.put("bom-ref", "pkg:maven/dev.vsskit/vsskit@" + version);
        app.put("group", "dev.vsskit");
        app.put("name", "vsskit");
        app.put("version", version);
        app.put("description", "vssadmin-style VSS toolkit with SnapManager-style backup verbs for Hyper-V on NetApp ONTAP");
        app.putArray("hashes").addObject().put("alg", "SHA-256").put("content", jarSha256);
        app.putArray("licenses").addObject().putObject("license").put("id", "Apache-2.0");
        app.put("purl", "pkg:maven/dev.vsskit/vsskit@" + version);
        ArrayNode list = bom.putArray("components");
        ArrayNode dependsOn = mapper.createArrayNode();
        for (Component c : components) {
            ObjectNode n = list.addObject();
            n.put("type", "library");
            n.put("bom-ref", c.purl());
            n.put("group", c.group());
            n.put("name", c.name());
            n.put("version", c.version());
            if (c.file() != null && Files.isRegularFile(c.file())) {
                n.putArray("hashes").addObject().put("alg", "SHA-256").put("content", Release.sha256(c.file()));
            }
            if (!c.licenses().isEmpty()) {
                ArrayNode ls = n.putArray("licenses");
                for (License l : c.licenses()) {
                    ObjectNode lic = ls.addObject().putObject("license");
                    if (!l.spdxId().isEmpty()) {
                        lic.put("id", l.spdxId());
                    } else {
                        lic.put("name", l.name());
                    }
                    if (!l.url().isEmpty()) {
                        lic.put("url", l.url());
                    }
                }
            }
            n.put("purl", c.purl());
            dependsOn.add(c.purl());
        }
        ObjectNode dep = bom.putArray("dependencies").addObject();
        dep.put("ref", app.get("bom-ref").asText());
        dep.set("dependsOn", dependsOn);
        String unsigned = mapper.writeValueAsString(bom);
        bom.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(unsigned.getBytes(StandardCharsets.UTF_8)));
        return mapper.writeValueAsString(bom) + "\n";
    }

    private static Document parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not a readable POM: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                list.add(e);
            }
        }
        return list;
    }

    private static String text(Element parent, String name, String otherwise) {
        Element e = child(parent, name);
        return e == null ? otherwise : e.getTextContent().strip();
    }
}
