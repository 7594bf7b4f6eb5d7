package dev.vsskit.cli.ontap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.Version;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vsskit ontap ...} in-process against the lab's simulator and a "real" (configured) cluster. */
class OntapCliTest {

    @TempDir
    Path tmp;

    Path lab;

    @BeforeEach
    void lab() {
        lab = CliRun.fixedLab(tmp.resolve("lab"));
    }

    private CliRun.Result run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--lab";
        all[1] = lab.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(Map.of("HOME", tmp.resolve("home").toString()), all);
    }

    private static JsonNode json(CliRun.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        return new ObjectMapper().readTree(r.out());
    }

    private static String banner() {
        return "vsskit " + Version.get() + " - Volume Shadow Copy toolkit for Hyper-V on ONTAP\nHost: HV-LAB-01.lab.local (lab)\n\n";
    }

    @Test
    void pingPrintsTheVersion() {
        CliRun.Result r = run("ontap", "ping");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")).isEqualTo(banner()
                + "ONTAP 9.13.1 cluster cluster1 at https://127.0.0.1:PORT (lab simulator)\n");
        assertThat(Files.exists(OntapLab.addressFile(lab))).as("the command's own simulator is stopped").isFalse();
    }

    @Test
    void lunsWithSerialAndNaa() throws Exception {
        JsonNode luns = json(run("ontap", "luns", "--output", "json"));
        assertThat(luns).hasSize(2);
        assertThat(luns.get(0).get("name").asText()).isEqualTo("/vol/hv_csv1/csv1_lun");
        assertThat(luns.get(0).get("serialNumber").asText()).isEqualTo("80D4nK+x3Qa1");
        assertThat(luns.get(0).get("naaId").asText()).isEqualTo("600a0980383044346e4b2b7833516131");
        assertThat(luns.get(1).get("volume").asText()).isEqualTo("hv_csv2");
        CliRun.Result text = run("ontap", "luns");
        assertThat(text.out()).isEqualTo(banner()
                + "LUN: /vol/hv_csv1/csv1_lun\n   Serial number: 80D4nK+x3Qa1\n   NAA id: 600a0980383044346e4b2b7833516131\n"
                + "   Volume: hv_csv1 (SVM svm1)\n   OS type: hyper_v\n   Mapped: yes\n\n"
                + "LUN: /vol/hv_csv2/csv2_lun\n   Serial number: 80D4nK+x3Qa2\n   NAA id: 600a0980383044346e4b2b7833516132\n"
                + "   Volume: hv_csv2 (SVM svm1)\n   OS type: hyper_v\n   Mapped: yes\n\n");
    }

    @Test
    void snapshotsCreateListRestoreDelete() throws Exception {
        Path vhdx = lab.resolve("volumes/Volume1/data/sql01/Virtual Hard Disks/sql01.vhdx");
        byte[] before = Files.readAllBytes(vhdx);
        JsonNode made = json(run("ontap", "snapshots", "create", "--volume", "hv_csv1", "--volume", "hv_csv2",
                "--name", "nightly", "-o", "json"));
        assertThat(made).hasSize(2);
        assertThat(made.get(0).get("comment").asText()).isEqualTo("vsskit backup nightly");
        JsonNode listed = json(run("ontap", "snapshots", "list", "--volume", "hv_csv1", "-o", "json"));
        assertThat(listed).singleElement().satisfies(s -> assertThat(s.get("name").asText()).isEqualTo("nightly"));

        dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve("volumes/Volume1"))
                .write("sql01/Virtual Hard Disks/sql01.vhdx", 0, new byte[4096]);
        CliRun.Result restore = run("ontap", "snapshots", "restore", "--volume", "hv_csv1", "--name", "nightly",
                "--file", "sql01/Virtual Hard Disks/sql01.vhdx");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.err()).contains("restored 1 file(s) of volume hv_csv1 from Snapshot copy nightly");
        assertThat(Files.readAllBytes(vhdx)).isEqualTo(before);

        assertThat(run("ontap", "snapshots", "delete", "--volume", "hv_csv1", "--name", "nightly").exitCode()).isZero();
        CliRun.Result empty = run("ontap", "snapshots", "list", "--volume", "hv_csv1");
        assertThat(empty.out()).isEqualTo(banner() + "No items found that satisfy the query.\n");
        assertThat(json(run("ontap", "snapshots", "list", "-o", "json"))).hasSize(1); // hv_csv2 keeps its copy
    }

    @Test
    void badInputIsOneClearLine() {
        CliRun.Result bad = run("ontap", "snapshots", "create", "--volume", "hv_csv1", "--name", "bad/name");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("vsskit: invalid Snapshot copy name 'bad/name'").endsWith("\n")
                .doesNotContain("\n\n");
        CliRun.Result none = run("ontap", "snapshots", "list", "--volume", "hv_nope");
        assertThat(none.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(none.err()).contains("volume \"hv_nope\" not found");
        CliRun.Result gone = run("ontap", "snapshots", "delete", "--volume", "hv_csv1", "--name", "never");
        assertThat(gone.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gone.err()).contains("has no Snapshot copy named never");
    }

    @Test
    void configuredClusterFromEnvironmentWithPinAndPasswordVariable() throws Exception {
        try (OntapSimulator sim = OntapSimulator.start(lab, 0)) {
            String password = Files.readString(OntapLab.credentialsFile(lab)).lines()
                    .filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring(9);
            Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
                    "VSSKIT_ONTAP_ADDRESS", sim.address().toString(), "VSSKIT_ONTAP_USER", "vsskit",
                    "VSSKIT_ONTAP_PASSWORD", password, "VSSKIT_ONTAP_PIN", OntapLab.certificateSha256(lab));
            CliRun.Result r = CliRun.run(env, "--lab", lab.toString(), "ontap", "ping", "-o", "json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode p = new ObjectMapper().readTree(r.out());
            assertThat(p.get("version").asText()).isEqualTo("9.13.1");
            assertThat(p.get("address").asText()).isEqualTo(sim.address().toString());
            assertThat(r.out() + r.err()).doesNotContain(password);

            Map<String, String> wrong = new java.util.HashMap<>(env);
            wrong.put("VSSKIT_ONTAP_PASSWORD", "wrong-password-xyz");
            CliRun.Result denied = CliRun.run(wrong, "--lab", lab.toString(), "ontap", "ping");
            assertThat(denied.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(denied.err()).contains("HTTP 401").doesNotContain("wrong-password-xyz");

            Map<String, String> insecure = new java.util.HashMap<>(env);
            insecure.remove("VSSKIT_ONTAP_PIN");
            insecure.put("VSSKIT_ONTAP_INSECURE", "1");
            CliRun.Result warned = CliRun.run(insecure, "--lab", lab.toString(), "ontap", "ping");
            assertThat(warned.exitCode()).isZero();
            assertThat(warned.err()).contains("vsskit: warning: TLS certificate verification is OFF");

            Map<String, String> system = new java.util.HashMap<>(env);
            system.remove("VSSKIT_ONTAP_PIN");
            CliRun.Result untrusted = CliRun.run(system, "--lab", lab.toString(), "ontap", "ping");
            assertThat(untrusted.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(untrusted.err()).contains("TLS handshake failed");
        }
    }

    @Test
    void passwordInTheConfigFileIsRefused() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"ontap\": {\"address\": \"https://cluster1.example.com\", \"password\": \"x\"}}");
        CliRun.Result r = CliRun.run(Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", config.toString()),
                "--lab", lab.toString(), "ontap", "ping");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("holds an ONTAP password");
    }

    @Test
    void labOntapServeStartsAndUsesTheLab() {
        CliRun.Result r = run("lab", "ontap", "serve", "--exit-after-start");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).matches("(?s)ONTAP 9\\.13\\.1 simulator for the lab .* at https://127\\.0\\.0\\.1:\\d+\n"
                + "certificate sha256: [0-9a-f]{64}\n");
    }
}
