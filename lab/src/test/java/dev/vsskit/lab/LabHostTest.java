package dev.vsskit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.internal.LabException;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabHostTest {

    @TempDir
    Path tmp;
    Path lab;

    @BeforeEach
    void lab() {
        lab = LabInit.create(tmp.resolve("lab"), false).dir();
    }

    @Test
    void readsProvidersWritersAndVolumesFromLabJson() {
        LabHost host = LabHost.open(lab);
        assertThat(host.computerName()).isEqualTo("HV-LAB-01.lab.local");
        assertThat(host.providers()).extracting(p -> p.id().toString())
                .contains("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}");
        assertThat(host.writers()).allSatisfy(w -> {
            assertThat(w.state()).isEqualTo(WriterState.STABLE);
            assertThat(w.lastError()).isEqualTo(WriterError.NO_ERROR);
        });
        assertThat(host.volumes()).extracting(v -> v.path())
                .containsExactly("C:\\", "C:\\ClusterStorage\\Volume1\\", "C:\\ClusterStorage\\Volume2\\", "\\\\svm1\\hvshare\\");
        assertThat(host.volumes().get(0).name()).matches("\\\\\\\\\\?\\\\Volume\\{[0-9a-f-]{36}}\\\\");
        assertThat(host.shadows()).isEmpty();
    }

    @Test
    void theHostSeamNamesTheLabsCatalogEventLogAndVms() {
        LabHost host = LabHost.open(lab);
        assertThat(host.catalogFolder()).contains(lab.resolve("catalog"));
        assertThat(host.eventLogFile("Application")).contains(lab.resolve("events/Application.evtx"));
        assertThat(host.eventLogFile("Microsoft-Windows-Hyper-V-VMMS/Admin"))
                .contains(lab.resolve("events/Microsoft-Windows-Hyper-V-VMMS%Admin.evtx"));
        assertThat(host.virtualMachineNames()).containsExactlyElementsOf(
                host.config().vms().stream().map(LabConfig.LabVm::name).toList()).isNotEmpty();
    }

    @Test
    void exposeUnexposeAndRevertWorkOnTheShadowsCopyOnWriteStore() throws IOException {
        LabHost host = LabHost.open(lab);
        dev.vsskit.lab.storage.CowVolumeStore c = dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve("volumes/C"));
        c.create("data/a.txt", "before".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        VssId shadowId;
        try (dev.vsskit.vss.session.BackupSession s = host.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.NAS_ROLLBACK);
            s.startSnapshotSet();
            shadowId = s.addToSnapshotSet("C:\\", VssId.NULL);
            s.doSnapshotSet();
        }
        c.replace("data/a.txt", "after".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        c.create("data/new.txt", new byte[3]);

        Path at = tmp.resolve("exposed");
        assertThat(host.exposeShadow(shadowId, at)).isEqualTo(at.toString());
        assertThat(Files.readString(at.resolve("data/a.txt"))).isEqualTo("before");
        assertThat(at.resolve("data/new.txt")).doesNotExist();
        assertThatThrownBy(() -> host.exposeShadow(shadowId, at)).isInstanceOf(LabException.class)
                .hasMessage("cannot expose at " + at + ": not an empty folder");
        host.unexposeShadow(at);
        assertThat(at).doesNotExist();

        host.revertToShadow(shadowId);
        assertThat(new String(c.readLive("data/a.txt"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("before");
        assertThat(c.liveFiles()).doesNotContain("data/new.txt");
        VssId unknown = VssId.parse("{00000000-0000-0000-0000-000000000001}");
        assertThatThrownBy(() -> host.revertToShadow(unknown)).isInstanceOf(LabException.class)
                .hasMessage("shadow copy " + unknown + " not found; see `list shadows all`");
    }

    @Test
    void writerStatusFileOverridesStateByInstanceId() {
        LabHost host = LabHost.open(lab);
        Writer sys = host.writers().get(2);
        host.writerStatus().save(List.of(new Writer(sys.name(), sys.writerId(), sys.instanceId(),
                WriterState.FAILED_AT_PREPARE_SNAPSHOT, WriterError.RETRYABLE)));
        List<Writer> writers = LabHost.open(lab).writers();
        assertThat(writers.get(2).state()).isEqualTo(WriterState.FAILED_AT_PREPARE_SNAPSHOT);
        assertThat(writers.get(2).lastError()).isEqualTo(WriterError.RETRYABLE);
        assertThat(writers.get(0).state()).isEqualTo(WriterState.STABLE);
    }

    @Test
    void shadowsRoundTripThroughLabShadowsAndUpdateIsAtomicUnderTheLock() throws IOException {
        LabHost host = LabHost.open(lab);
        Shadow s = new Shadow(VssId.random(), VssId.random(), 1, Instant.parse("2026-01-02T03:04:05Z"), "C:\\",
                host.volumes().get(0).name(), "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1", "a", "b",
                host.providers().get(0).id(), host.providers().get(0).name(), SnapshotContext.CLIENT_ACCESSIBLE,
                SnapshotContext.CLIENT_ACCESSIBLE.attributes());
        host.shadowFile().update(list -> {
            List<Shadow> next = new ArrayList<>(list);
            next.add(s);
            return next;
        });
        assertThat(LabHost.open(lab).shadows()).containsExactly(s);
        try (var files = Files.list(lab.resolve("vss"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shadows.json");
        }
        host.shadowFile().update(list -> List.of());
        assertThat(host.shadows()).isEmpty();
    }

    @Test
    void missingFolderMissingLabJsonAndCorruptJsonAreOneLineErrors() throws IOException {
        assertThatThrownBy(() -> LabHost.open(tmp.resolve("nope"))).isInstanceOf(LabException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("vsskit lab init");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> LabHost.open(empty)).hasMessageContaining("no lab.json");
        Files.writeString(lab.resolve("lab.json"), "{\"formatVersion\": 1, \"host\": {\"name\": 5}");
        assertThatThrownBy(() -> LabHost.open(lab)).isInstanceOf(LabException.class)
                .hasMessageStartingWith(lab.resolve("lab.json") + " is corrupt (")
                .hasMessageEndingWith("; " + fix())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aSectionThatDoesNotFitItsRecordFailsAtItsFirstUseWithTheSameOneLineError() throws IOException {
        Path json = lab.resolve("lab.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replaceFirst("\"writerId\": \"\\{[0-9a-f-]+}\"", "\"writerId\": \"not-a-guid\""));
        LabHost host = LabHost.open(lab);
        assertThat(host.computerName()).isEqualTo("HV-LAB-01.lab.local");
        assertThat(host.providers()).hasSize(4);
        String corrupt = json + " is corrupt ($.writers[0].writerId: expected a GUID, found \"not-a-guid\"); "
                + fix();
        assertThatThrownBy(host::writers).isInstanceOf(LabException.class).hasMessage(corrupt);
        assertThatThrownBy(host::config).isInstanceOf(LabException.class).hasMessage(corrupt);
        assertThat(Files.readString(json)).contains("not-a-guid");
    }

    @Test
    void theSectionsOpeningRequiresAreLabConfigsComponentsAfterTheFormatVersion() {
        assertThat(java.util.Arrays.stream(LabConfig.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).skip(1))
                .containsExactlyElementsOf(LabHost.SECTIONS);
    }

    @Test
    void aVmOnAVolumeLabJsonDoesNotHaveIsCorrupt() throws IOException {
        Path json = lab.resolve("lab.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"volume\": \"Volume1\"", "\"volume\": \"nope\""));
        LabHost host = LabHost.open(lab);
        assertThatThrownBy(host::config).isInstanceOf(LabException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(json + " is corrupt ($.vms[")
                        + "\\d+" + java.util.regex.Pattern.quote("].volume: no volume 'nope' in $.volumes); "
                        + fix()));
    }

    @Test
    void aMissingOrNullSectionOrABadFormatVersionFailsAtOpen() throws IOException {
        Path json = lab.resolve("lab.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"shadowStorage\":", "\"shadowStorageRenamed\":"));
        assertThatThrownBy(() -> LabHost.open(lab)).isInstanceOf(LabException.class)
                .hasMessage(json + " is corrupt ($: missing field 'shadowStorage'); " + fix());
        Files.writeString(json, text.replaceFirst("\"vms\": \\[", "\"vms\": null, \"old\": ["));
        assertThatThrownBy(() -> LabHost.open(lab)).hasMessageContaining("missing field 'vms'");
        Files.writeString(json, text.replace("\"formatVersion\": 1", "\"formatVersion\": \"1\""));
        assertThatThrownBy(() -> LabHost.open(lab))
                .hasMessageContaining("is corrupt ($.formatVersion: expected an integer, found \"1\")");
        Files.writeString(json, "[]");
        assertThatThrownBy(() -> LabHost.open(lab))
                .hasMessageContaining("is corrupt ($: expected an object, found an array)");
        Files.writeString(json, text.replaceFirst("\"providers\": \\[", "\"providers\": [null, "));
        assertThatThrownBy(() -> LabHost.open(lab).providers()).isInstanceOf(LabException.class)
                .hasMessageContaining("is corrupt ($.providers[0]: expected a value, found null)");
    }

    @Test
    void labJsonMustBeUtf8ButMayHoldAReplacementCharacter() throws IOException {
        Path json = lab.resolve("lab.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"HV-LAB-01\"", "\"HV-LAB-\uFFFD\""));
        assertThat(LabHost.open(lab).config().host().name()).isEqualTo("HV-LAB-\uFFFD");
        byte[] bad = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bad[text.indexOf("HV-LAB-01") + 7] = (byte) 0xC3; // a lead byte followed by ASCII: malformed
        Files.write(json, bad);
        assertThatThrownBy(() -> LabHost.open(lab)).isInstanceOf(LabException.class)
                .hasMessage(json + " is corrupt (not UTF-8 text); " + fix());
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        Path json = lab.resolve("lab.json");
        Files.writeString(json, Files.readString(json).replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        assertThatThrownBy(() -> LabHost.open(lab)).hasMessageContaining("format version 99");
    }

    @Test
    void shadowStorageOfCCountsTheSnapshotStore() throws IOException {
        Path snap = Files.createDirectories(lab.resolve("volumes/C/snapshots/x"));
        Files.write(snap.resolve("f"), new byte[1000]);
        var storage = LabHost.open(lab).shadowStorage();
        assertThat(storage).hasSize(1);
        assertThat(storage.get(0).usedBytes()).isEqualTo(1000);
        assertThat(storage.get(0).allocatedBytes()).isEqualTo(32L << 20);
        assertThat(storage.get(0).maximumBytes()).hasValue(127L * (1L << 30) / 10);
    }

    /** A corrupt lab's fix names that lab's folder, so the command copied as printed replaces this lab only. */
    private String fix() {
        return "recreate the lab with `vsskit lab init --dir " + LabInit.quoted(lab.toAbsolutePath().normalize())
                + " --force`";
    }
}
