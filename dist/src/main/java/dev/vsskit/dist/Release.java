package dev.vsskit.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.VssKitCli;
import dev.vsskit.vss.io.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import picocli.CommandLine;

/**
 * Builds the release (run by dist's pom at {@code package}): stages {@code target/vsskit-VERSION/} (jar,
 * launchers, PowerShell module with the build's version, nightly script, verify-backup.sh, completion scripts,
 * man pages, docs, LICENSE, third-party notices, the CycloneDX SBOM, SHA256SUMS), writes
 * {@code vsskit-VERSION.zip} and {@code vsskit-VERSION.tar.gz} from it reproducibly, their checksums in
 * {@code vsskit-VERSION.sha256}, and the winget and Chocolatey package files templated with the zip's hash.
 *
 * <p>Arguments: {@code --root=DIR --version=V --jar=FILE --classpath=PATH --own-classes=DIR --local-repo=DIR
 * --out=DIR --timestamp=ISO --download-url=URL}: the classpath is cli's runtime classpath as Maven resolved it
 * (the SBOM's components; dist's own classes left out); the download URL is the folder the zip will be
 * downloadable from (the package manifests point there).
 */
public final class Release {

    /** Files of the archive (inside its top folder) that are programs: mode 0755 in the tar. */
    static final Set<String> EXECUTABLES = Set.of("vsskit", "verify-backup.sh");

    private final Path root;
    private final String version;
    private final Path jar;
    private final String sbom;
    private final Path out;
    private final Instant time;
    private final String downloadUrl;

