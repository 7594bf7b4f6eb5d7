package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.NativeData;

/** Writes the VSS structures the served objects return, with the binding's (header-checked) layouts. */
final class ServedStructs {

    /** VSS_SNAPSHOT_STATE VSS_SS_CREATED. */
    static final int VSS_SS_CREATED = 12;

    private ServedStructs() {
    }

    static void snapshotProp(NativeHeap heap, Pointer p, Shadow s, String exposedName) {
        ComStruct t = ComStruct.SNAPSHOT_PROP;
        NativeData.writeGuid(p, t.offset("m_SnapshotId"), s.shadowId());
        NativeData.writeGuid(p, t.offset("m_SnapshotSetId"), s.setId());
        p.setInt(t.offset("m_lSnapshotsCount"), s.shadowsInSet());
        p.setPointer(t.offset("m_pwszSnapshotDeviceObject"), heap.string(s.shadowVolume()));
        p.setPointer(t.offset("m_pwszOriginalVolumeName"), heap.string(s.originalVolumeName()));
        p.setPointer(t.offset("m_pwszOriginatingMachine"), heap.string(s.originatingMachine()));
        p.setPointer(t.offset("m_pwszServiceMachine"), heap.string(s.serviceMachine()));
        p.setPointer(t.offset("m_pwszExposedName"), exposedName == null ? Pointer.NULL : heap.string(exposedName));
        p.setPointer(t.offset("m_pwszExposedPath"), Pointer.NULL);
        NativeData.writeGuid(p, t.offset("m_ProviderId"), s.providerId());
        p.setInt(t.offset("m_lSnapshotAttributes"), s.attributes().bits());
        p.setLong(t.offset("m_tsCreationTimestamp"), NativeData.toFileTime(s.created()));
        p.setInt(t.offset("m_eStatus"), VSS_SS_CREATED);
    }

    /** What VssFreeSnapshotProperties frees: every string of the structure. */
    static void freeSnapshotProp(NativeHeap heap, Pointer p) {
        ComStruct t = ComStruct.SNAPSHOT_PROP;
        for (String f : new String[] {"m_pwszSnapshotDeviceObject", "m_pwszOriginalVolumeName", "m_pwszOriginatingMachine",
            "m_pwszServiceMachine", "m_pwszExposedName", "m_pwszExposedPath"}) {
            Pointer s = p.getPointer(t.offset(f));
            if (s != null) {
                heap.free(s, NativeHeap.Kind.COTASKMEM, "VssFreeSnapshotProperties");
                p.setPointer(t.offset(f), Pointer.NULL);
            }
        }
    }
}
