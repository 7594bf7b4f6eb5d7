package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A writer for coordinator tests: records its events, can fail or take time at a phase, knows if it is frozen. */
final class TestWriter implements VssWriter {
    private final String name;
    private final VssId writerId = VssId.random();
    private final VssId instanceId = VssId.random();
    private final List<WriterComponent> components;
    private final VssClock clock;
    private final Map<WriterPhase, HResult> failures = new EnumMap<>(WriterPhase.class);
    private final Map<WriterPhase, Duration> delays = new EnumMap<>(WriterPhase.class);
    final List<String> events = new ArrayList<>();
    boolean frozen;
    Duration freezeTimeout = Duration.ofSeconds(60);
    WriterEvent lastEvent;

    TestWriter(String name, VssClock clock, WriterComponent... components) {
        this.name = name;
        this.clock = clock;
        this.components = List.of(components);
    }

    TestWriter failAt(WriterPhase phase, HResult h) {
        failures.put(phase, h);
        return this;
    }

    TestWriter delayAt(WriterPhase phase, Duration d) {
        delays.put(phase, d);
        return this;
    }

    private void on(WriterPhase phase, WriterEvent e) {
        events.add(phase.eventName());
        lastEvent = e;
        Duration d = delays.get(phase);
        if (d != null) {
            clock.sleep(d);
        }
        HResult h = failures.get(phase);
        if (h != null) {
            throw new VssException(h, name + " fails " + phase.eventName());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VssId writerId() {
        return writerId;
    }

    @Override
    public VssId instanceId() {
        return instanceId;
    }

    @Override
    public Duration freezeTimeout() {
        return freezeTimeout;
    }

    @Override
    public WriterMetadata identify(WriterEvent e) {
        on(WriterPhase.IDENTIFY, e);
        return new WriterMetadata(name, writerId, instanceId, components);
    }

    @Override
    public void prepareForBackup(WriterEvent e) {
        on(WriterPhase.PREPARE_BACKUP, e);
    }

    @Override
    public void prepareForSnapshot(WriterEvent e) {
        on(WriterPhase.PREPARE_SNAPSHOT, e);
    }

    @Override
    public void freeze(WriterEvent e) {
        frozen = true; // frozen from the moment the event arrives, even if it then fails
        on(WriterPhase.FREEZE, e);
    }

    @Override
    public void thaw(WriterEvent e) {
        frozen = false;
        on(WriterPhase.THAW, e);
    }

    @Override
    public void postSnapshot(WriterEvent e) {
        on(WriterPhase.POST_SNAPSHOT, e);
    }

    @Override
    public void abort(WriterEvent e) {
        events.add("Abort");
        frozen = false;
    }

    @Override
    public void backupComplete(WriterEvent e) {
        on(WriterPhase.BACKUP_COMPLETE, e);
    }

    @Override
    public void preRestore(WriterEvent e) {
        on(WriterPhase.PRE_RESTORE, e);
    }

    @Override
    public void postRestore(WriterEvent e) {
        on(WriterPhase.POST_RESTORE, e);
    }
}