    /** {@code sbom}: the CycloneDX JSON of what the jar holds ({@link Sbom}). */
    Release(Path root, String version, Path jar, String sbom, Path out, Instant time, String downloadUrl) {
        this.root = root;
        this.version = version;
        this.jar = jar;
        this.sbom = sbom;
        this.out = out;
        this.time = time;
        this.downloadUrl = downloadUrl.endsWith("/") ? downloadUrl : downloadUrl + "/";
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        String version = need(a, "version");
        Instant time = OffsetDateTime.parse(need(a, "timestamp")).toInstant();
        List<Path> classpath = new ArrayList<>();
        for (String entry : need(a, "classpath").split(java.io.File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        Path jar = Path.of(need(a, "jar"));
        String sbom = Sbom.json(version, time,
                Sbom.components(classpath, Path.of(need(a, "local-repo")), Path.of(need(a, "own-classes"))), sha256(jar));
        new Release(Path.of(need(a, "root")), version, jar, sbom, Path.of(need(a, "out")), time,
                need(a, "download-url")).build();
    }

    private static String need(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return v;
    }

    String top() {
        return "vsskit-" + version;
    }

    /** {@code 0.1.0} of {@code 0.1.0-SNAPSHOT}: the numeric version PowerShell's ModuleVersion accepts. */
    static String numericVersion(String version) {
        String v = version.replaceFirst("^(\\d+(\\.\\d+){0,3}).*$", "$1");
        if (!v.matches("\\d+(\\.\\d+){0,3}")) {
            throw new IllegalArgumentException("version " + version + " does not start with a number");
        }
        return v.contains(".") ? v : v + ".0";
    }

    void build() throws IOException {
        Path stage = out.resolve(top());
        FileTrees.delete(stage);
        Files.createDirectories(stage);
        stage(stage);

        List<Archives.Entry> entries = Archives.entries(stage, top());
        Path zip = out.resolve(top() + ".zip");
        Path tar = out.resolve(top() + ".tar.gz");
        Archives.zip(entries, time, zip);
        Archives.tarGz(entries, top(), EXECUTABLES, time, tar);
        String zipHash = sha256(zip);
        Files.writeString(out.resolve(top() + ".sha256"),
                zipHash + "  " + zip.getFileName() + "\n" + sha256(tar) + "  " + tar.getFileName() + "\n");
        packaging(zip.getFileName().toString(), zipHash);
    }

    /** Fills the release folder. */
    void stage(Path stage) throws IOException {
        copy(root.resolve("vsskit"), stage.resolve("vsskit"));
        // cmd.exe reads batch files with CRLF line ends reliably (labels and goto can fail on LF-only files)
        Files.writeString(stage.resolve("vsskit.cmd"), crlf(Files.readString(root.resolve("scripts/vsskit.cmd"))));
        copy(root.resolve("scripts/vsskit.ps1"), stage.resolve("vsskit.ps1"));
        copy(root.resolve("scripts/Invoke-VssKitNightlyBackup.ps1"), stage.resolve("Invoke-VssKitNightlyBackup.ps1"));
        copy(root.resolve("scripts/verify-backup.sh"), stage.resolve("verify-backup.sh"));
        Files.createDirectories(stage.resolve("VssKit"));
        Files.writeString(stage.resolve("VssKit/VssKit.psd1"),
                moduleManifest(Files.readString(root.resolve("scripts/VssKit.psd1")), version));
        copy(root.resolve("scripts/VssKit.psm1"), stage.resolve("VssKit/VssKit.psm1"));
        copy(jar, stage.resolve("lib/vsskit.jar"));

        Path completion = stage.resolve("completion");
        Files.createDirectories(completion);
        Files.writeString(completion.resolve("vsskit.bash"), vsskit("completion", "bash"));
        Files.writeString(completion.resolve("vsskit.zsh"), vsskit("completion", "zsh"));
        Files.writeString(completion.resolve("vsskit-completion.ps1"), vsskit("completion", "powershell"));

        Path man = stage.resolve("man/man1");
        Files.createDirectories(man);
        String date = OffsetDateTime.ofInstant(time, ZoneOffset.UTC).toLocalDate().toString();
        for (Map.Entry<String, String> page : ManPages.pages(CommandModel.tree(), version, date).entrySet()) {
            Files.writeString(man.resolve(page.getKey()), page.getValue());
        }

        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                copy(doc, stage.resolve("docs").resolve(doc.getFileName().toString()));
            }
        }
        copy(root.resolve("README.md"), stage.resolve("README.md"));
        copy(root.resolve("LICENSE"), stage.resolve("LICENSE"));
        Files.createDirectories(stage.resolve("sbom"));
        Files.writeString(stage.resolve("sbom/" + top() + ".cdx.json"), sbom);
        Files.writeString(stage.resolve("THIRD-PARTY-NOTICES.txt"), notices());
        Files.writeString(stage.resolve("SHA256SUMS"), sha256sums(stage));
    }

    /** The module manifest with {@code ModuleVersion} set to the build's numeric version. */
    static String moduleManifest(String psd1, String version) {
        String replaced = psd1.replaceFirst("(?m)^(\\s*ModuleVersion\\s*=\\s*)'[^']*'", "$1'" + numericVersion(version) + "'");
        if (replaced.equals(psd1) && !psd1.contains("ModuleVersion")) {
            throw new IllegalStateException("scripts/VssKit.psd1 has no ModuleVersion line");
        }
        return replaced;
    }

