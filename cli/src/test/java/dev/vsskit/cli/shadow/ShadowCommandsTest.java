package dev.vsskit.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.StdinCliRun;
import dev.vsskit.cli.Version;
import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.WriterState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create shadow, delete shadows, list shadows filters and lab fault, run in-process on a fresh lab. */
class ShadowCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path lab;
    private String banner;

    @BeforeEach
    void lab() {
        lab = CliRun.fixedLab(tmp.resolve("lab"));
        banner = "vsskit " + Version.get() + " - Volume Shadow Copy toolkit for Hyper-V on ONTAP\n"
                + "Host: " + LabHost.open(lab).computerName() + " (lab)\n\n";
    }

    private CliRun.Result vsskit(String... args) {
        return vsskitWithInput("", args);
    }

    private CliRun.Result vsskitWithInput(String stdin, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--lab";
        all[1] = lab.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return StdinCliRun.run(stdin, all);
    }

    private List<Shadow> shadows() {
        return LabHost.open(lab).shadows();
    }

    @Test
    void createShadowPrintsVssadminsSuccessText() {
        CliRun.Result r = vsskit("create", "shadow", "--for=C:");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        Shadow s = shadows().get(0);
        assertThat(r.out()).isEqualTo(banner
                + "Successfully created shadow copy for 'C:\\'\n"
                + "    Shadow Copy ID: " + s.shadowId() + "\n"
                + "    Shadow Copy Volume Name: \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\n");
        assertThat(s.context().typeName()).isEqualTo("ClientAccessible");
        assertThat(s.providerName()).isEqualTo("Microsoft Software Shadow Copy provider 1.0");
    }

    @Test
    void windowsSpellingsProviderAndContext() throws Exception {
        CliRun.Result r = vsskit("create", "shadow", "/For=C:\\ClusterStorage\\Volume1", "/provider={b5946137-7b9f-4925-af80-51abd60b20d5}",
                "--context", "ApplicationRollback", "--output", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.path("providerName").asText()).isEqualTo("Microsoft Software Shadow Copy provider 1.0");
        assertThat(j.path("type").asText()).isEqualTo("ApplicationRollback");
        assertThat(j.path("originalVolumePath").asText()).isEqualTo("C:\\ClusterStorage\\Volume1\\");
        // The writers took part (ApplicationRollback has writers) and are stable again.
        assertThat(LabHost.open(lab).writers()).allSatisfy(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
    }

    @Test
    void badInputIsAOneLineUsageError() {
        CliRun.Result noProvider = vsskit("create", "shadow", "--for=C:", "--provider", "Nope");
        assertThat(noProvider.exitCode()).isEqualTo(2);
        assertThat(noProvider.err()).isEqualTo("vsskit: Volume Shadow Copy Provider 'Nope' not found; see `vsskit list providers` for names and ids\n");
        CliRun.Result backup = vsskit("create", "shadow", "--for=C:", "--context", "Backup");
        assertThat(backup.exitCode()).isEqualTo(2);
        assertThat(backup.err()).contains("released as soon as the command ends");
        CliRun.Result noVolume = vsskit("create", "shadow", "--for=Q:");
        assertThat(noVolume.exitCode()).isEqualTo(1);
        assertThat(noVolume.err()).contains("'Q:' does not exist").contains("VSS_E_OBJECT_NOT_FOUND");
        CliRun.Result unsupported = vsskit("create", "shadow", "--for=C:", "--provider", "Microsoft CSV Shadow Copy Provider");
        assertThat(unsupported.err()).contains("VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER");
        assertThat(shadows()).isEmpty();
    }

    @Test
    void listShadowsFilters() throws Exception {
        vsskit("create", "shadow", "--for=C:");
        vsskit("create", "shadow", "--for=C:\\ClusterStorage\\Volume2\\");
        List<Shadow> all = shadows();
        assertThat(all).hasSize(2);
        JsonNode forC = JSON.readTree(vsskit("list", "shadows", "/for=C:", "-o", "json").out());
        assertThat(forC).hasSize(1);
        assertThat(forC.get(0).path("shadowId").asText()).isEqualTo(all.get(0).shadowId().toString());
        JsonNode bySet = JSON.readTree(vsskit("list", "shadows", "--set=" + all.get(1).setId(), "-o", "json").out());
        assertThat(bySet).hasSize(1);
        assertThat(bySet.get(0).path("originalVolumePath").asText()).isEqualTo("C:\\ClusterStorage\\Volume2\\");
        CliRun.Result none = vsskit("list", "shadows", "--for=C:\\ClusterStorage\\Volume1");
        assertThat(none.out()).isEqualTo(banner + "No items found that satisfy the query.\n");
    }

    @Test
    void deleteAsksAndNoAnswerMeansNo() {
        vsskit("create", "shadow", "--for=C:");
        vsskit("create", "shadow", "--for=C:");
        CliRun.Result declined = vsskit("delete", "shadows", "--for=C:");
        assertThat(declined.exitCode()).isZero();
        assertThat(declined.out()).isEqualTo(banner + "Do you really want to delete 2 shadow copies (Y/N): [N]? \n");
        assertThat(declined.err()).contains("nothing deleted");
        assertThat(shadows()).hasSize(2);

        CliRun.Result yes = vsskitWithInput("Y\n", "delete", "shadows", "/for=C:");
        assertThat(yes.out()).isEqualTo(banner + "Do you really want to delete 2 shadow copies (Y/N): [N]? \n"
                + "Successfully deleted 2 shadow copies.\n");
        assertThat(shadows()).isEmpty();
        assertThat(LabHost.open(lab).shadowStorage()).isNotNull();
    }

    @Test
    void deleteOldestShadowSetAllAndNotFound() throws Exception {
        vsskit("create", "shadow", "--for=C:");
        vsskit("create", "shadow", "--for=C:");
        vsskit("create", "shadow", "--for=C:\\ClusterStorage\\Volume1");
        List<Shadow> all = shadows();
        CliRun.Result oldest = vsskit("delete", "shadows", "--for=C:", "--oldest", "/quiet");
        assertThat(oldest.out()).isEqualTo(banner + "Successfully deleted 1 shadow copies.\n");
        assertThat(shadows()).extracting(Shadow::shadowId).containsExactly(all.get(1).shadowId(), all.get(2).shadowId());

        CliRun.Result bySet = vsskit("-q", "delete", "shadows", "--set=" + all.get(2).setId(), "-o", "json");
        assertThat(JSON.readTree(bySet.out()).path("deletedCount").asInt()).isEqualTo(1);

        String missing = "{00000000-0000-0000-0000-000000000001}";
        CliRun.Result notFound = vsskit("delete", "shadows", "--shadow=" + missing, "--quiet");
        assertThat(notFound.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notFound.err()).isEqualTo("vsskit: Shadow Copy ID: " + missing + " not found; see `vsskit list shadows`\n");

        CliRun.Result all2 = vsskit("delete", "shadows", "--all", "--quiet");
        assertThat(all2.out()).isEqualTo(banner + "Successfully deleted 1 shadow copies.\n");
        assertThat(shadows()).isEmpty();
        CliRun.Result empty = vsskit("delete", "shadows", "--all", "--quiet");
        assertThat(empty.out()).isEqualTo(banner + "No items found that satisfy the query.\n");
    }

    @Test
    void aSetInProgressElsewhereIsATransientFailure() throws Exception {
        long otherPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        java.nio.file.Files.writeString(lab.resolve("vss/set-in-progress.json"), "{\"snapshotSetId\": "
                + "\"{00000000-0000-0000-0000-0000000000aa}\", \"pid\": " + otherPid
                + ", \"started\": \"2026-11-24T10:00:00Z\"}");
        CliRun.Result r = vsskit("create", "shadow", "--for=C:", "--auto-retry", "0");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("already in progress").contains("VSS_E_SNAPSHOT_SET_IN_PROGRESS");
        assertThat(shadows()).isEmpty();
    }

    @Test
    void labFaultMakesCreateFailAndShowsInListWriters() throws Exception {
        CliRun.Result set = vsskit("lab", "fault", "writer", "--writer", "WMI Writer", "--phase", "freeze",
                "--hresult", "0x800423F1");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo(banner
                + "writer 'WMI Writer': at Freeze fails with VSS_E_WRITERERROR_OUTOFRESOURCES (0x800423f1)\n");
        CliRun.Result failed = vsskit("create", "shadow", "--for=C:", "--context", "ClientAccessibleWriters");
        // out of resources is retryable in the one failure table (VSS: wait and repeat), as the backup retries it
        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.err()).contains("WMI Writer").contains("VSS_E_WRITERERROR_OUTOFRESOURCES");
        assertThat(shadows()).isEmpty();
        JsonNode writers = JSON.readTree(vsskit("list", "writers", "-o", "json").out());
        JsonNode wmi = null;
        for (JsonNode w : writers) {
            if (w.path("name").asText().equals("WMI Writer")) {
                wmi = w;
            }
        }
        assertThat(wmi).isNotNull();
        assertThat(wmi.toString()).contains("Failed").contains("Out of resources");

        vsskit("lab", "fault", "provider", "--provider", "Microsoft Software Shadow Copy provider 1.0", "--veto");
        assertThat(vsskit("lab", "fault", "list").out()).isEqualTo(banner
                + "writer 'WMI Writer': at Freeze fails with VSS_E_WRITERERROR_OUTOFRESOURCES (0x800423f1)\n"
                + "provider 'Microsoft Software Shadow Copy provider 1.0': CommitSnapshots vetoes (VSS_E_PROVIDER_VETO)\n");
        CliRun.Result veto = vsskit("create", "shadow", "--for=C:");
        assertThat(veto.err()).contains("VSS_E_PROVIDER_VETO");
        vsskit("lab", "fault", "clear");
        assertThat(vsskit("lab", "fault", "list").out()).isEqualTo(banner + "No items found that satisfy the query.\n");
        assertThat(vsskit("create", "shadow", "--for=C:").exitCode()).isZero();
    }

    @Test
    void noTwoExistingShadowsShareADeviceNameWhateverTheirProvider() {
        // the ONTAP hardware provider (a backup of web01 on CSV 1) and the software provider (C:) number alike
        assertThat(vsskit("backup", "--vm", "web01").exitCode()).isZero();
        assertThat(vsskit("create", "shadow", "--for=C:").exitCode()).isZero();
        assertThat(vsskit("create", "shadow", "--for=C:\\ClusterStorage\\Volume2").exitCode()).isZero();
        List<String> devices = shadows().stream().map(Shadow::shadowVolume).toList();
        assertThat(devices).hasSize(3).doesNotHaveDuplicates()
                .allMatch(d -> d.startsWith("\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy"));
    }

    @Test
    void deleteShadowsProtectsTheShadowsOfCatalogedBackupsAndCountsOnlyWhatIsGone() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "web01", "--name", "keep-me", "--output", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(vsskit("create", "shadow", "--for=C:").exitCode()).isZero();
        CliRun.Result all = vsskit("delete", "shadows", "--all", "--quiet");
        assertThat(all.exitCode()).as("a shadow was not deleted as asked").isEqualTo(1);
        assertThat(all.out()).isEqualTo(banner + "Successfully deleted 1 shadow copies.\n"
                + "Skipped 1 shadow copies of the backups keep-me: delete those with `vsskit delete backup NAME`,"
                + " or add --force.\n");
        assertThat(shadows()).singleElement().satisfies(s -> assertThat(s.providerName())
                .isEqualTo("Data ONTAP VSS Hardware Provider"));
        assertThat(vsskit("list", "backups").out()).contains("keep-me");

        CliRun.Result forced = vsskit("delete", "shadows", "--all", "--quiet", "--force", "--output", "json");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        JsonNode j = JSON.readTree(forced.out());
        assertThat(j.path("deletedCount").asInt()).isEqualTo(1);
        assertThat(j.path("backups").get(0).asText()).isEqualTo("keep-me");
        assertThat(shadows()).isEmpty();
        assertThat(vsskit("list", "backups").out()).doesNotContain("keep-me");
        assertThat(LabHost.open(lab).dir().resolve("catalog/keep-me.json")).doesNotExist();
    }
}
