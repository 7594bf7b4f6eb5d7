package dev.vsskit.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UncTest {
    @Test
    void parsesServerShareAndPath() {
        var u = OntapVolumeResolver.Unc.parse("\\\\svm1\\hvshare\\file01\\Virtual Hard Disks\\file01.vhdx");
        assertThat(u.server()).isEqualTo("svm1");
        assertThat(u.share()).isEqualTo("hvshare");
        assertThat(u.path()).isEqualTo("file01/Virtual Hard Disks/file01.vhdx");
        assertThat(OntapVolumeResolver.Unc.parse("\\\\svm1.lab.local\\hvshare\\").path()).isEmpty();
        assertThatThrownBy(() -> OntapVolumeResolver.Unc.parse("C:\\x")).hasMessageContaining("not a share path");
    }
}
