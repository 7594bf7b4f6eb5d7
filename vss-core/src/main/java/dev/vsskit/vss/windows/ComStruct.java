package dev.vsskit.vss.windows;

import java.util.List;

/**
 * A C structure as the binding reads and writes it on Win64: size and the offset of each member it uses. The
 * header check asserts every {@code sizeof} and {@code offsetof} against the MinGW-w64 SDK headers.
 */
public record ComStruct(String cName, int size, List<Field> fields) {

    /** A member: C name (a path such as {@code Obj.Snap.m_SnapshotId} for union members) and byte offset. */
    public record Field(String name, int offset) {
    }

    public ComStruct {
        fields = List.copyOf(fields);
    }

    public int offset(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f.offset();
            }
        }
        throw new IllegalArgumentException(cName + " has no member " + name + " in the binding's table");
    }

    private static Field f(String name, int offset) {
        return new Field(name, offset);
    }

    /** VSS_SNAPSHOT_PROP (vss.h). */
    public static final ComStruct SNAPSHOT_PROP = new ComStruct("VSS_SNAPSHOT_PROP", 128, List.of(
            f("m_SnapshotId", 0), f("m_SnapshotSetId", 16), f("m_lSnapshotsCount", 32),
            f("m_pwszSnapshotDeviceObject", 40), f("m_pwszOriginalVolumeName", 48), f("m_pwszOriginatingMachine", 56),
            f("m_pwszServiceMachine", 64), f("m_pwszExposedName", 72), f("m_pwszExposedPath", 80),
            f("m_ProviderId", 88), f("m_lSnapshotAttributes", 104), f("m_tsCreationTimestamp", 112),
            f("m_eStatus", 120)));

    /** VSS_PROVIDER_PROP (vss.h). */
    public static final ComStruct PROVIDER_PROP = new ComStruct("VSS_PROVIDER_PROP", 72, List.of(
            f("m_ProviderId", 0), f("m_pwszProviderName", 16), f("m_eProviderType", 24), f("m_pwszProviderVersion", 32),
            f("m_ProviderVersionId", 40), f("m_ClassId", 56)));

    /** VSS_OBJECT_PROP (vss.h): a type, then the union (a snapshot or a provider). */
    public static final ComStruct OBJECT_PROP = new ComStruct("VSS_OBJECT_PROP", 136, List.of(
            f("Type", 0), f("Obj", 8), f("Obj.Snap", 8), f("Obj.Prov", 8)));

    /** VSS_COMPONENTINFO (vsbackup.h). */
    public static final ComStruct COMPONENT_INFO = new ComStruct("VSS_COMPONENTINFO", 72, List.of(
            f("type", 0), f("bstrLogicalPath", 8), f("bstrComponentName", 16), f("bstrCaption", 24), f("pbIcon", 32),
            f("cbIcon", 40), f("bRestoreMetadata", 44), f("bNotifyOnBackupComplete", 45), f("bSelectable", 46),
            f("bSelectableForRestore", 47), f("dwComponentFlags", 48), f("cFileCount", 52), f("cDatabases", 56),
            f("cLogFiles", 60), f("cDependencies", 64)));

    /** VSS_VOLUME_PROP (vsmgmt.h). */
    public static final ComStruct VOLUME_PROP = new ComStruct("VSS_VOLUME_PROP", 16, List.of(
            f("m_pwszVolumeName", 0), f("m_pwszVolumeDisplayName", 8)));

    /** VSS_DIFF_AREA_PROP (vsmgmt.h). */
    public static final ComStruct DIFF_AREA_PROP = new ComStruct("VSS_DIFF_AREA_PROP", 40, List.of(
            f("m_pwszVolumeName", 0), f("m_pwszDiffAreaVolumeName", 8), f("m_llMaximumDiffSpace", 16),
            f("m_llAllocatedDiffSpace", 24), f("m_llUsedDiffSpace", 32)));

    /** VSS_MGMT_OBJECT_PROP (vsmgmt.h): a type, then the union (a volume, a diff volume or a diff area). */
    public static final ComStruct MGMT_OBJECT_PROP = new ComStruct("VSS_MGMT_OBJECT_PROP", 48, List.of(
            f("Type", 0), f("Obj", 8), f("Obj.Vol", 8), f("Obj.DiffVol", 8), f("Obj.DiffArea", 8)));

    public static final List<ComStruct> ALL = List.of(SNAPSHOT_PROP, PROVIDER_PROP, OBJECT_PROP, COMPONENT_INFO,
            VOLUME_PROP, DIFF_AREA_PROP, MGMT_OBJECT_PROP);
}
