package dev.vsskit.vss.backup;

import dev.vsskit.vss.Provider;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.spi.VolumeTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A backup's plan and name: resolves the request's VMs (names, ids, dataset), maps their files to volumes,
 * predicts the provider per volume and the ONTAP volume under it, names the backup as SMHV does and
 * reserves that name in the catalog. Takes no snapshot and changes nothing but the reservation.
 */
final class BackupPlanner {

    private static final String CRASH_CONSISTENT = "Crash-consistent";
    private static final String SAVED_STATE = "Saved State";

    private final BackupTarget target;
    private final BackupCatalog catalog;
    private final Clock clock;

    BackupPlanner(BackupTarget target, BackupCatalog catalog, Clock clock) {
        this.target = target;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Resolves the request into a plan without taking any snapshot. Unknown VMs are an error. */
    BackupPlan plan(BackupRequest request, List<Dataset> datasets) {
        List<VirtualMachine> vms = resolveVms(request, datasets);
        String name = backupName(request);
        boolean app = !request.crashConsistent();
        Map<String, VolumeTarget> volumeTargets = new LinkedHashMap<>();
        Map<String, Optional<String>> storageOf = new HashMap<>();
        List<BackupPlan.PlannedVm> planned = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            List<String> vmVolumes = new ArrayList<>();
            String problem = "";
            for (String file : vm.files()) {
                Optional<VolumeTarget> vol = target.volumeOf(file);
                if (vol.isEmpty()) {
                    problem = "its file " + file + " is on no volume of " + target.host().computerName();
                    break;
                }
                VolumeTarget v = vol.get();
                Optional<String> storage = target.storageVolumeOf(v);
                if (!app && storage.isEmpty()) {
                    problem = "its volume " + v.path() + " is not on ONTAP; a crash-consistent backup snapshots"
                            + " ONTAP volumes only (back it up application-consistent instead)";
                    break;
                }
                if (!vmVolumes.contains(v.path())) {
                    vmVolumes.add(v.path());
                }
                if (volumeTargets.putIfAbsent(v.path(), v) == null) {
                    storageOf.put(v.path(), storage);
                }
            }
            String method = app ? (vm.backupIntegration() ? "Online" : SAVED_STATE) : CRASH_CONSISTENT;
            if (problem.isEmpty() && app) {
                problem = target.cannotBackUpHere(vm).orElse("");
            }
            if (problem.isEmpty() && app && !vm.backupIntegration() && !request.allowSavedState()) {
                problem = "it cannot be backed up online (no backup integration service in the guest);"
                        + " allow it with --allow-saved-state";
            }
            planned.add(new BackupPlan.PlannedVm(vm.name(), vm.id(), method, vm.files(), vmVolumes, problem));
        }
        Set<String> used = planned.stream().filter(BackupPlan.PlannedVm::included)
                .flatMap(v -> v.volumes().stream()).collect(Collectors.toSet());
        List<VolumeTarget> targets = new ArrayList<>(volumeTargets.values());
        // the providers are asked about every volume at once (the ONTAP provider: one LUN inventory, not two
        // queries per volume), in the order the VMs first named them
        List<Provider> providers = app ? target.predictProviders(targets, request.forcedProvider()) : List.of();
        List<BackupPlan.PlannedVolume> vols = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            VolumeTarget v = targets.get(i);
            if (used.contains(v.path())) {
                vols.add(plannedVolume(v, storageOf.get(v.path()), app ? providers.get(i) : null));
            }
        }
        return new BackupPlan(name, target.host().computerName(), app, planned, vols);
    }

    /** A volume of the plan; {@code p} is null for a crash-consistent backup (ONTAP snapshots, no provider). */
    private static BackupPlan.PlannedVolume plannedVolume(VolumeTarget v, Optional<String> storage, Provider p) {
        boolean onLun = storage.isPresent() && !v.isShare();
        if (p == null) {
            return new BackupPlan.PlannedVolume(v.path(), v.volumeName(), "(none: ONTAP snapshot)", VssId.NULL, false,
                    storage.orElse(""));
        }
        return new BackupPlan.PlannedVolume(v.path(), v.volumeName(), p.name(), p.id(), onLun, storage.orElse(""));
    }

    private List<VirtualMachine> resolveVms(BackupRequest request, List<Dataset> datasets) {
        List<VirtualMachine> inventory = target.virtualMachines();
        List<String> wanted = new ArrayList<>(request.vms());
        if (request.dataset().isPresent()) {
            Dataset ds = datasets.stream().filter(d -> d.name().value().equalsIgnoreCase(request.dataset().get().value()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown dataset '"
                            + request.dataset().get() + "'; see `vsskit dataset list`"));
            wanted.addAll(ds.vms());
        }
        List<VirtualMachine> out = new ArrayList<>();
        if (request.all()) {
            out.addAll(inventory);
        }
        List<String> unknown = new ArrayList<>();
        for (String w : wanted) {
            Optional<VirtualMachine> vm = inventory.stream().filter(v -> v.matches(w)).findFirst();
            if (vm.isEmpty()) {
                unknown.add(w);
            } else if (!out.contains(vm.get())) {
                out.add(vm.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown VM" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " on " + target.host().computerName() + "; known VMs: " + inventory.stream()
                    .map(VirtualMachine::name).collect(Collectors.joining(", ")));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no VM to back up on " + target.host().computerName());
        }
        return out;
    }

    private String backupName(BackupRequest request) {
        if (request.name().isPresent()) {
            return request.name().get().value();
        }
        // SMHV names a backup after its dataset; without one, after the host's name (not its FQDN)
        String host = target.host().computerName();
        String prefix = request.dataset().map(DatasetName::value)
                .orElse(host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        return BackupName.of(prefix, clock.instant(), clock.getZone()).value();
    }

    /**
     * Holds the backup's name for this job, so no other job (thread or process) takes it. SMHV's automatic
     * names have one-second resolution: a job that starts in the same second as another takes the next free
     * of {@code <name>-2}, {@code <name>-3}, ..., however many jobs start in that second. A name the user
     * gave is taken or refused.
     */
    BackupCatalog.Reservation reserveName(String wanted, boolean userGiven) {
        for (int n = 1; n <= (userGiven ? 1 : 10_000); n++) {
            String name = n == 1 ? wanted : wanted + "-" + n;
            Optional<BackupCatalog.Reservation> r = catalog.reserve(name);
            if (r.isPresent()) {
                return r.get();
            }
        }
        throw new IllegalArgumentException("a backup named " + wanted + " exists already or is being taken by another"
                + " job; choose another --name or delete it (vsskit delete backup " + wanted + ")");
    }

    /** The plan under the name its reservation holds. */
    static BackupPlan withName(BackupPlan p, String name) {
        return new BackupPlan(name, p.host(), p.applicationConsistent(), p.vms(), p.volumes());
    }
}
