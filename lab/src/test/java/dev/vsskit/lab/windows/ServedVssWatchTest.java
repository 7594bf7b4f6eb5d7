package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.windows.ComInterfaces;
import dev.vsskit.vss.windows.ComInterfaces.BackupComponents;
import dev.vsskit.vss.windows.NativeData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served VSS's watch on the requester can fail: raw vtable calls that break the rules the binding keeps (COM
 * before CoInitializeSecurity, a prepared backup released without AbortBackup, a BSTR never freed) are reported.
 */
class ServedVssWatchTest {

    @TempDir
    Path tmp;

    @Test
    void aRequesterThatBreaksTheRulesIsReported() {
        LabHost lab = LabHost.open(LabInit.create(tmp.resolve("lab"), false).dir());
        ServedVss vss = new ServedVss(lab);
        PointerByReference bc = new PointerByReference();
        assertThat(vss.createVssBackupComponents(bc)).isZero(); // no CoInitializeEx, no CoInitializeSecurity
        Pointer self = bc.getValue();
        assertThat(BackupComponents.INITIALIZE_FOR_BACKUP.call(self, (Pointer) null)).isZero();
        assertThat(BackupComponents.SET_CONTEXT.call(self, 0x1d)).isZero();
        Memory set = new Memory(16);
        assertThat(BackupComponents.START_SNAPSHOT_SET.call(self, set)).isZero();
        assertThat(BackupComponents.ADD_TO_SNAPSHOT_SET.call(self, NativeData.utf16("C:\\"), NativeData.byValue(VssId.NULL),
                new Memory(16))).isZero();
        PointerByReference async = new PointerByReference();
        assertThat(BackupComponents.PREPARE_FOR_BACKUP.call(self, async.getPointer())).isZero();
        ComInterfaces.RELEASE.call(async.getValue());
        PointerByReference xml = new PointerByReference();
        assertThat(BackupComponents.SAVE_AS_XML.call(self, xml.getPointer())).isZero(); // the BSTR is never freed
        ComInterfaces.RELEASE.call(self); // no AbortBackup
        assertThat(vss.violations())
                .anySatisfy(v -> assertThat(v).contains("CreateVssBackupComponents before CoInitializeSecurity"))
                .anySatisfy(v -> assertThat(v).contains("released after PrepareForBackup without AbortBackup"));
        assertThat(vss.outstanding()).containsExactly("BSTR");
        vss.sysFreeString(xml.getValue());
        vss.sysFreeString(xml.getValue());
        assertThat(vss.violations()).anySatisfy(v -> assertThat(v).contains("freed twice"));
        lab.close();
    }
}
