package dev.vsskit.cli.shell;

import static dev.vsskit.cli.shell.ShellTestSupport.idAfter;
import static dev.vsskit.cli.shell.ShellTestSupport.shell;
import static dev.vsskit.cli.shell.ShellTestSupport.vsskit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.session.BackupComponentsDocument;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * diskshadow's restore in {@code vsskit shell}: {@code load metadata}, {@code begin restore} (PreRestore),
 * {@code revert}, {@code end restore} (PostRestore) on the lab, and what goes wrong on the way.
 */
class ShellRestoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HYPER_V = "Microsoft Hyper-V VSS Writer";
    private static final String CSV_PROVIDER = "{400a2ff4-5eb1-44b0-8a05-1fcac0bcf9ff}";

    @TempDir
    Path tmp;
    Path lab;
    Path home;
    Path meta;
    Path vhdx;
    String vhdxInVolume;

    @BeforeEach
    void lab() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        lab = CliRun.fixedLab(tmp.resolve("lab"));
        meta = tmp.resolve("metadata/backup.xml");
        try (LabHost host = LabHost.open(lab)) {
            LabVm sql01 = host.config().vms().stream().filter(v -> v.name().equals("sql01")).findFirst().orElseThrow();
            vhdxInVolume = sql01.vhdx();
            vhdx = host.volumeData(sql01.volume()).resolve(vhdxInVolume);
        }
    }

    /** diskshadow's backup of the VMs' CSV volume (persistent, with writers); returns the shadow id. */
    private String backup() throws Exception {
        Path script = tmp.resolve("backup.dsh");
        Files.writeString(script, String.join("\n",
                "set context persistent",
                "set metadata " + meta,
                "begin backup",
                "add volume C:\\ClusterStorage\\Volume1\\ provider " + CSV_PROVIDER + " alias csv1",
                "create",
                "end backup", ""));
        CliRun.Result r = shell(home, lab, "", "-s", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(meta).exists();
        return idAfter(r.out(), "Alias csv1 for shadow ID ");
    }

    private void overwriteVmBytes() throws Exception {
        CowVolumeStore.open(lab.resolve("volumes/Volume1")).write(vhdxInVolume, 65_536,
                "bytes the restore must undo".repeat(100).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            md.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The Hyper-V writer as {@code list writers -o json} shows it now. */
    private JsonNode hyperVWriter() throws Exception {
        return hyperVWriter(vsskit(home, lab, "-o", "json", "list", "writers").out());
    }

    private static JsonNode hyperVWriter(String listWritersJson) throws Exception {
        for (JsonNode w : JSON.readTree(listWritersJson)) {
            if (w.path("name").asText().equals(HYPER_V)) {
                return w;
            }
        }
        throw new AssertionError("no " + HYPER_V + " in " + listWritersJson);
    }

    /** The one line a diskshadow restore command prints when the Hyper-V writer fails {@code event} under the fault plan. */
    private static String failedLine(String command, String event) {
        return "vsskit: " + command + " failed: the writer '" + HYPER_V + "' failed " + event + ": lab fault plan: '"
                + HYPER_V + "' fails " + event + " with VSS_E_WRITERERROR_RETRYABLE (VSS_E_WRITERERROR_RETRYABLE, "
                + "0x800423f3); no restore is in progress; see `list writers status`";
    }

    private void fault(String phase) {
        CliRun.Result r = vsskit(home, lab, "lab", "fault", "writer", "--writer", HYPER_V, "--phase", phase,
                "--hresult", "VSS_E_WRITERERROR_RETRYABLE");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void diskshadowRoundTripBringsTheVmBytesBack() throws Exception {
        String before = sha256(vhdx);
        String shadowId = backup();
        overwriteVmBytes();
        assertThat(sha256(vhdx)).isNotEqualTo(before);

        Path script = tmp.resolve("restore.dsh");
        Files.writeString(script, String.join("\n",
                "# restore the CSV volume from the backup's shadow copy, inside the writers' restore",
                "set verbose on",
                "load metadata " + meta,
                "begin restore",
                "revert " + shadowId,
                "end restore",
                "list writers status", ""));
        CliRun.Result r = shell(home, lab, "", "-s", script.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith(String.join("\n",
                "The metadata file " + meta + " was loaded.",
                // sql01 and web01 live on Volume1; app01 (Volume2) and file01 (share) are not in the backup
                "Writer \"" + HYPER_V + "\" {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}: 2 component(s) to restore",
                "PreRestore was sent for the backup in " + meta + ".",
                "The volume C:\\ClusterStorage\\Volume1\\ was reverted to shadow copy " + shadowId + ".",
                "PostRestore was sent; the restore is complete.", ""))
                .endsWith(vsskit(home, lab, "list", "writers").out());
        assertThat(sha256(vhdx)).isEqualTo(before);
        JsonNode hyperV = hyperVWriter();
        assertThat(hyperV.path("state").asText()).isEqualTo("Stable");
        assertThat(hyperV.path("lastError").asText()).isEqualTo("No error");
    }

    @ParameterizedTest
    @CsvSource({"pre-restore, begin restore, PreRestore, 13", "post-restore, end restore, PostRestore, 14"})
    void writerFailingARestoreEventStopsTheRestoreWithItsHresult(String phase, String command, String event,
            int failedState) throws Exception {
        backup();
        fault(phase);

        CliRun.Result r = shell(home, lab, String.join("\n", "load metadata " + meta, "begin restore", "end restore",
                "end restore", "list writers -o json", "begin backup", "reset", ""));

        String noRestore = "vsskit: no restore is in progress; start one with `begin restore`\n";
        assertThat(r.err()).isEqualTo(failedLine(command, event) + "\n"
                + (phase.equals("pre-restore") ? noRestore + noRestore : noRestore));
        // as `list writers status` showed it right after (the next begin backup starts the writers afresh)
        JsonNode hyperV = hyperVWriter(r.out().replace(InteractiveShell.PROMPT, ""));
        assertThat(hyperV.path("stateCode").asInt()).isEqualTo(failedState); // VSS_WS_FAILED_AT_PRE/POST_RESTORE
        assertThat(hyperV.path("state").asText()).isEqualTo("Failed");
        assertThat(hyperV.path("lastErrorHResult").asText()).isEqualTo("0x800423f3");
    }

    @Test
    void restoreInProgressRefusesBackupAndResetSendsPostRestore() throws Exception {
        backup();
        // a PostRestore failure is how the writer's status shows that reset sent PostRestore
        fault("post-restore");

        CliRun.Result r = shell(home, lab, String.join("\n", "load metadata " + meta, "begin restore", "begin backup",
                "create", "begin restore", "load metadata " + meta, "reset", "begin restore", ""));

        assertThat(r.err()).isEqualTo(String.join("\n",
                "vsskit: begin backup is not allowed while a restore is in progress; `end restore` (or `reset`) first",
                "vsskit: create is not allowed while a restore is in progress; `end restore` (or `reset`) first",
                "vsskit: a restore is already in progress; `end restore` or `reset` first",
                "vsskit: load metadata is not allowed while a restore is in progress; `end restore` (or `reset`) first",
                "vsskit: the restore in progress was ended without `end restore`: its writers got PostRestore; "
                        + "see `list writers status`",
                // reset also forgot the loaded metadata
                "vsskit: begin restore needs the backup's metadata: `load metadata FILE` first (the file "
                        + "`set metadata` named when the backup ended)", ""));
        assertThat(hyperVWriter().path("stateCode").asInt()).isEqualTo(14);
    }

    @Test
    void leavingTheShellDuringARestoreSendsPostRestore() throws Exception {
        backup();
        fault("post-restore");

        CliRun.Result r = shell(home, lab, String.join("\n", "load metadata " + meta, "begin restore", "exit", ""));

        assertThat(r.err()).isEqualTo("vsskit: the restore in progress was ended without `end restore`: its writers "
                + "got PostRestore; see `list writers status`\n");
        assertThat(hyperVWriter().path("stateCode").asInt()).isEqualTo(14);
    }

    @Test
    void restoreRightAfterTheBackupNeedsNoLoad() throws Exception {
        String before = sha256(vhdx);
        CliRun.Result r = shell(home, lab, String.join("\n",
                "set context persistent",
                "set verbose on",
                "begin backup",
                "add volume C:\\ClusterStorage\\Volume1\\ provider " + CSV_PROVIDER,
                "create",
                "end backup",
                "begin restore",
                "revert %VSS_SHADOW_1%",
                "end restore", ""));
        assertThat(r.err()).isEmpty();
        assertThat(r.out().replace(InteractiveShell.PROMPT, "")).contains("\nPreRestore was sent for the backup just ended.\n")
                .contains("\nPostRestore was sent; the restore is complete.\n");
        assertThat(sha256(vhdx)).isEqualTo(before);
    }

    @Test
    void explicitlySelectedComponentsAreRecordedBackedUpAndRestored() throws Exception {
        CliRun.Result r = shell(home, lab, String.join("\n",
                "set context persistent",
                "set metadata " + meta,
                "writer exclude \"System Writer\"",
                "begin backup",
                "add volume C:\\ClusterStorage\\Volume1\\ provider " + CSV_PROVIDER,
                "create",
                "end backup",
                "set verbose on",
                "begin restore",
                "end restore", ""));

        assertThat(r.err()).isEmpty();
        // with an exclusion, components are selected explicitly: the VMs on Volume1, recorded as backed up
        BackupComponentsDocument bcd = BackupComponentsDocument.parse(Files.readString(meta));
        assertThat(bcd.selectComponents()).isTrue();
        assertThat(bcd.components()).hasSize(2).allSatisfy(c -> assertThat(c.backupSucceeded()).isTrue());
        assertThat(r.out()).contains("Writer \"" + HYPER_V + "\" {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}: "
                + "2 component(s) to restore\n");
    }

    @Test
    void badRestoreLinesAreOneLineErrors() throws Exception {
        Path corrupt = Files.writeString(tmp.resolve("corrupt.xml"), "<BackupComponents xmlns=\"urn:vsskit:bcd:1\"");
        Path other = Files.writeString(tmp.resolve("other.xml"), "<cab/>");
        Path missing = tmp.resolve("missing.xml");

        CliRun.Result r = shell(home, lab, String.join("\n",
                "end restore",
                "begin restore",
                "load metadata",
                "load metadata " + missing,
                "load metadata " + corrupt,
                "load metadata " + other,
                "begin restore now",
                "revert",
                "revert {00000000-0000-0000-0000-000000000001}",
                "reset", ""));

        assertThat(r.err()).isEqualTo(String.join("\n",
                "vsskit: no restore is in progress; start one with `begin restore`",
                "vsskit: begin restore needs the backup's metadata: `load metadata FILE` first (the file "
                        + "`set metadata` named when the backup ended)",
                "vsskit: use `load metadata FILE` (the file `set metadata` named at `end backup`)",
                "vsskit: load metadata: " + missing + " not found; give the file that `set metadata` named when the "
                        + "backup ended",
                "vsskit: load metadata: " + corrupt + " is not a usable Backup Components Document (the Backup "
                        + "Components Document is not well-formed XML: XML document structures must start and end "
                        + "within the same entity., VSS_E_CORRUPT_XML_DOCUMENT); give the file that `set metadata` "
                        + "named when the backup ended",
                "vsskit: load metadata: " + other + " is not a usable Backup Components Document (not a vsskit "
                        + "Backup Components Document (expected <BackupComponents xmlns=\"urn:vsskit:bcd:1\">), "
                        + "VSS_E_INVALID_XML_DOCUMENT); give the file that `set metadata` named when the backup ended",
                "vsskit: use `begin backup` or `begin restore`",
                "vsskit: revert takes one shadow copy id: `revert %VSS_SHADOW_1%`",
                "vsskit: shadow copy {00000000-0000-0000-0000-000000000001} not found; see `list shadows all`", ""));
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void revertRefusesShadowsItCannotRevert() throws Exception {
        CliRun.Result r = shell(home, lab, String.join("\n",
                "add volume C:\\ClusterStorage\\Volume1\\ provider " + CSV_PROVIDER,
                "create",
                "revert %VSS_SHADOW_1%",
                "reset",
                "set context persistent",
                "add volume C:\\ClusterStorage\\Volume2\\",
                "create",
                "revert %VSS_SHADOW_1%",
                ""));

        String[] err = r.err().split("\n");
        assertThat(err).hasSize(2);
        assertThat(err[0]).startsWith("vsskit: revert: shadow copy {").endsWith("} is not persistent (context Backup); "
                + "VSS reverts persistent shadow copies only: take them after `set context persistent` "
                + "(VSS_E_UNSUPPORTED_CONTEXT, 0x8004231b)");
        assertThat(err[1]).startsWith("vsskit: revert: shadow copy {").endsWith("} was made by 'Data ONTAP VSS Hardware "
                + "Provider', which does not revert volumes; restore a VM from its ONTAP snapshot with "
                + "`restore --vm NAME --backup NAME`");
    }
}
