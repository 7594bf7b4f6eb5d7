package dev.vsskit.cli.list;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** vssadmin's size words: bytes below 1 KB, else three significant digits and a binary unit. */
class SizesTest {

    @Test
    void threeSignificantDigits() {
        assertThat(Sizes.bytes(0)).isEqualTo("0 bytes");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023 bytes");
        assertThat(Sizes.bytes(1024)).isEqualTo("1.00 KB");
        assertThat(Sizes.bytes((long) (2.06 * (1L << 30)))).isEqualTo("2.06 GB");
        assertThat(Sizes.bytes((long) (11.8 * (1L << 30)))).isEqualTo("11.8 GB");
        assertThat(Sizes.bytes(127L << 30)).isEqualTo("127 GB");
        assertThat(Sizes.bytes((1L << 20) - 1)).isEqualTo("1.00 MB");
        assertThat(Sizes.bytes(5L << 40)).isEqualTo("5.00 TB");
    }

    @Test
    void percentOfTheVolume() {
        assertThat(Sizes.withPercent(0, 100)).isEqualTo("0 bytes (0%)");
        assertThat(Sizes.withPercent(127L * (1L << 30) / 10, 127L << 30)).isEqualTo("12.7 GB (10%)");
        assertThat(Sizes.withPercent(10, 0)).isEqualTo("10 bytes (0%)");
    }
}
