package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Expose, unexpose and revert of a shadow through the binding (slots 48-50, IVssBackupComponentsEx2 slot 53). */
class ServedExposeTest extends ServedLabTest {

    static final VssId SYSTEM_PROVIDER = VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}");

    Shadow persistentShadowOf(String volume) {
        try (BackupSession s = windows.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            s.addToSnapshotSet(volume, SYSTEM_PROVIDER); // the lab exposes and reverts its copy-on-write shadows
            return s.doSnapshotSet().shadows().get(0);
        }
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void exposeShowsTheShadowsFilesAndUnexposeRemovesThem() throws IOException {
        Shadow s = persistentShadowOf("C:\\ClusterStorage\\Volume1\\");
        Path at = tmp.resolve("exposed");
        String name = windows.exposeShadow(s.shadowId(), at);
        assertThat(name).isEqualTo(at.toAbsolutePath().normalize().toString());
        assertThat(files(at)).isNotEmpty().isEqualTo(files(lab.volumeData("Volume1")));
        assertThat(served.calls()).contains("IVssBackupComponents::ExposeSnapshot", "CoTaskMemFree");
        windows.unexposeShadow(at);
        assertThat(at).doesNotExist();
        assertThat(served.calls()).contains("IVssBackupComponents::QueryInterface", "IVssBackupComponents::UnexposeSnapshot");
        assertThatThrownBy(() -> windows.unexposeShadow(at)).isInstanceOfSatisfying(VssException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND));
    }

    @Test
    void revertPutsTheVolumeBackAsTheShadowHasIt() throws IOException {
        Shadow s = persistentShadowOf("C:\\ClusterStorage\\Volume1\\");
        Path file;
        try (Stream<Path> w = Files.walk(lab.volumeData("Volume1"))) {
            file = w.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] before = Files.readAllBytes(file);
        String relative = lab.volumeData("Volume1").relativize(file).toString().replace('\\', '/');
        // written through the volume's copy-on-write store, as the lab's VMs write
        dev.vsskit.lab.storage.CowVolumeStore.open(lab.dir().resolve("volumes/Volume1")).write(relative, 0,
                "changed after the shadow".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
        windows.revertToShadow(s.shadowId());
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(served.calls()).contains("IVssBackupComponents::RevertToSnapshot", "IVssBackupComponents::QueryRevertStatus");
    }
}
