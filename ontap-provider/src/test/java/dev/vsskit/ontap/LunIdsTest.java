package dev.vsskit.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LunIdsTest {

    @Test
    void workedExampleFromOntapMd11BothDirections() {
        // multipath UUID 3600a098038314461522451712f316969 <-> serial 81DaR$Qq/1ii
        assertThat(LunIds.serialFromNaa("3600a098038314461522451712f316969")).isEqualTo("81DaR$Qq/1ii");
        assertThat(LunIds.naaFromSerial("81DaR$Qq/1ii")).isEqualTo("600a098038314461522451712f316969");
    }

    @Test
    void sevenModePrefixWindowsCaseAndNaaDotAreAccepted() {
        assertThat(LunIds.serialFromNaa("naa.60a98000486e542d4f5a2f47694d684b")).isEqualTo("HnT-OZ/GiMhK");
        assertThat(LunIds.serialFromNaa("600A098038314461522451712F316969")).isEqualTo("81DaR$Qq/1ii");
    }

    @Test
    void labSerialsRoundTrip() {
        for (String serial : new String[] {"80D4nK+x3Qa1", "80D4nK+x3Qa2"}) {
            String naa = LunIds.naaFromSerial(serial);
            assertThat(naa).hasSize(32).startsWith("600a0980");
            assertThat(LunIds.serialFromNaa(naa)).isEqualTo(serial);
        }
        assertThat(LunIds.naaFromSerial("80D4nK+x3Qa1")).isEqualTo("600a0980383044346e4b2b7833516131");
    }

    @Test
    void foreignOrMalformedIdsAreRefused() {
        assertThat(LunIds.isNetAppNaa("60080e50001234567890123456789012")).isFalse(); // E-Series
        assertThatThrownBy(() -> LunIds.serialFromNaa("600a0980zz")).hasMessageContaining("not a NetApp LUN NAA id");
        assertThatThrownBy(() -> LunIds.naaFromSerial("short")).hasMessageContaining("12 printable ASCII");
    }
}
