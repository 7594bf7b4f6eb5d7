package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The restore clone's name: what cleanup reads back from it, and only from names vsskit gives. */
class RestoreCloneNameTest {

    @Test
    void aNameReadsBackAsTheComputerProcessTimeAndSequence() {
        RestoreCloneName n = new RestoreCloneName("HV-LAB-01.lab.local", 4242, Instant.parse("2026-12-07T01:02:03Z"), 7);
        assertThat(n.baseName()).isEqualTo("vsskit_restore_HV-LAB-01.lab.local_4242_20261207010203_7")
                .matches("[A-Za-z0-9_.{}-]{1,255}");
        assertThat(RestoreCloneName.parse("/vol/hv_csv2/" + n.baseName())).contains(n);
        assertThat(n.madeOn("hv-lab-01.LAB.local")).isTrue();
        assertThat(n.madeOn("HV-LAB-02.lab.local")).isFalse();
    }

    @Test
    void charactersOntapDoesNotAllowInALunNameBecomeDashes() {
        RestoreCloneName n = new RestoreCloneName("HOST 1/x", 1, Instant.parse("2026-12-07T01:02:03Z"), 1);
        assertThat(n.baseName()).startsWith("vsskit_restore_HOST-1-x_1_");
        assertThat(n.madeOn("HOST 1/x")).isTrue();
    }

    @Test
    void otherNamesAreNotRestoreClones() {
        assertThat(RestoreCloneName.parse("/vol/hv_csv2/csv2_lun")).isEmpty();
        assertThat(RestoreCloneName.parse("/vol/hv_csv2/vsskit_restore_HOST_12_2026120701_1")).isEmpty();
        assertThat(RestoreCloneName.parse("/vol/hv_csv2/vsskit_verify_12_abcd")).isEmpty();
        assertThat(RestoreCloneName.parse("vsskit_restore_HOST_12_20261307010203_1")).isEmpty();
    }
}
