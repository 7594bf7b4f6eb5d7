package dev.vsskit.cli.ontap;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.ontap.LunIds;
import dev.vsskit.ontap.client.ClusterInfo;
import dev.vsskit.ontap.client.LunRecord;
import dev.vsskit.ontap.client.SnapshotInfo;

import java.io.PrintWriter;
import java.util.List;

/** How the {@code ontap} records look in text, JSON and CSV. */
final class OntapViews {

    private OntapViews() {
    }

    /** {@code ontap ping}: the cluster and where it was reached. */
    record Ping(ClusterInfo cluster, String address) {
    }

    static final RecordView<Ping> PING = new RecordView<>() {
        @Override
        public List<Field<Ping>> fields() {
            return List.of(Field.of("cluster", p -> p.cluster().name()), Field.of("uuid", p -> p.cluster().uuid()),
                    Field.of("version", p -> p.cluster().version().toString()),
                    Field.of("versionFull", p -> p.cluster().version().full()), Field.of("address", Ping::address),
                    Field.of("consistencyGroups", p -> p.cluster().version().hasConsistencyGroups()),
                    Field.of("twoPhaseCgSnapshots", p -> p.cluster().version().hasTwoPhaseCgSnapshots()));
        }

        @Override
        public void text(List<Ping> rows, PrintWriter out) {
            for (Ping p : rows) {
                out.println("ONTAP " + p.cluster().version() + " cluster " + p.cluster().name() + " at " + p.address());
            }
        }
    };

    static final RecordView<LunRecord> LUNS = new RecordView<>() {
        @Override
        public List<Field<LunRecord>> fields() {
            return List.of(Field.of("name", LunRecord::name), Field.of("serialNumber", LunRecord::serialNumber),
                    Field.of("naaId", l -> naa(l)), Field.of("volume", LunRecord::volumeName),
                    Field.of("svm", LunRecord::svmName), Field.of("osType", LunRecord::osType),
                    Field.of("sizeBytes", LunRecord::size), Field.of("mapped", LunRecord::mapped));
        }

        @Override
        public void text(List<LunRecord> rows, PrintWriter out) {
            for (LunRecord l : rows) {
                out.println("LUN: " + l.name());
                out.println("   Serial number: " + l.serialNumber());
                out.println("   NAA id: " + naa(l));
                out.println("   Volume: " + l.volumeName() + " (SVM " + l.svmName() + ")");
                out.println("   OS type: " + l.osType());
                out.println("   Mapped: " + (l.mapped() ? "yes" : "no"));
                out.println();
            }
        }
    };

    private static String naa(LunRecord l) {
        try {
            return LunIds.naaFromSerial(l.serialNumber());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static final RecordView<SnapshotInfo> SNAPSHOTS = new RecordView<>() {
        @Override
        public List<Field<SnapshotInfo>> fields() {
            return List.of(Field.of("volume", SnapshotInfo::volumeName), Field.of("name", SnapshotInfo::name),
                    Field.of("uuid", SnapshotInfo::uuid), Field.of("created", s -> s.created().toString()),
                    Field.of("comment", SnapshotInfo::comment),
                    Field.of("snapmirrorLabel", SnapshotInfo::snapmirrorLabel),
                    Field.of("expiryTime", s -> s.expiryTime().map(Object::toString).orElse(null)),
                    Field.of("owners", s -> List.copyOf(s.owners())), Field.of("state", SnapshotInfo::state));
        }

        @Override
        public void text(List<SnapshotInfo> rows, PrintWriter out) {
            for (SnapshotInfo s : rows) {
                out.println("Snapshot copy: " + s.name());
                out.println("   Volume: " + s.volumeName());
                out.println("   Created: " + s.created());
                if (!s.comment().isEmpty()) {
                    out.println("   Comment: " + s.comment());
                }
                if (!s.snapmirrorLabel().isEmpty()) {
                    out.println("   SnapMirror label: " + s.snapmirrorLabel());
                }
                s.expiryTime().ifPresent(t -> out.println("   Expires: " + t));
                if (!s.owners().isEmpty()) {
                    out.println("   Busy (owners): " + String.join(", ", s.owners()));
                }
                out.println();
            }
        }
    };
}
