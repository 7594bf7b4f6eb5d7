package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabInit;
import dev.vsskit.ontap.LunIds;
import dev.vsskit.ontap.OntapVolumeResolver;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.LunRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vsskit lab init} seeds the simulator from the lab's own volumes; the client reaches it pinned. */
class OntapLabInitStepTest {

    @TempDir
    Path tmp;

    @Test
    void labInitSeedsTheClusterOfDocsLabMd() throws Exception {
        Path lab = LabInit.create(tmp.resolve("lab"), false).dir();
        assertThat(Files.getPosixFilePermissions(OntapLab.credentialsFile(lab)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(OntapLab.credentialsFile(lab))).startsWith("user=vsskit\npassword=");
        assertThat(OntapLab.certificateSha256(lab)).hasSize(64);
        try (OntapSimulator sim = OntapSimulator.start(lab, 0)) {
            assertThat(OntapLab.runningAddress(lab)).isEqualTo(sim.address());
            OntapClient client = new OntapClient(OntapLab.connection(lab, sim.address()), OntapClientListener.NONE);
            assertThat(client.cluster().name()).isEqualTo("cluster1");
            assertThat(client.cluster().version().toString()).isEqualTo("9.13.1");
            assertThat(client.svms()).extracting(s -> s.name()).containsExactly("svm1");
            assertThat(client.luns()).extracting(LunRecord::name, LunRecord::serialNumber).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("/vol/hv_csv1/csv1_lun", "80D4nK+x3Qa1"),
                    org.assertj.core.groups.Tuple.tuple("/vol/hv_csv2/csv2_lun", "80D4nK+x3Qa2"));
            OntapVolumeResolver resolver = new OntapVolumeResolver(client);
            assertThat(resolver.share("\\\\svm1\\hvshare\\file01\\x.vhdx")).map(s -> s.volumeName()).contains("hv_smb1");
            assertThat(resolver.volumePath("\\\\svm1\\hvshare\\file01\\x.vhdx")).contains("file01/x.vhdx");
            assertThat(resolver.lun(new dev.vsskit.vss.spi.LunInfo("NETAPP", "LUN C-Mode", "",
                    LunIds.naaFromSerial("80D4nK+x3Qa1")))).map(LunRecord::volumeName).contains("hv_csv1");
        }
        assertThat(Files.exists(OntapLab.addressFile(lab))).isFalse();
    }
}
