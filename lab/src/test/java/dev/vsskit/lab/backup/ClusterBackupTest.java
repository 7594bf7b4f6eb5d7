package dev.vsskit.lab.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-node lab at the level of the backup session: the CSV writer of the requesting node reports and
 * proxies the other node's VMs, the CSVs are in redirected I/O only while the set is created, and a node
 * that goes down fails its components, not the set.
 */
class ClusterBackupTest {

    @TempDir
    Path tmp;
    Path lab;

    @BeforeEach
    void twoNodes() {
        lab = LabInit.create(tmp.resolve("lab"), false, LabInit.clusterConfig(VssId::random, 2)).dir();
    }

    private static WriterMetadata writer(List<WriterMetadata> all, VssId id) {
        return all.stream().filter(m -> m.writerId().equals(id)).findFirst().orElseThrow();
    }

    private static void add(BackupSession s, WriterMetadata w, String vmName) {
        WriterComponent c = w.components().stream().filter(x -> x.caption().equals(vmName)).findFirst().orElseThrow();
        s.addComponent(w.instanceId(), w.writerId(), c.logicalPath(), c.name());
    }

    @Test
    void redirectedIoLastsOnlyWhileTheSnapshotIsCreatedAndTheOtherNodesVmComesThroughTheCsvWriter() {
        try (LabHost host = LabHost.open(lab)) {
            LabCluster cluster = host.cluster();
            LabConfig.LabVm web01 = host.config().vm("web01").orElseThrow();
            assertThat(cluster.ownerOf(web01)).isEqualTo("HV-LAB-02");
            LabBackupTarget target = new LabBackupTarget(host);
            try (BackupSession s = target.openBackupSession(BackupProgressListener.NONE)) {
                s.initializeForBackup();
                s.setContext(SnapshotContext.APP_ROLLBACK);
                s.setBackupState(true, false, BackupType.FULL, false);
                List<WriterMetadata> metadata = s.gatherWriterMetadata();
                WriterMetadata hyperV = writer(metadata, BackupService.HYPER_V_WRITER);
                WriterMetadata csv = writer(metadata, BackupService.CSV_WRITER);
                // each node's Hyper-V writer reports its own VMs; the CSV writer reports the other node's
                assertThat(hyperV.components()).extracting(WriterComponent::caption).contains("sql01")
                        .doesNotContain("web01");
                assertThat(csv.components()).extracting(WriterComponent::caption).containsExactly("web01");
                assertThat(csv.components().get(0).logicalPath()).isEqualTo("HV-LAB-02");
                add(s, hyperV, "sql01");
                add(s, csv, "web01");
                VssId set = s.startSnapshotSet();
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
                s.prepareForBackup();
                LabCluster.CsvState during = csvState(cluster, "Volume1");
                assertThat(during.backupSet()).as("backup in progress from PrepareForBackup").isEqualTo(set);
                assertThat(during.redirectedSince()).as("direct I/O before the snapshot is created").isNull();

                Instant creationStart = host.clock().now();
                s.doSnapshotSet();
                Instant creationEnd = host.clock().now();

                assertThat(csvState(cluster, "Volume1").redirectedSince()).as("direct I/O after creation").isNull();
                List<LabCluster.RedirectedWindow> windows = cluster.redirectedHistory();
                assertThat(windows).hasSize(1);
                LabCluster.RedirectedWindow w = windows.get(0);
                assertThat(w.volume()).isEqualTo("Volume1");
                assertThat(w.snapshotSet()).isEqualTo(set);
                assertThat(w.start()).isAfterOrEqualTo(creationStart).isBefore(w.end());
                assertThat(w.end()).isBeforeOrEqualTo(creationEnd);
                // both nodes' Hyper-V writers were frozen and thawed in this one set
                List<LabCluster.Event> log = cluster.log().stream().filter(e -> set.equals(e.snapshotSet())).toList();
                for (String node : List.of("HV-LAB-01", "HV-LAB-02")) {
                    for (String event : List.of("Freeze", "Thaw")) {
                        assertThat(log).as(node + " " + event).anyMatch(e -> e.node().equals(node)
                                && e.source().equals("Microsoft Hyper-V VSS Writer") && e.event().equals(event));
                    }
                }
                s.gatherWriterStatus();
                assertThat(s.componentFailures()).isEmpty();
                s.setBackupSucceeded(hyperV.instanceId(), hyperV.writerId(), "", hyperV.components().stream()
                        .filter(c -> c.caption().equals("sql01")).findFirst().orElseThrow().name(), true);
                s.backupComplete();
                assertThat(csvState(cluster, "Volume1").backupSet()).as("no backup state after BackupComplete").isNull();
            }
        }
    }

