package dev.vsskit.vss.windows;

/**
 * A {@code #define} of the SDK headers with the value a binding uses for it; the header check asserts that the
 * header says the same (compared as a 32-bit unsigned value, so HRESULTs can be written as Java ints).
 */
public record SdkConstant(String name, long value) {
}
