package dev.vsskit.vss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VssIdTest {

    @Test
    void parsesWithOrWithoutBracesInAnyCaseAndPrintsLowerCaseInBraces() {
        VssId a = VssId.parse("{DDD3D232-A96F-4AC5-8F7B-250FD91FD102}");
        VssId b = VssId.parse("ddd3d232-a96f-4ac5-8f7b-250fd91fd102");
        assertThat(a).isEqualTo(b);
        assertThat(a.toString()).isEqualTo("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}");
    }

    @Test
    void rejectsWhatIsNotAGuid() {
        assertThatThrownBy(() -> VssId.parse("{ddd3d232-a96f-4ac5-8f7b}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a GUID");
        assertThatThrownBy(() -> VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd1zz}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(VssId.isValid("x")).isFalse();
    }
}
