package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.ShadowStorage;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.windows.ComStruct;
import java.util.List;

/**
 * IVssSnapshotMgmt over the lab's volumes, and the system provider's IVssDifferentialSoftwareSnapshotMgmt over
 * its shadow storage: VSS_MGMT_OBJECT_PROP elements with CoTaskMem strings.
 */
final class ServedSnapshotMgmt extends ServedObject {

    static final int VSS_MGMT_OBJECT_VOLUME = 1;
    static final int VSS_MGMT_OBJECT_DIFF_AREA = 3;

    ServedSnapshotMgmt(ServedVss vss, LabHost host) {
        super(vss, "IVssSnapshotMgmt", 6);
        ComStruct mo = ComStruct.MGMT_OBJECT_PROP;
        set(3, (Fn.FGPP) (self, provider, iid, out) -> hr("GetProviderMgmtInterface", () -> {
            out.setPointer(0, new DiffMgmt(vss, host).pointer());
            return 0;
        }));
        set(4, (Fn.FGIP) (self, provider, context, out) -> hr("QueryVolumesSupportedForSnapshots", () -> {
            List<Volume> volumes = host.volumes();
            ComStruct v = ComStruct.VOLUME_PROP;
            out.setPointer(0, new ServedEnum<>(vss, "IVssEnumMgmtObject", volumes, VSS_MGMT_OBJECT_VOLUME, mo.size(),
                    mo.offset("Obj"), (Pointer p, Volume vol) -> {
                        p.setPointer(v.offset("m_pwszVolumeName"), vss.heap().string(vol.name()));
                        p.setPointer(v.offset("m_pwszVolumeDisplayName"), vss.heap().string(vol.path()));
                    }).pointer());
            return 0;
        }));
    }

    static final class DiffMgmt extends ServedObject {
        DiffMgmt(ServedVss vss, LabHost host) {
            super(vss, "IVssDifferentialSoftwareSnapshotMgmt", 9);
            ComStruct mo = ComStruct.MGMT_OBJECT_PROP;
            ComStruct d = ComStruct.DIFF_AREA_PROP;
            set(6, (Fn.FPP) (self, volume, out) -> hr("QueryDiffAreasForVolume", () -> {
                String name = dev.vsskit.vss.windows.NativeData.readUtf16(volume);
                List<ShadowStorage> areas = host.shadowStorage().stream()
                        .filter(s -> s.forVolumeName().equalsIgnoreCase(name)).toList();
                if (areas.isEmpty()) {
                    out.setPointer(0, Pointer.NULL);
                    return 1; // S_FALSE: no diff area for this volume
                }
                out.setPointer(0, new ServedEnum<>(vss, "IVssEnumMgmtObject", areas, VSS_MGMT_OBJECT_DIFF_AREA, mo.size(),
                        mo.offset("Obj"), (Pointer p, ShadowStorage s) -> {
                            p.setPointer(d.offset("m_pwszVolumeName"), vss.heap().string(s.forVolumeName()));
                            p.setPointer(d.offset("m_pwszDiffAreaVolumeName"), vss.heap().string(s.storageVolumeName()));
                            p.setLong(d.offset("m_llMaximumDiffSpace"), s.maximumBytes().orElse(-1L));
                            p.setLong(d.offset("m_llAllocatedDiffSpace"), s.allocatedBytes());
                            p.setLong(d.offset("m_llUsedDiffSpace"), s.usedBytes());
                        }).pointer());
                return 0;
            }));
        }
    }
}