    /** What {@code vsskit ARGS} prints, run in this process on the command model the release ships. */
    static String vsskit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = VssKitCli.commandLine(new PrintWriter(out), new PrintWriter(err), Map.of("NO_COLOR", "1"),
                "Linux", Path.of("/nonexistent-home"));
        int code = VssKitCli.execute(cmd, args);
        if (code != 0) {
            throw new IllegalStateException("vsskit " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        return out.toString();
    }

    /** SHA256SUMS of every file of the folder but itself, as {@code sha256sum -c} reads it, in name order. */
    static String sha256sums(Path dir) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.put(dir.relativize(p).toString().replace('\\', '/'), p));
        }
        files.remove("SHA256SUMS");
        StringBuilder sums = new StringBuilder();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            sums.append(sha256(f.getValue())).append("  ").append(f.getKey()).append('\n');
        }
        return sums.toString();
    }

    /**
     * THIRD-PARTY-NOTICES.txt: each library the jar holds, as the SBOM lists it (name, version, licences), then
     * the licence and notice files the libraries ship (from the jar's META-INF) and JLine's BSD licence.
     */
    String notices() throws IOException {
        StringBuilder n = new StringBuilder();
        n.append("vsskit ").append(version).append(": third-party software in lib/vsskit.jar\n")
                .append("=".repeat(60)).append("\n\n")
                .append("vsskit itself is licensed under the Apache License 2.0 (LICENSE). lib/vsskit.jar also holds\n")
                .append("the libraries below, under their own licences (as declared in each library's POM; the SBOM in\n")
                .append("sbom/ lists them with hashes). Their licence and notice texts follow.\n\n");
        JsonNode bom = new ObjectMapper().readTree(sbom);
        List<String> lines = new ArrayList<>();
        for (JsonNode c : bom.path("components")) {
            if (c.path("group").asText().equals("dev.vsskit")) {
                continue;
            }
            List<String> licences = new ArrayList<>();
            for (JsonNode l : c.path("licenses")) {
                JsonNode lic = l.path("license");
                String id = lic.path("id").asText(lic.path("name").asText(l.path("expression").asText()));
                if (!id.isEmpty()) {
                    licences.add(id);
                }
            }
            lines.add("- " + c.path("group").asText() + ":" + c.path("name").asText() + " " + c.path("version").asText()
                    + " (" + (licences.isEmpty() ? "licence not declared" : String.join(" OR ", licences)) + ")");
        }
        lines.sort(Comparator.naturalOrder());
        lines.forEach(l -> n.append(l).append('\n'));
        try (JarFile j = new JarFile(jar.toFile())) {
            List<ZipEntry> texts = j.stream()
                    .filter(e -> e.getName().matches("META-INF/[^/]*(LICENSE|NOTICE|AL2\\.0|LGPL2\\.1)[^/]*"))
                    .sorted(Comparator.comparing(ZipEntry::getName))
                    .map(ZipEntry.class::cast).toList();
            for (ZipEntry e : texts) {
                try (InputStream in = j.getInputStream(e)) {
                    section(n, e.getName() + " (from lib/vsskit.jar)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        try (InputStream in = Release.class.getResourceAsStream("jline-LICENSE.txt")) {
            section(n, "JLine (org.jline: jline, jline-terminal, jline-native, jansi-core)",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return n.toString();
    }

    private static void section(StringBuilder n, String title, String text) {
        n.append("\n\n").append("-".repeat(60)).append('\n').append(title).append('\n').append("-".repeat(60))
                .append("\n\n").append(text.replace("\r\n", "\n").strip()).append('\n');
    }

    /** winget and Chocolatey package files from dist/src/packaging, with the version, URL and the zip's hash. */
    void packaging(String zipName, String zipHash) throws IOException {
        Path templates = root.resolve("dist/src/packaging");
        Path target = out.resolve("packaging");
        FileTrees.delete(target);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@VERSION@", version);
        values.put("@NUMERIC_VERSION@", numericVersion(version));
        values.put("@TOP@", top());
        values.put("@ZIP_NAME@", zipName);
        values.put("@ZIP_URL@", downloadUrl + zipName);
        values.put("@ZIP_SHA256@", zipHash);
        values.put("@RELEASE_DATE@", OffsetDateTime.ofInstant(time, ZoneOffset.UTC).toLocalDate().toString());
        try (Stream<Path> walk = Files.walk(templates)) {
            for (Path t : walk.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(t);
                for (Map.Entry<String, String> v : values.entrySet()) {
                    text = text.replace(v.getKey(), v.getValue());
                }
                Path dest = target.resolve(templates.relativize(t).toString().replace("@VERSION@", version));
                Files.createDirectories(dest.getParent());
                Files.writeString(dest, text);
            }
        }
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0;) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }
}
