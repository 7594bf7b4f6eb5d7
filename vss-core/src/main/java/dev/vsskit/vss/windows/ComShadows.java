package dev.vsskit.vss.windows;

import com.sun.jna.Pointer;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssId;
import java.time.Instant;
import java.util.List;

/** VSS_SNAPSHOT_PROP as the binding reads it, and the {@link Shadow} record made from it. */
final class ComShadows {

    /** The context bits of a shadow's attributes (persistent, client accessible, no auto-release, no writers). */
    static final int CONTEXT_MASK = VolumeSnapshotAttributes.PERSISTENT | VolumeSnapshotAttributes.CLIENT_ACCESSIBLE
            | VolumeSnapshotAttributes.NO_AUTO_RELEASE | VolumeSnapshotAttributes.NO_WRITERS;

    record Props(VssId shadowId, VssId setId, int count, String device, String originalVolumeName,
            String originatingMachine, String serviceMachine, String exposedName, String exposedPath, VssId providerId,
            int attributes, Instant created, int status) {
    }

    private ComShadows() {
    }

    static Props read(Pointer p) {
        ComStruct s = ComStruct.SNAPSHOT_PROP;
        return new Props(NativeData.readGuid(p, s.offset("m_SnapshotId")), NativeData.readGuid(p, s.offset("m_SnapshotSetId")),
                p.getInt(s.offset("m_lSnapshotsCount")), str(p, s, "m_pwszSnapshotDeviceObject"),
                str(p, s, "m_pwszOriginalVolumeName"), str(p, s, "m_pwszOriginatingMachine"),
                str(p, s, "m_pwszServiceMachine"), str(p, s, "m_pwszExposedName"), str(p, s, "m_pwszExposedPath"),
                NativeData.readGuid(p, s.offset("m_ProviderId")), p.getInt(s.offset("m_lSnapshotAttributes")),
                NativeData.fromFileTime(p.getLong(s.offset("m_tsCreationTimestamp"))), p.getInt(s.offset("m_eStatus")));
    }

    private static String str(Pointer p, ComStruct s, String field) {
        String v = NativeData.readUtf16(p.getPointer(s.offset(field)));
        return v == null ? "" : v;
    }

    /** The shadow as vssadmin shows it: the volume's path from the host's volumes, the provider's name from its registration. */
    static Shadow toShadow(Props p, List<Volume> volumes, List<Provider> providers) {
        String path = volumes.stream().filter(v -> v.name().equalsIgnoreCase(p.originalVolumeName())).map(Volume::path)
                .findFirst().orElse(p.originalVolumeName());
        String providerName = providers.stream().filter(x -> x.id().equals(p.providerId())).map(Provider::name)
                .findFirst().orElse(p.providerId().toString());
        SnapshotContext context = SnapshotContext.of(p.attributes() & CONTEXT_MASK).orElse(SnapshotContext.BACKUP);
        return new Shadow(p.shadowId(), p.setId(), p.count(), p.created(), path, p.originalVolumeName(), p.device(),
                p.originatingMachine(), p.serviceMachine(), p.providerId(), providerName, context,
                new VolumeSnapshotAttributes(p.attributes()));
    }
}
