package dev.vsskit.cli.ontap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VssKitCli;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;
import dev.vsskit.ontap.windows.FakeWindows;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vsskit ontap credential ...} and the Windows password sources, in-process as on Windows: the credential
 * calls are served by {@link FakeWindows} through the same seam, the cluster is the lab's simulator.
 */
class OntapCredentialCliTest {

    @TempDir
    Path tmp;

    Path lab;
    final FakeWindows windows = new FakeWindows();

    @BeforeEach
    void lab() {
        lab = CliRun.fixedLab(tmp.resolve("lab"));
    }

    private CliRun.Result onWindows(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>(env);
        e.put("TZ", "UTC");
        CommandLine cmd = VssKitCli.commandLine(new PrintWriter(out), new PrintWriter(err), e, "Windows Server 2022",
                tmp.resolve("home"));
        VssKitCli root = cmd.getCommand();
        root.context().credentialNative(windows);
        root.context().in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        // the banner of text output names the host: the lab's, as there is no Windows VSS here (after the verb, where
        // "lab" is not also the name of a verb)
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--host";
        all[args.length + 1] = "lab";
        all[args.length + 2] = "--lab";
        all[args.length + 3] = lab.toString();
        int code = VssKitCli.execute(cmd, all);
        return new CliRun.Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    private String labPassword() throws Exception {
        return Files.readString(OntapLab.credentialsFile(lab)).lines().filter(l -> l.startsWith("password="))
                .findFirst().orElseThrow().substring(9);
    }

    @Test
    void setShowDeleteInTheCredentialManager() throws Exception {
        CliRun.Result set = onWindows(Map.of(), "s3cret-Pässword\r\n", "ontap", "credential", "set", "--cluster",
                "https://Cluster1.example.com", "--user", "vsskit", "-o", "json");
        assertThat(set.exitCode()).as(set.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(set.out());
        assertThat(j.get("target").asText()).isEqualTo("vsskit:ontap/cluster1.example.com");
        assertThat(j.get("store").asText()).isEqualTo("Windows Credential Manager of CORP\\svc-vsskit");
        assertThat(j.get("user").asText()).isEqualTo("vsskit");
        assertThat(j.get("password").asText()).isEqualTo("stored");
        assertThat(new String(windows.vault().get("vsskit:ontap/cluster1.example.com").blob(),
                StandardCharsets.UTF_16LE)).isEqualTo("s3cret-Pässword");

        CliRun.Result show = onWindows(Map.of(), "", "ontap", "credential", "show", "--cluster", "cluster1.example.com");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).endsWith("Credential: vsskit:ontap/cluster1.example.com\n"
                + "   Store: Windows Credential Manager of CORP\\svc-vsskit\n"
                + "   ONTAP user: vsskit\n"
                + "   Password: stored (never shown)\n");

        CliRun.Result delete = onWindows(Map.of("VSSKIT_ONTAP_ADDRESS", "https://cluster1.example.com"), "", "ontap",
                "credential", "delete");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("Password: deleted");
        CliRun.Result gone = onWindows(Map.of(), "", "ontap", "credential", "show", "--cluster", "cluster1.example.com");
        assertThat(gone.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gone.err()).isEqualTo("vsskit: the Windows Credential Manager of CORP\\svc-vsskit holds no"
                + " vsskit:ontap/cluster1.example.com; store it as that user with `vsskit ontap credential set"
                + " --cluster cluster1.example.com`\n");
        assertThat(set.out() + set.err() + show.out() + show.err() + delete.out()).doesNotContain("s3cret");
        assertThat(windows.live).isEmpty();
    }

    @Test
    void setRefusesNoPasswordAndNeedsACluster() {
        CliRun.Result empty = onWindows(Map.of(), "\n", "ontap", "credential", "set", "--cluster", "c1");
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).isEqualTo("vsskit: no password given: run `vsskit ontap credential set` at a terminal,"
                + " or pipe the password into it; nothing was stored\n");
        CliRun.Result noCluster = onWindows(Map.of(), "x\n", "ontap", "credential", "set");
        assertThat(noCluster.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noCluster.err()).contains("no ONTAP cluster named: give --cluster https://HOST");
        assertThat(windows.vaults).isEmpty();
    }

