package dev.vsskit.vss;

import java.util.List;

/**
 * The machine vsskit works on: the real Windows VSS service, or the embedded lab. Every command goes
 * through this interface, so the same code runs against both.
 */
public interface VssHost extends AutoCloseable {

    /** The computer name, as VSS prints it for originating and service machine. */
    String computerName();

    List<Provider> providers();

    List<Writer> writers();

    List<Volume> volumes();

    List<Shadow> shadows();

    List<ShadowStorage> shadowStorage();

    @Override
    default void close() {
    }
}
