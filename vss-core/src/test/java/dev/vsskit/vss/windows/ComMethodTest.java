package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import dev.vsskit.vss.VssId;
import org.junit.jupiter.api.Test;

/** A call cannot drift from the table the header check verified: each argument must be passed as its C type says. */
class ComMethodTest {

    final Memory notCalled = new Memory(8);

    @Test
    void aGuidGivenByPointerWhereTheTableSaysByValueIsRefusedBeforeTheCall() {
        assertThatThrownBy(() -> ComInterfaces.BackupComponents.ADD_TO_SNAPSHOT_SET.call(notCalled,
                NativeData.utf16("C:\\"), NativeData.guidMemory(VssId.NULL), new Memory(16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IVssBackupComponents::AddToSnapshotSet (slot 37): argument 2 (VSS_ID) given as Memory");
    }

    @Test
    void aLongForALongIsRefusedAndTheArgumentCountIsChecked() {
        assertThatThrownBy(() -> ComInterfaces.BackupComponents.SET_CONTEXT.call(notCalled, 0xffffffffL))
                .hasMessageContaining("argument 1 (LONG) given as Long");
        assertThatThrownBy(() -> ComInterfaces.BackupComponents.SET_CONTEXT.call(notCalled))
                .hasMessageContaining("takes 1 arguments, not 0");
        assertThatThrownBy(() -> ComInterfaces.BackupComponents.SET_BACKUP_STATE.call(notCalled, 1, 0, 1, 0))
                .hasMessageContaining("argument 1 (boolean) given as Integer");
    }

    @Test
    void aTypeWithoutAPassingRuleIsAnErrorInTheTable() {
        assertThatThrownBy(() -> ComMethod.of("IVssBackupComponents", 35, "SetContext", "LONGLONG"))
                .hasMessageContaining("no Java passing rule for C type 'LONGLONG'");
    }
}