    @Test
    void pingReadsUserAndPasswordFromTheCredentialManager() throws Exception {
        try (OntapSimulator sim = OntapSimulator.start(lab, 0)) {
            Map<String, String> env = Map.of("VSSKIT_ONTAP_ADDRESS", sim.address().toString(), "VSSKIT_ONTAP_PIN",
                    OntapLab.certificateSha256(lab));
            CliRun.Result missing = onWindows(env, "", "ontap", "ping");
            assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(missing.err()).isEqualTo("vsskit: the Windows Credential Manager of CORP\\svc-vsskit holds no"
                    + " vsskit:ontap/127.0.0.1:" + sim.address().getPort() + "; store it as that user with `vsskit ontap"
                    + " credential set --cluster 127.0.0.1:" + sim.address().getPort() + "`\n");

            String password = labPassword();
            CliRun.Result set = onWindows(env, password + "\n", "ontap", "credential", "set", "--user", "vsskit");
            assertThat(set.exitCode()).as(set.err()).isZero();
            // no user anywhere in the configuration: the one stored with the password is used
            CliRun.Result ping = onWindows(env, "", "ontap", "ping", "-o", "json");
            assertThat(ping.exitCode()).as(ping.err()).isZero();
            assertThat(new ObjectMapper().readTree(ping.out()).get("version").asText()).isEqualTo("9.13.1");
            assertThat(ping.out() + ping.err() + set.out() + set.err()).doesNotContain(password);

            // the Credential Manager comes before VSSKIT_ONTAP_PASSWORD, which is used only when it holds nothing
            Map<String, String> both = new HashMap<>(env);
            both.put("VSSKIT_ONTAP_PASSWORD", "wrong-password-xyz");
            assertThat(onWindows(both, "", "ontap", "ping").exitCode()).isZero();
            windows.vault().clear();
            CliRun.Result variable = onWindows(both, "", "ontap", "ping");
            assertThat(variable.err()).contains("HTTP 401").doesNotContain("wrong-password-xyz");

            // a logon without a profile cannot read the Credential Manager (1312): the variable is used then
            Map<String, String> right = new HashMap<>(env);
            right.put("VSSKIT_ONTAP_PASSWORD", password);
            right.put("VSSKIT_ONTAP_USER", "vsskit");
            windows.failNext = 1312;
            CliRun.Result noProfile = onWindows(right, "", "ontap", "ping");
            assertThat(noProfile.exitCode()).as(noProfile.err()).isZero();
            assertThat(windows.calls).last().isEqualTo("CredReadW vsskit:ontap/127.0.0.1:" + sim.address().getPort()
                    + " type 1");
        }
    }

    @Test
    void pingWithAnExportClixmlFileAndAnotherUsersFile() throws Exception {
        try (OntapSimulator sim = OntapSimulator.start(lab, 0)) {
            Path xml = tmp.resolve("ontap-cred.xml");
            Map<String, String> env = Map.of("VSSKIT_ONTAP_ADDRESS", sim.address().toString(), "VSSKIT_ONTAP_PIN",
                    OntapLab.certificateSha256(lab), "VSSKIT_ONTAP_CREDENTIALS", xml.toString());
            String password = labPassword();
            CliRun.Result set = onWindows(env, password + "\n", "ontap", "credential", "set", "--user", "vsskit",
                    "--clixml", xml.toString());
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains("Credential: " + xml, "Store: DPAPI-protected file (Export-Clixml) of"
                    + " CORP\\svc-vsskit on this computer");
            byte[] bytes = Files.readAllBytes(xml);
            assertThat(bytes).startsWith(0xff, 0xfe); // as Windows PowerShell's Export-Clixml writes it
            assertThat(new String(bytes, StandardCharsets.UTF_16LE)).contains("<S N=\"UserName\">vsskit</S>")
                    .contains("<SS N=\"Password\">01000000d08c9ddf0115d1118c7a00c04fc297eb").doesNotContain(password);
            assertThat(windows.vaults).as("nothing in the Credential Manager").isEmpty();

            CliRun.Result ping = onWindows(env, "", "ontap", "ping");
            assertThat(ping.exitCode()).as(ping.err()).isZero();
            CliRun.Result show = onWindows(env, "", "ontap", "credential", "show", "--clixml", xml.toString());
            assertThat(show.out()).contains("ONTAP user: vsskit");

            windows.user = "CORP\\someone-else";
            CliRun.Result other = onWindows(env, "", "ontap", "ping");
            assertThat(other.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(other.err()).startsWith("vsskit: the ONTAP credential file " + xml + " was written by another"
                    + " Windows user or on another computer").contains("re-create it as CORP\\someone-else")
                    .endsWith("'\n");
            assertThat(other.err().lines().count()).isEqualTo(1);
        }
    }

    @Test
    void onLinuxTheWindowsStoresAreRefusedInOneLine() throws Exception {
        CliRun.Result r = CliRun.run(Map.of("HOME", tmp.resolve("home").toString()), "--lab", lab.toString(), "ontap",
                "credential", "show", "--cluster", "c1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("vsskit: the Windows Credential Manager and DPAPI exist only on Windows (this is"
                + " Linux); use a credential file (mode 600) or VSSKIT_ONTAP_PASSWORD (docs/ontap.md)\n");
        Path xml = tmp.resolve("c.xml");
        Files.writeString(xml, "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"/>");
        CliRun.Result file = CliRun.run(Map.of("HOME", tmp.resolve("home").toString(), "VSSKIT_ONTAP_ADDRESS",
                "https://c1", "VSSKIT_ONTAP_CREDENTIALS", xml.toString()), "--lab", lab.toString(), "ontap", "ping");
        assertThat(file.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(file.err()).contains("is a DPAPI-protected PowerShell credential (Export-Clixml): only Windows can"
                + " decrypt it");
    }
}
