package dev.vsskit.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.dist.ReleaseFiles.Item;
import dev.vsskit.dist.ReleaseFiles.Proc;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the archives hold, read from the archives themselves: the same files in the zip and the tar.gz, the
 * launchers, the PowerShell module with the build's version, completion scripts that are the shipped jar's,
 * a man page per command, SHA256SUMS, the SBOM and notices, the package files with the zip's hash; and the
 * packager itself gives the same bytes when run again.
 */
class ReleaseContentsIT {

    static Map<String, Item> tar;
    static Map<String, Item> zip;
    static String top;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws Exception {
        top = ReleaseFiles.top() + "/";
        tar = ReleaseFiles.readTarGz(ReleaseFiles.tarGz());
        zip = ReleaseFiles.readZip(ReleaseFiles.zip());
    }

    static Item file(String name) {
        Item item = tar.get(top + name);
        assertThat(item).as("%s in the archive", name).isNotNull();
        return item;
    }

    @Test
    void bothArchivesHoldTheSameFilesUnderOneFolder() {
        assertThat(zip.keySet()).containsExactlyElementsOf(tar.keySet());
        for (String name : tar.keySet()) {
            assertThat(name).startsWith(top);
            assertThat(zip.get(name).bytes()).as(name).isEqualTo(tar.get(name).bytes());
        }
        assertThat(tar.keySet()).contains(top + "vsskit", top + "vsskit.cmd", top + "vsskit.ps1", top + "lib/vsskit.jar",
                top + "VssKit/VssKit.psd1", top + "VssKit/VssKit.psm1", top + "Invoke-VssKitNightlyBackup.ps1",
                top + "verify-backup.sh", top + "completion/vsskit.bash", top + "completion/vsskit.zsh",
                top + "completion/vsskit-completion.ps1", top + "man/man1/vsskit.1", top + "docs/cli.md",
                top + "docs/install.md", top + "README.md", top + "LICENSE", top + "THIRD-PARTY-NOTICES.txt",
                top + "SHA256SUMS", top + "sbom/" + ReleaseFiles.top() + ".cdx.json");
        // programs are executable in the tar, everything else is not
        tar.forEach((name, item) -> assertThat(item.mode()).as(name)
                .isEqualTo(Release.EXECUTABLES.contains(name.substring(top.length())) ? 0755 : 0644));
    }

    @Test
    void launchersRunTheShippedJar() {
        assertThat(file("vsskit").text()).contains("\"$root/lib/vsskit.jar\"").startsWith("#!/bin/sh\n");
        assertThat(file("vsskit.cmd").text()).contains("%~dp0lib\\vsskit.jar").contains("\r\n")
                .doesNotContainPattern("[^\r]\n");
        assertThat(file("vsskit.ps1").text()).contains("Join-Path $PSScriptRoot 'lib\\vsskit.jar'");
        assertThat(file("verify-backup.sh").text()).contains("$here/vsskit");
        assertThat(file("Invoke-VssKitNightlyBackup.ps1").text()).contains("Join-Path $PSScriptRoot 'vsskit.cmd'");
    }

