package dev.vsskit.vss.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.windows.ComInterfaces.DiffMgmt;
import dev.vsskit.vss.windows.ComInterfaces.EnumMgmtObject;
import dev.vsskit.vss.windows.ComInterfaces.SnapshotMgmt;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code IVssSnapshotMgmt} (CLSID_VssSnapshotMgmt) and the system provider's
 * {@code IVssDifferentialSoftwareSnapshotMgmt}: the volumes eligible for shadow copies and their shadow storage
 * (diff areas). Used on the COM thread only; every string VSS returns is freed with CoTaskMemFree.
 */
final class ComSnapshotMgmt implements AutoCloseable {

    static final VssId CLSID_VSS_SNAPSHOT_MGMT = VssId.parse("{0b5a2c52-3eb9-470a-96e2-6c6d4570e40f}");
    static final VssId IID_IVSS_SNAPSHOT_MGMT = VssId.parse("{fa7df749-66e7-4986-a27f-e2f04ae53772}");
    static final VssId IID_IVSS_DIFFERENTIAL_SOFTWARE_SNAPSHOT_MGMT = VssId.parse("{214a0f28-b737-4026-b847-4f9e37d79529}");
    /** The Microsoft Software Shadow Copy provider 1.0 (the system provider), whose volumes vssadmin lists. */
    static final VssId SYSTEM_PROVIDER = VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}");
    static final int CLSCTX_ALL = 0x17;
    /** VSS_MGMT_OBJECT_TYPE. */
    static final int VSS_MGMT_OBJECT_VOLUME = 1;
    static final int VSS_MGMT_OBJECT_DIFF_AREA = 3;
    static final int VSS_CTX_ALL = 0xffffffff;

    /** One diff-area association as VSS reports it (sizes in bytes; maximum -1 is no limit). */
    record DiffArea(String volumeName, String diffAreaVolumeName, long maximum, long allocated, long used) {
        OptionalLong maximumBytes() {
            return maximum < 0 ? OptionalLong.empty() : OptionalLong.of(maximum);
        }
    }

    private final VssNative nat;
    private Pointer self;

    ComSnapshotMgmt(VssNative nat) {
        this.nat = nat;
        PointerByReference out = new PointerByReference();
        ComThread.check(nat.coCreateInstance(NativeData.guid(CLSID_VSS_SNAPSHOT_MGMT), CLSCTX_ALL,
                NativeData.guid(IID_IVSS_SNAPSHOT_MGMT), out), "CoCreateInstance(VssSnapshotMgmt)");
        self = out.getValue();
    }

    /** QueryVolumesSupportedForSnapshots(system provider, VSS_CTX_ALL): volume GUID name and display path. */
    List<String[]> volumes() {
        PointerByReference en = new PointerByReference();
        int hr = SnapshotMgmt.QUERY_VOLUMES_SUPPORTED_FOR_SNAPSHOTS.call(self, NativeData.byValue(SYSTEM_PROVIDER),
                VSS_CTX_ALL, en.getPointer());
        ComThread.check(hr, SnapshotMgmt.QUERY_VOLUMES_SUPPORTED_FOR_SNAPSHOTS);
        List<String[]> out = new ArrayList<>();
        ComStruct vol = ComStruct.VOLUME_PROP;
        each(hr, en.getValue(), VSS_MGMT_OBJECT_VOLUME, p -> out.add(new String[] {
            take(p, vol.offset("m_pwszVolumeName")), take(p, vol.offset("m_pwszVolumeDisplayName"))}));
        return out;
    }

    /** The diff areas of one volume (QueryDiffAreasForVolume on the system provider's management interface). */
    List<DiffArea> diffAreasForVolume(String volumeName) {
        PointerByReference diff = new PointerByReference();
        ComThread.check(SnapshotMgmt.GET_PROVIDER_MGMT_INTERFACE.call(self, NativeData.byValue(SYSTEM_PROVIDER),
                NativeData.guidMemory(IID_IVSS_DIFFERENTIAL_SOFTWARE_SNAPSHOT_MGMT), diff.getPointer()),
                SnapshotMgmt.GET_PROVIDER_MGMT_INTERFACE);
        List<DiffArea> out = new ArrayList<>();
        try {
            PointerByReference en = new PointerByReference();
            int hr = DiffMgmt.QUERY_DIFF_AREAS_FOR_VOLUME.call(diff.getValue(), NativeData.utf16(volumeName), en.getPointer());
            ComThread.check(hr, DiffMgmt.QUERY_DIFF_AREAS_FOR_VOLUME);
            ComStruct da = ComStruct.DIFF_AREA_PROP;
            each(hr, en.getValue(), VSS_MGMT_OBJECT_DIFF_AREA, p -> out.add(new DiffArea(
                    take(p, da.offset("m_pwszVolumeName")), take(p, da.offset("m_pwszDiffAreaVolumeName")),
                    p.getLong(da.offset("m_llMaximumDiffSpace")), p.getLong(da.offset("m_llAllocatedDiffSpace")),
                    p.getLong(da.offset("m_llUsedDiffSpace")))));
        } finally {
            ComThread.release(diff.getValue());
        }
        return out;
    }

    /** Reads an IVssEnumMgmtObject to its end (S_FALSE from the query: nothing), then releases it. */
    private void each(int queryHr, Pointer en, int type, java.util.function.Consumer<Pointer> read) {
        if (en == null) { // S_FALSE: nothing
            return;
        }
        ComStruct mo = ComStruct.MGMT_OBJECT_PROP;
        try {
            while (true) {
                Memory prop = ComThread.out(mo.size());
                Memory fetched = ComThread.out(4);
                ComThread.check(EnumMgmtObject.NEXT.call(en, 1, prop, fetched), EnumMgmtObject.NEXT);
                if (fetched.getInt(0) == 0) {
                    return;
                }
                if (prop.getInt(mo.offset("Type")) == type) {
                    read.accept(prop.share(mo.offset("Obj")));
                }
            }
        } finally {
            ComThread.release(en);
        }
    }

    /** The string at {@code offset} of {@code p}, then CoTaskMemFree of it. */
    private String take(Pointer p, int offset) {
        Pointer s = p.getPointer(offset);
        if (s == null) {
            return "";
        }
        try {
            return NativeData.readUtf16(s);
        } finally {
            nat.coTaskMemFree(s);
        }
    }

    @Override
    public void close() {
        ComThread.release(self);
        self = null;
    }
}