    @Test
    void aNodeThatGoesDownFailsItsComponentsNotTheSet() {
        try (LabHost host = LabHost.open(lab)) {
            host.cluster().setDown("HV-LAB-02", "PrepareForSnapshot");
            LabBackupTarget target = new LabBackupTarget(host);
            try (BackupSession s = target.openBackupSession(BackupProgressListener.NONE)) {
                s.initializeForBackup();
                s.setContext(SnapshotContext.APP_ROLLBACK);
                s.setBackupState(true, false, BackupType.FULL, false);
                List<WriterMetadata> metadata = s.gatherWriterMetadata();
                add(s, writer(metadata, BackupService.HYPER_V_WRITER), "sql01");
                add(s, writer(metadata, BackupService.CSV_WRITER), "web01");
                s.startSnapshotSet();
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
                s.prepareForBackup();
                s.doSnapshotSet();
                List<ComponentFailure> failures = s.componentFailures();
                assertThat(failures).singleElement().satisfies(f -> {
                    assertThat(f.logicalPath()).isEqualTo("HV-LAB-02");
                    assertThat(f.message()).isEqualTo("its owner node HV-LAB-02 went down at PrepareForSnapshot");
                });
                assertThat(s.gatherWriterStatus()).allSatisfy(w -> assertThat(w.state().isFailed()).isFalse());
            }
            assertThat(host.cluster().down("HV-LAB-02")).get().extracting(LabCluster.NodeDown::atPhase).isNull();
            assertThat(csvState(host.cluster(), "Volume1").backupSet()).as("closed without BackupComplete").isNull();
            assertThat(host.writers()).allSatisfy(w -> assertThat(w.state().isFailed()).isFalse());
        }
    }

    private static LabCluster.CsvState csvState(LabCluster cluster, String volume) {
        return cluster.state().csvs().stream().filter(c -> c.volume().equals(volume)).findFirst().orElseThrow();
    }

    @Test
    void theHostsCsvViewThatDoctorReadsFollowsTheClustersOwnState() {
        try (LabHost host = LabHost.open(lab)) {
            LabCluster cluster = host.cluster();
            List<String> csvKeys = cluster.state().csvs().stream().map(LabCluster.CsvState::volume).toList();
            assertThat(host.clusterSharedVolumes().orElseThrow()).hasSize(csvKeys.size())
                    .allSatisfy(c -> assertThat(c.ioMode()).isEqualTo(ClusterSharedVolume.IoMode.DIRECT));
            VssId set = VssId.random();
            java.time.Instant now = java.time.Instant.parse("2026-12-06T01:00:00Z");
            // A live backup creating its set: redirected while the snapshot is made, direct again after.
            cluster.backupStarted(set, "HV-LAB-01", List.of(csvKeys.get(0)), now);
            cluster.redirect(set, "HV-LAB-01", List.of(csvKeys.get(0)), true, now);
            assertThat(host.clusterSharedVolumes().orElseThrow().get(0)).satisfies(c -> {
                assertThat(c.ioMode()).isEqualTo(ClusterSharedVolume.IoMode.FILE_SYSTEM_REDIRECTED);
                assertThat(c.reason()).contains(set.toString()).contains("being created");
            });
            cluster.backupEnded(set, "HV-LAB-01", now.plusSeconds(1));
            assertThat(host.clusterSharedVolumes().orElseThrow().get(0).ioMode())
                    .isEqualTo(ClusterSharedVolume.IoMode.DIRECT);
            // A backup whose process is gone leaves its CSV in backup state: the host reports it redirected.
            cluster.update(st -> new LabCluster.State(st.owners(), st.down(), st.csvs().stream()
                    .map(c -> c.volume().equals(csvKeys.get(1)) ? new LabCluster.CsvState(c.volume(), c.coordinator(),
                            set, "HV-LAB-02", Long.MAX_VALUE, now, now) : c).toList()));
            assertThat(host.clusterSharedVolumes().orElseThrow().get(1)).satisfies(c -> {
                assertThat(c.ioMode()).isEqualTo(ClusterSharedVolume.IoMode.FILE_SYSTEM_REDIRECTED);
                assertThat(c.reason()).contains("process is gone").contains("clear-backup-state");
            });
        }
    }
}