    @Test
    void theJarAndTheModuleCarryTheBuildsVersion() throws Exception {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(file("lib/vsskit.jar").bytes()))) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(ReleaseFiles.version());
        }
        String psd1 = file("VssKit/VssKit.psd1").text();
        String numeric = ReleaseFiles.version().replaceFirst("^(\\d+(\\.\\d+)*).*", "$1");
        assertThat(psd1).containsPattern("(?m)^\\s*ModuleVersion\\s*=\\s*'" + Pattern.quote(numeric) + "'$");
        assertThat(psd1).contains("RootModule        = 'VssKit.psm1'");
        // every function the manifest exports is defined by the module
        Matcher exported = Pattern.compile("FunctionsToExport\\s*=\\s*@\\(([^)]*)\\)").matcher(psd1);
        assertThat(exported.find()).isTrue();
        List<String> names = Pattern.compile("'([^']+)'").matcher(exported.group(1)).results().map(r -> r.group(1)).toList();
        assertThat(names).isNotEmpty();
        String psm1 = file("VssKit/VssKit.psm1").text();
        for (String name : names) {
            assertThat(psm1).as(name).containsPattern("(?m)^function " + Pattern.quote(name) + " \\{");
        }
        // the man pages say which version they describe
        tar.entrySet().stream().filter(e -> e.getKey().startsWith(top + "man/man1/")).forEach(e ->
                assertThat(e.getValue().text()).as(e.getKey()).contains("\"vsskit " + ManPages.esc(ReleaseFiles.version()) + "\""));
    }

    /** The completion scripts are what the shipped jar prints: they fit this version's commands. */
    @Test
    void completionScriptsAreTheShippedJarsOwn() throws Exception {
        Path jar = tmp.resolve("vsskit.jar");
        Files.write(jar, file("lib/vsskit.jar").bytes());
        Map<String, String> shells = Map.of("bash", "completion/vsskit.bash", "zsh", "completion/vsskit.zsh",
                "powershell", "completion/vsskit-completion.ps1");
        for (Map.Entry<String, String> shell : shells.entrySet()) {
            Proc p = ReleaseFiles.run(tmp, Map.of("HOME", tmp.toString(), "NO_COLOR", "1"),
                    Path.of(ReleaseFiles.javaHome(), "bin", "java").toString(), "-jar", jar.toString(), "completion",
                    shell.getKey());
            assertThat(p.exit()).as(p.err()).isZero();
            assertThat(file(shell.getValue()).text()).as(shell.getValue()).isEqualTo(p.out());
        }
        String bash = file("completion/vsskit.bash").text();
        for (CommandSpec verb : CommandModel.subcommands(CommandModel.tree().getCommandSpec())) {
            assertThat(bash).as(verb.name()).contains(verb.name());
        }
        assertThat(file("completion/vsskit-completion.ps1").text()).contains("Register-ArgumentCompleter -Native");
    }

    @Test
    void aManPageForEveryCommand() throws Exception {
        Set<String> pages = tar.keySet().stream().filter(n -> n.startsWith(top + "man/man1/"))
                .map(n -> n.substring((top + "man/man1/").length())).collect(Collectors.toSet());
        List<String> expected = new ArrayList<>();
        for (CommandSpec spec : CommandModel.commands(CommandModel.tree())) {
            expected.add(ManPages.pageName(spec) + ".1");
        }
        assertThat(pages).containsExactlyInAnyOrderElementsOf(expected).contains("vsskit-list-providers.1", "vsskit-backup.1");
        // groff, when present, reads every page without a warning (-ww: all warnings)
        Path groff = Path.of("/usr/bin/groff");
        if (Files.isExecutable(groff)) {
            Path staged = ReleaseFiles.target().resolve(ReleaseFiles.top()).resolve("man/man1");
            List<String> cmd = new ArrayList<>(List.of(groff.toString(), "-man", "-ww", "-z"));
            expected.forEach(page -> cmd.add(staged.resolve(page).toString()));
            Proc p = ReleaseFiles.run(tmp, Map.of("PATH", "/usr/bin:/bin"), cmd.toArray(String[]::new));
            assertThat(p.err()).isEmpty();
            assertThat(p.exit()).isZero();
        }
        String backup = file("man/man1/vsskit-backup.1").text();
        assertThat(backup).startsWith(".TH \"VSSKIT-BACKUP\" \"1\"").contains(".SH OPTIONS", "\\fB\\-\\-retry\\fR=\\fITRIES\\fR",
                "Default: 3.", ".SH EXIT STATUS");
    }

    @Test
    void sha256sumsCoversEveryOtherFile() throws Exception {
        Map<String, String> listed = new TreeMap<>();
        for (String line : file("SHA256SUMS").text().lines().toList()) {
            assertThat(line).matches("[0-9a-f]{64}  \\S.*");
            listed.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, Item> e : tar.entrySet()) {
            String rel = e.getKey().substring(top.length());
            if (!rel.equals("SHA256SUMS")) {
                actual.put(rel, sha256(e.getValue().bytes()));
            }
        }
        assertThat(listed).isEqualTo(actual);
    }

    @Test
    void theSbomAndTheNoticesNameEveryLibrary() throws Exception {
        JsonNode bom = new ObjectMapper().readTree(file("sbom/" + ReleaseFiles.top() + ".cdx.json").bytes());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("component").path("version").asText()).isEqualTo(ReleaseFiles.version());
        assertThat(bom.path("metadata").path("component").path("hashes").path(0).path("content").asText())
                .as("the application is lib/vsskit.jar").isEqualTo(sha256(file("lib/vsskit.jar").bytes()));
        String notices = file("THIRD-PARTY-NOTICES.txt").text();
        List<String> libraries = new ArrayList<>();
        for (JsonNode c : bom.path("components")) {
            assertThat(c.path("purl").asText()).as(c.toString()).startsWith("pkg:maven/" + c.path("group").asText() + "/");
            assertThat(c.path("licenses")).as(c.toString()).isNotEmpty();
            if (!c.path("group").asText().equals("dev.vsskit")) {
                // a library's jar as Maven Central has it, so that feeds can match it
                assertThat(c.path("hashes").path(0).path("content").asText()).as(c.toString()).matches("[0-9a-f]{64}");
                String id = c.path("group").asText() + ":" + c.path("name").asText() + " " + c.path("version").asText();
                libraries.add(id);
                assertThat(notices).as(id).contains("- " + id + " (");
            }
        }
        assertThat(libraries).anyMatch(l -> l.startsWith("info.picocli:picocli "))
                .anyMatch(l -> l.startsWith("net.java.dev.jna:jna "))
                .anyMatch(l -> l.startsWith("com.fasterxml.jackson.core:jackson-databind "))
                .anyMatch(l -> l.startsWith("org.jline:jline "));
        assertThat(notices).contains("Apache License", "GNU LESSER GENERAL PUBLIC LICENSE", "Neither the name of JLine");
        assertThat(file("LICENSE").text()).contains("Apache License", "Version 2.0");
    }

    @Test
    void packageFilesPointAtThisZipByItsHash() throws Exception {
        Path target = ReleaseFiles.target();
        String zipName = ReleaseFiles.top() + ".zip";
        String zipHash = sha256(Files.readAllBytes(ReleaseFiles.zip()));
        String tarHash = sha256(Files.readAllBytes(ReleaseFiles.tarGz()));
        assertThat(Files.readString(target.resolve(ReleaseFiles.top() + ".sha256")))
                .isEqualTo(zipHash + "  " + zipName + "\n" + tarHash + "  " + ReleaseFiles.top() + ".tar.gz\n");

        Path winget = target.resolve("packaging/winget/Vsskit.Vsskit/" + ReleaseFiles.version());
        String installer = Files.readString(winget.resolve("Vsskit.Vsskit.installer.yaml"));
        assertThat(installer).contains("PackageVersion: " + ReleaseFiles.version() + "\n", "InstallerSha256: " + zipHash + "\n",
                "RelativeFilePath: " + ReleaseFiles.top() + "\\vsskit.cmd\n").doesNotContainPattern("@[A-Z_]+@");
        assertThat(installer).containsPattern("InstallerUrl: https://\\S+/" + Pattern.quote(zipName) + "\n");
        assertThat(Files.readString(winget.resolve("Vsskit.Vsskit.yaml"))).contains("PackageVersion: " + ReleaseFiles.version());
        assertThat(Files.readString(winget.resolve("Vsskit.Vsskit.locale.en-US.yaml"))).contains("License: Apache-2.0");

        Path choco = target.resolve("packaging/chocolatey");
        assertThat(Files.readString(choco.resolve("vsskit.nuspec"))).contains("<version>" + ReleaseFiles.version() + "</version>");
        String install = Files.readString(choco.resolve("tools/chocolateyinstall.ps1"));
        assertThat(install).contains("checksum64     = '" + zipHash + "'", "'" + ReleaseFiles.top() + "'").doesNotContainPattern("@[A-Z_]+@");
    }

    /** The packager gives the same bytes from the same inputs, whenever and wherever it runs. */
    @Test
    void packagingAgainGivesTheSameBytes() throws Exception {
        Path target = ReleaseFiles.target();
        Path root = target.getParent().getParent();
        Path staged = target.resolve(ReleaseFiles.top());
        Path sbom = staged.resolve("sbom/" + ReleaseFiles.top() + ".cdx.json");
        Instant time = Instant.parse(System.getProperty("vsskit.timestamp", "2026-12-06T00:00:00Z"));
        Path again = Files.createDirectories(tmp.resolve("again"));
        new Release(root, ReleaseFiles.version(), staged.resolve("lib/vsskit.jar"), Files.readString(sbom), again, time,
                "https://downloads.example.invalid/vsskit/" + ReleaseFiles.version() + "/").build();
        assertThat(sha256(Files.readAllBytes(again.resolve(ReleaseFiles.top() + ".zip"))))
                .isEqualTo(sha256(Files.readAllBytes(ReleaseFiles.zip())));
        assertThat(sha256(Files.readAllBytes(again.resolve(ReleaseFiles.top() + ".tar.gz"))))
                .isEqualTo(sha256(Files.readAllBytes(ReleaseFiles.tarGz())));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
