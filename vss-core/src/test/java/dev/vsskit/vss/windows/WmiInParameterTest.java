package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The VARIANTs {@link Wmi#execMethod} puts as in-parameters, read back at the offsets of the header-checked table
 * ({@code WmiHeaderTest}): a uint32 as VT_I4, a string as a length-prefixed VT_BSTR, a boolean as VT_BOOL with
 * VARIANT_TRUE (-1); and what the reader ({@link Wmi#value}) makes of each.
 */
class WmiInParameterTest {

    @Test
    void anIntegerIsAnI4AtOffsetEight() {
        Wmi.InParameter p = Wmi.variant("RequestedState", 3);
        assertThat(p.variant().getShort(0)).isEqualTo((short) 3);
        assertThat(p.variant().getInt(8)).isEqualTo(3);
        assertThat(Wmi.value(p.variant())).isEqualTo(3L);
    }

    @Test
    void aStringIsABstrWithItsByteLengthBeforeIt() {
        Wmi.InParameter p = Wmi.variant("AccessPath", "C:\\mnt\\x\\");
        assertThat(p.variant().getShort(0)).isEqualTo((short) 8);
        Pointer bstr = p.variant().getPointer(8);
        assertThat(Pointer.nativeValue(bstr)).isEqualTo(Pointer.nativeValue(p.held()));
        assertThat(bstr.getInt(-4)).isEqualTo("C:\\mnt\\x\\".length() * 2);
        assertThat(Wmi.value(p.variant())).isEqualTo("C:\\mnt\\x\\");
    }

    @Test
    void aBooleanIsAVtBoolWithAllBitsSetForTrue() {
        Wmi.InParameter t = Wmi.variant("IsReadOnly", true);
        assertThat(t.variant().getShort(0)).isEqualTo((short) 11);
        assertThat(t.variant().getShort(8)).isEqualTo((short) -1);
        assertThat(t.variant().getShort(10)).isZero();
        assertThat(Wmi.value(t.variant())).isEqualTo(true);
        Wmi.InParameter f = Wmi.variant("IsReadOnly", false);
        assertThat(f.variant().getShort(8)).isZero();
        assertThat(Wmi.value(f.variant())).isEqualTo(false);
    }

    @Test
    void anotherTypeIsRefusedByName() {
        assertThatThrownBy(() -> Wmi.variant("Size", 5L)).hasMessageContaining("in-parameter Size")
                .hasMessageContaining("Long");
    }
}
