package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of DESIGN.md and docs/architecture.md, kept by the build: a plain scan of every
 * module's main sources. Each rule names the file and line that breaks it, so the failure says what to
 * move where.
 */
class HouseRulesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Module folder to the vsskit modules its main code may import (the arrows run one way). */
    static final Map<String, Set<String>> MAY_IMPORT = Map.of(
            "eventlog", Set.of("eventlog"),
            "vss-core", Set.of("vss-core", "eventlog"),
            "ontap-provider", Set.of("ontap-provider", "vss-core", "eventlog"),
            "lab", Set.of("lab", "ontap-provider", "vss-core", "eventlog"),
            "cli", Set.of("cli", "lab", "ontap-provider", "vss-core", "eventlog"));

    /** Java package root to the module that owns it. */
    static final Map<String, String> PACKAGE_MODULE = Map.of(
            "dev.vsskit.eventlog", "eventlog",
            "dev.vsskit.vss", "vss-core",
            "dev.vsskit.ontap", "ontap-provider",
            "dev.vsskit.lab", "lab",
            "dev.vsskit.cli", "cli");

    static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.vsskit\\.[a-z]+)\\.", Pattern.MULTILINE);
    static final Pattern PRINTS = Pattern.compile("System\\.(out|err)\\b|\\.printStackTrace\\(");
    static final Pattern JNA = Pattern.compile("\\bcom\\.sun\\.jna\\b");

    @Test
    void onlyCliWritesToTheTerminal() {
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("eventlog", "vss-core", "ontap-provider", "lab")) {
            forEachLine(mainSources(module), (file, no, line) -> {
                if (PRINTS.matcher(stripComment(line)).find()) {
                    offenders.add(where(file, no) + ": " + line.strip());
                }
            });
        }
        assertThat(offenders)
                .as("engines never print: report through a listener or return a value (DESIGN.md, Rules)")
                .isEmpty();
    }

    @Test
    void jnaIsUsedOnlyInWindowsPackages() {
        List<String> offenders = new ArrayList<>();
        for (String module : MAY_IMPORT.keySet()) {
            for (Path file : mainSources(module)) {
                if (file.toString().replace('\\', '/').contains("/windows/")) {
                    continue;
                }
                forEachLine(List.of(file), (f, no, line) -> {
                    if (JNA.matcher(stripComment(line)).find()) {
                        offenders.add(where(f, no) + ": " + line.strip());
                    }
                });
            }
        }
        assertThat(offenders)
                .as("native code sits in a `windows` package of the module it serves, loaded only on Windows")
                .isEmpty();
    }

    @Test
    void moduleArrowsRunOneWay() {
        List<String> offenders = new ArrayList<>();
        MAY_IMPORT.forEach((module, allowed) -> {
            for (Path file : mainSources(module)) {
                String text = read(file);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    String target = PACKAGE_MODULE.get(m.group(1));
                    if (target != null && !allowed.contains(target)) {
                        offenders.add(ROOT.relativize(file) + " (" + module + ") imports " + m.group(1)
                                + " (" + target + ")");
                    }
                }
            }
        });
        assertThat(offenders)
                .as("cli -> lab -> ontap-provider -> vss-core -> eventlog; an arrow never runs backwards")
                .isEmpty();
    }

    static final Pattern INTERNAL_IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?((dev\\.vsskit\\.[a-z]+)\\.[\\w.]*\\binternal)\\.", Pattern.MULTILINE);

    @Test
    void internalPackagesStayInsideTheirModule() {
        List<String> offenders = new ArrayList<>();
        MAY_IMPORT.forEach((module, allowed) -> {
            for (Path file : mainSources(module)) {
                Matcher m = INTERNAL_IMPORT.matcher(read(file));
                while (m.find()) {
                    String owner = PACKAGE_MODULE.get(m.group(2));
                    if (owner != null && !owner.equals(module)) {
                        offenders.add(ROOT.relativize(file) + " (" + module + ") imports " + m.group(1) + " (" + owner + ")");
                    }
                }
            }
        });
        assertThat(INTERNAL_IMPORT.matcher("import dev.vsskit.lab.internal.LabJson;").find()).isTrue();
        assertThat(offenders)
                .as("an `internal` package is its module's own: other modules use the public packages (docs/architecture.md)")
                .isEmpty();
    }

    /** Module folder to its root package, whose package-info says which JSON stack is used where and why. */
    static final Map<String, String> ROOT_PACKAGE = Map.of(
            "eventlog", "dev/vsskit/eventlog",
            "vss-core", "dev/vsskit/vss",
            "ontap-provider", "dev/vsskit/ontap",
            "lab", "dev/vsskit/lab",
            "cli", "dev/vsskit/cli",
            "dist", "dev/vsskit/dist");

    static final Pattern JACKSON = Pattern.compile("^import\\s+com\\.fasterxml\\.jackson\\.", Pattern.MULTILINE);
    static final Pattern HAND_WRITTEN_JSON =
            Pattern.compile("^import\\s+dev\\.vsskit\\.vss\\.io\\.(Json|RecordJson);", Pattern.MULTILINE);

    @Test
    void eachModuleSaysWhichJsonStackItUsesWhere() {
        List<String> missing = new ArrayList<>();
        ROOT_PACKAGE.forEach((module, pkg) -> {
            boolean jackson = false;
            boolean handWritten = false;
            for (Path file : mainSources(module)) {
                String text = read(file);
                jackson |= JACKSON.matcher(text).find();
                handWritten |= HAND_WRITTEN_JSON.matcher(text).find()
                        || file.toString().replace('\\', '/').contains("/dev/vsskit/vss/io/Json.java");
            }
            Path info = ROOT.resolve(module).resolve("src/main/java").resolve(pkg).resolve("package-info.java");
            String doc = Files.exists(info) ? read(info) : "";
            if (jackson && !doc.contains("Jackson")) {
                missing.add(ROOT.relativize(info) + ": " + module + " uses Jackson; say where and why");
            }
            if (handWritten && !doc.contains("Hand-written")) {
                missing.add(ROOT.relativize(info) + ": " + module + " uses the hand-written vss.io.Json; say where and why");
            }
        });
        assertThat(missing).as("each module's root package-info names its JSON stacks (docs/architecture.md)").isEmpty();
    }

    /**
     * Public for other modules' tests alone, each with why (a package: each of its types). An entry covers a type
     * only while another module's tests name it, so it never keeps public what nobody uses. Keep it tiny.
     */
    static final Map<String, String> PUBLIC_FOR_OTHER_MODULES_TESTS = Map.of(
            // The lab served behind the Windows seams (COM, WMI, cluster WMI, disk I/O, host files): test doubles
            // shipped in the lab's main code so that cli's tests run WindowsVssHost and the Windows backup target.
            "dev.vsskit.lab.windows", "test doubles of the Windows seams for cli's tests",
            // The COM vtable tables: ServedVssWatchTest (lab) calls the served VSS through them raw, breaking the
            // rules the binding keeps (no CoInitializeSecurity, no AbortBackup), which no public path can do.
            "dev.vsskit.vss.windows.ComInterfaces", "raw vtable calls for the served VSS's watch test");

    @Test
    void thePublicApiScanSeesEachWayCodeNamesAType() {
        PublicApiScan.SourceFile imports = PublicApiScan.parse("cli", "A.java",
                "package dev.vsskit.cli;\nimport dev.vsskit.vss.backup.BackupPlan;\nclass A { }\n");
        assertThat(imports.names("dev.vsskit.vss.backup", "BackupPlan")).isTrue();
        assertThat(imports.names("dev.vsskit.vss.backup", "BackupPlanner")).isFalse();
        assertThat(imports.names("dev.vsskit.vss", "BackupPlan")).isFalse();
        assertThat(imports.publicType()).isFalse();
        PublicApiScan.SourceFile wildcard = PublicApiScan.parse("cli", "B.java",
                "package dev.vsskit.cli;\nimport dev.vsskit.vss.backup.*;\npublic final class B { BackupPlan p; }\n");
        assertThat(wildcard.names("dev.vsskit.vss.backup", "BackupPlan")).isTrue();
        assertThat(wildcard.names("dev.vsskit.vss.backup", "BackupService")).isFalse();
        assertThat(wildcard.publicType()).isTrue();
        assertThat(wildcard.qualifiedType()).isEqualTo("dev.vsskit.cli.B");
        PublicApiScan.SourceFile inCode = PublicApiScan.parse("lab", "C.java", """
                package dev.vsskit.lab.internal;
                import static dev.vsskit.vss.io.Json.quote;
                // dev.vsskit.vss.backup.BackupPlan in a comment names nothing
                /** {@link dev.vsskit.vss.catalog.BackupCatalog} neither */
                class C {
                    Object o = dev.vsskit.vss.store.SnapshotStore.class;
                    String host = "dev.vsskit.vss.windows.WindowsVssHost"; // loaded by name
                    dev.vsskit.vss.session.BackupSession.Phase phase;
                }
                """);
        assertThat(inCode.pkg()).isEqualTo("dev.vsskit.lab.internal");
        assertThat(inCode.internal()).isTrue();
        assertThat(inCode.names("dev.vsskit.vss.io", "Json")).isTrue();
        assertThat(inCode.names("dev.vsskit.vss.store", "SnapshotStore")).isTrue();
        assertThat(inCode.names("dev.vsskit.vss.windows", "WindowsVssHost")).isTrue();
        assertThat(inCode.names("dev.vsskit.vss.session", "BackupSession")).isTrue();
        assertThat(inCode.names("dev.vsskit.vss.backup", "BackupPlan")).isFalse();
        assertThat(inCode.names("dev.vsskit.vss.catalog", "BackupCatalog")).isFalse();

        // A type another package names is needed, and so is what its public signatures show; the rest is not.
        PublicApiScan.SourceFile api = PublicApiScan.parse("vss-core", "Api.java", "package dev.vsskit.vss.x;\npublic final class Api { }");
        PublicApiScan.SourceFile shown = PublicApiScan.parse("vss-core", "Shown.java", "package dev.vsskit.vss.x;\npublic record Shown() { }");
        PublicApiScan.SourceFile helper = PublicApiScan.parse("vss-core", "Helper.java", "package dev.vsskit.vss.x;\npublic class Helper { }");
        PublicApiScan.SourceFile sibling = PublicApiScan.parse("vss-core", "Sibling.java",
                "package dev.vsskit.vss.y;\nimport dev.vsskit.vss.x.Helper;\nclass Sibling { }");
        PublicApiScan.SourceFile caller = PublicApiScan.parse("cli", "Caller.java",
                "package dev.vsskit.cli;\nimport dev.vsskit.vss.x.Api;\nclass Caller { }");
        List<PublicApiScan.SourceFile> tree = List.of(api, shown, helper, sibling, caller);
        java.util.function.Function<String, Set<String>> signatures =
                name -> name.equals("dev.vsskit.vss.x.Api") ? Set.of("dev.vsskit.vss.x.Shown", "java.lang.String") : Set.of();
        assertThat(PublicApiScan.needed(tree, Set.of(), false, signatures).keySet())
                .containsExactlyInAnyOrder("dev.vsskit.vss.x.Api", "dev.vsskit.vss.x.Shown", "dev.vsskit.vss.x.Helper");
        assertThat(PublicApiScan.needed(tree, Set.of(), true, signatures).keySet())
                .containsExactlyInAnyOrder("dev.vsskit.vss.x.Api", "dev.vsskit.vss.x.Shown");
        assertThat(PublicApiScan.needed(List.of(api, shown, helper), Set.of("dev.vsskit.vss.x.Helper"), true, signatures)
                .keySet()).containsExactly("dev.vsskit.vss.x.Helper");
        // The real tree: BackupCatalog's signatures show BackupRecord; cli names VssHost; a services file lists
        // the lab's ONTAP init step; the scan sees every library module's public types.
        assertThat(PublicApiScan.signatureTypes(dev.vsskit.vss.catalog.BackupCatalog.class))
                .contains("dev.vsskit.vss.catalog.BackupRecord");
        List<PublicApiScan.SourceFile> all = allMainSources();
        Map<String, PublicApiScan.Need> real = PublicApiScan.needed(all, PublicApiScan.serviceTypes(ROOT), true,
                PublicApiScan.compiledSignatures(getClass().getClassLoader()));
        assertThat(real.get("dev.vsskit.vss.VssHost").namedFromModules()).contains("cli", "lab");
        assertThat(real.get("dev.vsskit.lab.ontap.OntapLabInitStep").inSignatureOf()).isEqualTo("META-INF/services");
        for (String module : PublicApiScan.LIBRARY_MODULES) {
            assertThat(all).as(module).filteredOn(f -> f.module().equals(module) && f.publicType()).hasSizeGreaterThan(10);
        }
    }

    @Test
    void publicTypesOfTheLibrariesAreUsedOutsideTheirPackage() {
        List<PublicApiScan.SourceFile> all = allMainSources();
        Map<String, PublicApiScan.Need> needed = PublicApiScan.needed(all, PublicApiScan.serviceTypes(ROOT), false,
                PublicApiScan.compiledSignatures(getClass().getClassLoader()));
        List<String> offenders = new ArrayList<>();
        for (PublicApiScan.SourceFile type : all) {
            if (type.publicType() && PublicApiScan.LIBRARY_MODULES.contains(type.module())
                    && !needed.containsKey(type.qualifiedType()) && !usedByAnotherModulesTestsAndListed(type)) {
                offenders.add(type.module() + ": " + type.qualifiedType() + " is public, but no main code outside "
                        + type.pkg() + " names it and no public signature of a type that is used shows it: make it"
                        + " package-private");
            }
        }
        assertThat(offenders)
                .as("a library type is public only for main code of another package (docs/architecture.md, Public APIs)")
                .isEmpty();
    }

    @Test
    void publicTypesOutsideInternalPackagesAreUsedByAnotherModule() {
        List<PublicApiScan.SourceFile> all = allMainSources();
        Map<String, PublicApiScan.Need> needed = PublicApiScan.needed(all, PublicApiScan.serviceTypes(ROOT), true,
                PublicApiScan.compiledSignatures(getClass().getClassLoader()));
        Map<String, PublicApiScan.Need> inModule = PublicApiScan.needed(all, PublicApiScan.serviceTypes(ROOT), false,
                PublicApiScan.compiledSignatures(getClass().getClassLoader()));
        List<String> offenders = new ArrayList<>();
        for (PublicApiScan.SourceFile type : all) {
            if (type.publicType() && PublicApiScan.LIBRARY_MODULES.contains(type.module()) && !type.internal()
                    && !needed.containsKey(type.qualifiedType()) && !usedByAnotherModulesTestsAndListed(type)) {
                PublicApiScan.Need why = inModule.get(type.qualifiedType());
                if (why == null) {
                    continue; // only its own package uses it: the rule above says make it package-private
                }
                offenders.add(type.module() + ": " + type.qualifiedType() + " is public outside an internal package, but"
                        + " no other module's main code names it (only " + why.namedFromPackages()
                        + (why.inSignatureOf() == null ? "" : ", signature of " + why.inSignatureOf()) + ")"
                        + ": move it to an internal package of its module");
            }
        }
        assertThat(offenders)
                .as("a library module's public API is what other modules use (docs/architecture.md, Public APIs)")
                .isEmpty();
    }

    /** The list above only shrinks: an entry that no longer excuses a public type must go. */
    @Test
    void theExceptionsToThePublicApiRulesAreStillNeeded() {
        List<PublicApiScan.SourceFile> all = allMainSources();
        Map<String, PublicApiScan.Need> needed = PublicApiScan.needed(all, PublicApiScan.serviceTypes(ROOT), true,
                PublicApiScan.compiledSignatures(getClass().getClassLoader()));
        Set<String> unneeded = new java.util.TreeSet<>();
        for (PublicApiScan.SourceFile type : all) {
            if (type.publicType() && PublicApiScan.LIBRARY_MODULES.contains(type.module())
                    && !needed.containsKey(type.qualifiedType())) {
                unneeded.add(type.qualifiedType());
            }
        }
        List<String> stale = new ArrayList<>();
        for (String entry : PUBLIC_FOR_OTHER_MODULES_TESTS.keySet()) {
            boolean covers = all.stream().anyMatch(t -> unneeded.contains(t.qualifiedType())
                    && (t.pkg().equals(entry) || t.qualifiedType().equals(entry)) && usedByAnotherModulesTestsAndListed(t));
            if (!covers) {
                stale.add("PUBLIC_FOR_OTHER_MODULES_TESTS: " + entry + " excuses no public type any more: remove it");
            }
        }
        assertThat(unneeded).as("the scan finds the lab's test doubles").contains("dev.vsskit.lab.windows.ServedVss");
        assertThat(stale).isEmpty();
    }

    static List<PublicApiScan.SourceFile> allMainSources() {
        List<PublicApiScan.SourceFile> all = new ArrayList<>();
        PublicApiScan.ALL_MODULES.forEach(m -> all.addAll(PublicApiScan.mainSources(ROOT, m)));
        return all;
    }

    private Set<String> publicForTests;

    /**
     * Whether {@code type} is listed in {@link #PUBLIC_FOR_OTHER_MODULES_TESTS} and another module's tests use it:
     * name it, or reach it through the public signatures of a listed type they name ({@code served.wmi().cluster()}).
     */
    boolean usedByAnotherModulesTestsAndListed(PublicApiScan.SourceFile type) {
        if (publicForTests == null) {
            publicForTests = usedByOtherModulesTests(allMainSources());
        }
        return publicForTests.contains(type.qualifiedType());
    }

    Set<String> usedByOtherModulesTests(List<PublicApiScan.SourceFile> all) {
        Map<String, PublicApiScan.SourceFile> listed = new java.util.HashMap<>();
        for (PublicApiScan.SourceFile t : all) {
            if (t.publicType() && (PUBLIC_FOR_OTHER_MODULES_TESTS.containsKey(t.pkg())
                    || PUBLIC_FOR_OTHER_MODULES_TESTS.containsKey(t.qualifiedType()))) {
                listed.put(t.qualifiedType(), t);
            }
        }
        Set<String> used = new java.util.TreeSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>();
        for (String module : PublicApiScan.ALL_MODULES) {
            for (Path file : testSources(module)) {
                PublicApiScan.SourceFile test = PublicApiScan.parse(module, file.getFileName().toString(), read(file));
                for (PublicApiScan.SourceFile t : listed.values()) {
                    if (!t.module().equals(module) && test.names(t.pkg(), t.name()) && used.add(t.qualifiedType())) {
                        pending.add(t.qualifiedType());
                    }
                }
            }
        }
        java.util.function.Function<String, Set<String>> signatures =
                PublicApiScan.compiledSignatures(getClass().getClassLoader());
        while (!pending.isEmpty()) {
            for (String shown : signatures.apply(pending.poll())) {
                if (listed.containsKey(shown) && used.add(shown)) {
                    pending.add(shown);
                }
            }
        }
        return used;
    }

    static List<Path> testSources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/test/java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theRulesSeeTheWholeTree() {
        // A scan that finds nothing proves nothing: every module has main sources where we look.
        MAY_IMPORT.keySet().forEach(module -> assertThat(mainSources(module)).as(module).hasSizeGreaterThan(5));
        assertThat(PRINTS.matcher("System.out.println(x);").find()).isTrue();
        assertThat(PRINTS.matcher("e.printStackTrace();").find()).isTrue();
        assertThat(stripComment("int x = 1; // System.out is for cli")).doesNotContain("System.out");
    }

    // ------------------------------------------------------------------ helpers

    interface LineVisitor {
        void visit(Path file, int lineNumber, String line);
    }

    static List<Path> mainSources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void forEachLine(List<Path> files, LineVisitor visitor) {
        for (Path file : files) {
            String[] lines = read(file).split("\n", -1);
            boolean inBlockComment = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (inBlockComment) {
                    int end = line.indexOf("*/");
                    if (end < 0) {
                        continue;
                    }
                    line = line.substring(end + 2);
                    inBlockComment = false;
                }
                int start = line.indexOf("/*");
                if (start >= 0 && !line.substring(0, start).contains("\"")) {
                    int end = line.indexOf("*/", start + 2);
                    if (end < 0) {
                        inBlockComment = true;
                        line = line.substring(0, start);
                    } else {
                        line = line.substring(0, start) + line.substring(end + 2);
                    }
                }
                visitor.visit(file, i + 1, line);
            }
        }
    }

    static String stripComment(String line) {
        int c = line.indexOf("//");
        return c >= 0 && !line.substring(0, c).contains("\"") ? line.substring(0, c) : line;
    }

    static String where(Path file, int line) {
        return ROOT.relativize(file) + ":" + line;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
