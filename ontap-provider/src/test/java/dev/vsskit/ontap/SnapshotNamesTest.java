package dev.vsskit.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.VssId;
import org.junit.jupiter.api.Test;

class SnapshotNamesTest {

    @Test
    void nameCarriesBackupAndSetIdAndParsesBack() {
        VssId set = VssId.parse("{6f1c2e0a-1111-2222-3333-444455556666}");
        String name = SnapshotNames.of("smhv-ds_11-24-2026_10.00.00", set);
        assertThat(name).isEqualTo("smhv-ds_11-24-2026_10.00.00__6f1c2e0a-1111-2222-3333-444455556666");
        SnapshotNames.validate(name);
        assertThat(SnapshotNames.parse(name)).contains(new SnapshotNames.Parsed("smhv-ds_11-24-2026_10.00.00", set));
        assertThat(SnapshotNames.isVsskit(name, SnapshotNames.comment("smhv-ds_11-24-2026_10.00.00"))).isTrue();
    }

    @Test
    void othersNamesAreNotVsskits() {
        assertThat(SnapshotNames.parse("hourly.2026-11-24_1005")).isEmpty();
        assertThat(SnapshotNames.parse("snapmirror.1234_5678.2026")).isEmpty();
        String lookalike = "x__6f1c2e0a-1111-2222-3333-444455556666";
        assertThat(SnapshotNames.isVsskit(lookalike, "made by hand")).isFalse();
    }

    @Test
    void invalidNamesAreRefusedWithTheFix() {
        assertThatThrownBy(() -> SnapshotNames.of("bad name", VssId.random())).hasMessageContaining("a-z A-Z 0-9");
        assertThatThrownBy(() -> SnapshotNames.validate("a/b")).hasMessageContaining("invalid Snapshot copy name");
        assertThatThrownBy(() -> SnapshotNames.validate("snapmirror.x")).hasMessageContaining("reserves");
        assertThatThrownBy(() -> SnapshotNames.validate("x".repeat(256))).hasMessageContaining("1 to 255");
    }
}
