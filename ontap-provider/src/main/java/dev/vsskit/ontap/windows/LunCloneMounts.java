package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.client.IgroupRecord;
import dev.vsskit.ontap.client.LunMapRecord;
import dev.vsskit.ontap.client.LunRecord;
import dev.vsskit.ontap.client.OntapClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A LUN's file system as it is in a Snapshot copy, mounted on this Windows host without copying it: a LUN clone
 * from the Snapshot copy ({@link RestoreCloneName}, so {@code vsskit cleanup} finds it if this process dies), mapped
 * to the igroup the original LUN is mapped to (of several, the one holding this host's initiator), then found, put
 * online and mounted in a new empty folder by {@link StorageDisks}. Closing undoes every step in reverse order
 * (unmount, offline, unmap, delete the clone); so does a failure half-way.
 */
final class LunCloneMounts {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final OntapClient client;
    private final StorageDisks disks;
    private final String computerName;
    private final Function<String, Set<String>> hostSerialsOfVolume;
    private final Clock clock;

    /**
     * @param hostSerialsOfVolume the serials of the LUNs under this host's volumes that lie on an ONTAP volume, to
     *     choose the LUN when the ONTAP volume holds several
     */
    LunCloneMounts(OntapClient client, StorageDisks disks, String computerName,
            Function<String, Set<String>> hostSerialsOfVolume, Clock clock) {
        this.client = client;
        this.disks = disks;
        this.computerName = computerName;
        this.hostSerialsOfVolume = hostSerialsOfVolume;
        this.clock = clock;
    }

    /** A mounted clone ({@code /vol/<volume>/vsskit_restore_...}): its files under {@code root}; closing undoes all. */
    record Mount(String cloneName, Path root, UndoSteps undo) implements AutoCloseable {
        @Override
        public void close() {
            undo.close();
        }
    }

    /** The LUN of ONTAP volume {@code volume} as in Snapshot copy {@code snapshot}, mounted in a new empty folder. */
    Mount mount(String volume, String snapshot) {
        LunRecord source = sourceLun(volume);
        IgroupRecord igroup = igroupOf(source);
        UndoSteps undo = new UndoSteps();
        try {
            String name = new RestoreCloneName(computerName, ProcessHandle.current().pid(), clock.instant(),
                    SEQUENCE.incrementAndGet()).baseName();
            LunRecord clone = client.createLunClone(source.svmName(), source.name(), snapshot, name);
            undo.push(() -> client.deleteLun(clone.uuid()));
            client.createLunMap(source.svmName(), clone.uuid(), igroup.uuid());
            undo.push(() -> client.deleteLunMap(clone.uuid(), igroup.uuid()));
            Path folder = Files.createTempDirectory("vsskit-lun-");
            undo.push(() -> deleteFolder(folder));
            StorageDisks.Mounted mounted = disks.mount(clone.serialNumber(), folder);
            undo.push(mounted::close);
            return new Mount(clone.name(), folder, undo);
        } catch (IOException e) {
            UncheckedIOException u = new UncheckedIOException("could not make an empty folder to mount the LUN clone"
                    + " in (" + e.getMessage() + ")", e);
            undo.undoAfter(u);
            throw u;
        } catch (RuntimeException e) {
            undo.undoAfter(e);
            throw e;
        }
    }

    /**
     * The ONTAP volume's LUN: the only one (vsskit's own clones aside), or of several the one under one of this
     * host's volumes; else a one-line refusal naming them.
     */
    LunRecord sourceLun(String volume) {
        List<LunRecord> luns = client.luns().stream().filter(l -> l.volumeName().equals(volume))
                .filter(l -> RestoreCloneName.parse(l.name()).isEmpty()).toList();
        if (luns.size() == 1) {
            return luns.get(0);
        }
        if (luns.isEmpty()) {
            throw new IllegalStateException("ONTAP volume " + volume + " holds no LUN, so there is no LUN to clone"
                    + " from its Snapshot copy");
        }
        Set<String> serials = hostSerialsOfVolume.apply(volume);
        List<LunRecord> ours = luns.stream().filter(l -> serials.contains(l.serialNumber())).toList();
        if (ours.size() == 1) {
            return ours.get(0);
        }
        throw new IllegalStateException("ONTAP volume " + volume + " holds " + luns.size() + " LUNs ("
                + luns.stream().map(LunRecord::name).collect(Collectors.joining(", ")) + ") and " + ours.size()
                + " of them lie under this host's volumes; vsskit clones the one LUN of a CSV volume");
    }

    /**
     * The igroup the original LUN is mapped to; of several, the one that holds this host's initiator (asked of the
     * host only then).
     */
    IgroupRecord igroupOf(LunRecord lun) {
        List<LunMapRecord> maps = client.lunMaps().stream().filter(m -> m.lunUuid().equals(lun.uuid())).toList();
        if (maps.isEmpty()) {
            throw new IllegalStateException("LUN " + lun.name() + " is mapped to no igroup, so vsskit cannot tell"
                    + " which igroup to map its clone to; map the LUN to this host's igroup, or restore on a host"
                    + " that sees it");
        }
        Set<String> mapped = maps.stream().map(LunMapRecord::igroupUuid).collect(Collectors.toSet());
        List<IgroupRecord> groups = client.igroups().stream().filter(g -> mapped.contains(g.uuid())).toList();
        if (groups.size() == 1) {
            return groups.get(0);
        }
        List<String> initiators = disks.initiators();
        List<IgroupRecord> ours = groups.stream().filter(g -> g.initiators().stream()
                .anyMatch(i -> initiators.contains(i.toLowerCase(Locale.ROOT)))).toList();
        if (ours.size() == 1) {
            return ours.get(0);
        }
        throw new IllegalStateException("LUN " + lun.name() + " is mapped to igroups " + groups.stream()
                .map(IgroupRecord::name).collect(Collectors.joining(", ")) + ", and " + ours.size() + " of them hold"
                + " this host's initiators (" + String.join(", ", initiators) + "); vsskit maps its clone to exactly"
                + " one: leave this host's initiators in one igroup of that LUN");
    }

    /** Only an empty folder: one that still holds files is still a mount point, and those files are the clone's. */
    private static void deleteFolder(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the mount folder " + folder + " (" + e + ")", e);
        }
    }
}
