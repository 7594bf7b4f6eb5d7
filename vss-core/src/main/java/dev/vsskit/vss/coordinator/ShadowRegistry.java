package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import java.util.List;

/**
 * Where persistent shadows are remembered so they outlive the process that made them (the lab keeps
 * them in {@code <lab>/vss/shadows.json}).
 */
public interface ShadowRegistry {

    List<Shadow> list();

    void add(List<Shadow> shadows);

    void remove(VssId shadowId);

    /** Kept in memory only: for hosts whose shadows do not outlive the process. */
    static ShadowRegistry inMemory() {
        return new ShadowRegistry() {
            private final java.util.List<Shadow> shadows = new java.util.concurrent.CopyOnWriteArrayList<>();

            @Override
            public List<Shadow> list() {
                return List.copyOf(shadows);
            }

            @Override
            public void add(List<Shadow> added) {
                shadows.addAll(added);
            }

            @Override
            public void remove(VssId shadowId) {
                shadows.removeIf(s -> s.shadowId().equals(shadowId));
            }
        };
    }
}
