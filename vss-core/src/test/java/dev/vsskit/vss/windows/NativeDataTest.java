package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.vss.VssId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The byte layouts Windows uses, checked against fixed bytes rather than against the served double (which shares
 * this code, so a symmetric mistake there would cancel out).
 */
class NativeDataTest {

    @Test
    void aGuidIsData1Data2Data3LittleEndianThenData4InOrder() {
        Memory m = NativeData.guidMemory(VssId.parse("{00112233-4455-6677-8899-aabbccddeeff}"));
        assertThat(m.getByteArray(0, 16)).containsExactly(0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
                0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
        assertThat(NativeData.readGuid(m, 0)).isEqualTo(VssId.parse("{00112233-4455-6677-8899-aabbccddeeff}"));
        VssId id = VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}");
        assertThat(NativeData.fromGuid(NativeData.byValue(id))).isEqualTo(id);
        assertThat(NativeData.byValue(id).toGuidString()).isEqualToIgnoringCase(id.toString());
    }

    @Test
    void stringsAreUtf16LittleEndianWithATwoByteTerminatorAndBstrsCarryTheirByteLength() {
        Memory s = NativeData.utf16("C:\\é");
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.getByteArray(0, 10)).containsExactly('C', 0, ':', 0, '\\', 0, 0xe9, 0, 0, 0);
        assertThat(NativeData.readUtf16(s)).isEqualTo("C:\\é");
        Pointer b = NativeData.bstr("Hyper-V");
        assertThat(b.getInt(-4)).isEqualTo(14);
        assertThat(NativeData.readUtf16(b)).isEqualTo("Hyper-V");
        assertThat(NativeData.readUtf16(null)).isNull();
    }

    @Test
    void vssTimestampsAreFiletimeTicksSince1601() {
        assertThat(NativeData.toFileTime(Instant.EPOCH)).isEqualTo(116_444_736_000_000_000L);
        assertThat(NativeData.fromFileTime(0)).isEqualTo(Instant.parse("1601-01-01T00:00:00Z"));
        Instant t = Instant.parse("2026-11-24T13:45:05.1234567Z");
        assertThat(NativeData.fromFileTime(NativeData.toFileTime(t))).isEqualTo(t);
    }
}
