package dev.vsskit.ontap.internal;

import dev.vsskit.ontap.client.ConsistencyGroupInfo;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.VolumeInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds the consistency group whose members are exactly a set of volumes, or creates one
 * ({@code vsskit_cg_<hash of the volume uuids>}) when none of them belongs to a group yet. A volume can
 * belong to one group only, so when some already belong to groups of other shapes there is no group for
 * the set and the caller falls back to per-volume snapshots.
 */
public final class ConsistencyGroups {

    private ConsistencyGroups() {
    }

    public static String nameFor(List<VolumeInfo> volumes) {
        Set<String> uuids = volumes.stream().map(VolumeInfo::uuid).collect(Collectors.toCollection(TreeSet::new));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(String.join(",", uuids)
                    .getBytes(StandardCharsets.UTF_8));
            return "vsskit_cg_" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<ConsistencyGroupInfo> findOrCreate(OntapClient client, List<VolumeInfo> volumes) {
        Set<String> want = volumes.stream().map(VolumeInfo::uuid).collect(Collectors.toSet());
        List<ConsistencyGroupInfo> groups = client.consistencyGroups();
        for (ConsistencyGroupInfo g : groups) {
            Set<String> have = g.volumes().stream().map(ConsistencyGroupInfo.VolumeRef::uuid).collect(Collectors.toSet());
            if (have.equals(want)) {
                return Optional.of(g);
            }
        }
        boolean anyTaken = groups.stream().flatMap(g -> g.volumes().stream())
                .anyMatch(v -> want.contains(v.uuid()));
        Set<String> svms = volumes.stream().map(VolumeInfo::svmName).collect(Collectors.toSet());
        if (anyTaken || svms.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(client.createConsistencyGroup(svms.iterator().next(), nameFor(volumes),
                volumes.stream().map(VolumeInfo::name).toList()));
    }
}
