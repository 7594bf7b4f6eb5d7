package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.LabBackupTarget;
import dev.vsskit.vss.store.StorageSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15's reproductions on a fresh lab: corrupt records, leftovers of a failed restore, bad input echoed. */
class NothingLostTest extends LabCliTest {

    List<String> ontapSnapshots(String volume) {
        try (LabHost host = LabHost.open(lab)) {
            return new LabBackupTarget(host).storage().orElseThrow().snapshots(volume).stream()
                    .map(StorageSnapshot::name).toList();
        }
    }

    int shadows() {
        try (LabHost host = LabHost.open(lab)) {
            return host.shadows().size();
        }
    }

    void corruptRecordIsOneLineErrorAndDeletable(String name, String corruption) throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", name).exitCode()).isZero();
        assertThat(ontapSnapshots("hv_csv1")).anyMatch(n -> n.startsWith(name + "__"));
        assertThat(shadows()).isEqualTo(1);
        Path record = lab.resolve("catalog").resolve(name + ".json");
        Files.writeString(record, corruption.isEmpty() ? Files.readString(record).substring(0, 100)
                : Files.readString(record).replaceFirst("\"started\" : \"[^\"]+\"", corruption));
        for (String[] verb : List.of(new String[] {"verify", "--backup", name},
                new String[] {"restore", "--vm", "web01", "--backup", name, "--to", tmp.resolve("r").toString()})) {
            CliRun.Result r = vsskit(verb);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).doesNotContain("internal error").contains("is corrupt")
                    .contains("vsskit delete backup " + name).hasLineCount(1);
        }
        CliRun.Result del = vsskit("delete", "backup", name);
        assertThat(del.exitCode()).as(del.err()).isZero();
        assertThat(del.out()).contains("its record was corrupt");
        assertThat(record).doesNotExist();
        assertThat(ontapSnapshots("hv_csv1")).noneMatch(n -> n.startsWith(name + "__"));
        assertThat(shadows()).isZero();
    }

    @Test
    void aRecordWithABadFieldIsReportedInOneLineAndDeleteBackupRemovesItAndWhatItNames() throws Exception {
        corruptRecordIsOneLineErrorAndDeletable("badfield", "\"started\" : \"yesterday\"");
    }

    @Test
    void aRecordThatIsNotEvenJsonIsDeletedWithTheSnapshotsNamedAfterIt() throws Exception {
        corruptRecordIsOneLineErrorAndDeletable("torn", "");
    }

    @Test
    void aFailedRestoreLeavesNoFolderAndNoPartialFileBehind() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "gone").exitCode()).isZero();
        String snapshot = ontapSnapshots("hv_csv1").stream().filter(n -> n.startsWith("gone__")).findFirst().orElseThrow();
        // the record names a snapshot that is no longer there (deleted behind vsskit's back)
        CliRun.Result del = vsskit("ontap", "snapshots", "delete", "--volume", "hv_csv1", "--name", snapshot);
        assertThat(del.exitCode()).as(del.err()).isZero();
        Path fresh = tmp.resolve("fresh");
        CliRun.Result r = vsskit("restore", "--vm", "web01", "--backup", "gone", "--to", fresh.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
        assertThat(fresh).as("the folder the restore created").doesNotExist();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = vsskit("restore", "--vm", "web01", "--backup", "gone", "--to", empty.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(empty).as("an empty folder the user gave stays, empty").isEmptyDirectory();
    }

    @Test
    void controlCharactersInInputAreEscapedAndAnOverlongNameIsCutInTheErrorLine() {
        CliRun.Result r = vsskit("restore", "--vm", "\u001b[31mevil\u0007\u202e");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                .contains("\\x1b[31mevil\\x07\\u202e").hasLineCount(1);
        String huge = "a".repeat(10_000);
        r = vsskit("restore", "--vm", huge);
        assertThat(r.exitCode()).isEqualTo(2);
        // the word cut is the quoted name: 10,000 characters and its two quotes
        assertThat(r.err()).hasLineCount(1).contains("...(10002 characters)").doesNotContain("a".repeat(201));
        assertThat(r.err().length()).isLessThan(1000);
    }

    @Test
    void aWriterFailingAtBackupCompleteIsAWarningInTextAndJson() throws Exception {
        CliRun.Result fault = vsskit("lab", "fault", "writer", "--writer", "Microsoft Hyper-V VSS Writer", "--phase",
                "backup-complete", "--hresult", "VSS_E_WRITERERROR_NONRETRYABLE");
        assertThat(fault.exitCode()).as(fault.err()).isZero();
        CliRun.Result json = vsskit("backup", "--vm", "web01", "--output", "json");
        assertThat(json.exitCode()).as("the snapshots are whole: the backup is usable").isZero();
        var warnings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).path("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).asText()).contains("Microsoft Hyper-V VSS Writer")
                .contains("FAILED_AT_BACKUP_COMPLETE");
        CliRun.Result text = vsskit("backup", "--vm", "web01");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("   Warning: writer 'Microsoft Hyper-V VSS Writer' is FAILED_AT_BACKUP_COMPLETE");
    }
}
