package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.ontap.client.OntapVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON ONTAP returns for each resource, with {@code _links} and references, as of the cluster's version. */
final class SimViews {

    private static final DateTimeFormatter ONTAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final SimCluster cluster;

    SimViews(SimCluster cluster) {
        this.cluster = cluster;
    }

    private SimState state() {
        return cluster.state();
    }

    static String fmt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC).format(ONTAP_TIME);
    }

    private static ObjectNode self(ObjectNode n, String href) {
        n.putObject("_links").putObject("self").put("href", href);
        return n;
    }

    ObjectNode ref(String name, String uuid, String href) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("name", name);
        n.put("uuid", uuid);
        return self(n, href);
    }

    ObjectNode svmRef(String svmName) {
        SimState.Svm s = state().svm(svmName).orElseThrow();
        return ref(s.name, s.uuid, "/api/svm/svms/" + s.uuid);
    }

    ObjectNode cluster() {
        OntapVersion v = cluster.version();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("name", state().clusterName);
        n.put("uuid", state().clusterUuid);
        ObjectNode ver = n.putObject("version");
        ver.put("full", "NetApp Release " + v + ": vsskit lab simulator");
        ver.put("generation", v.generation());
        ver.put("major", v.major());
        ver.put("minor", v.minor());
        return self(n, "/api/cluster");
    }

    /** The cluster's one node, with its wall-clock time (the lab's clock) as ONTAP's {@code date} field. */
    ObjectNode nodeJson() {
        ObjectNode n = SimState.JSON.createObjectNode();
        String uuid = java.util.UUID.nameUUIDFromBytes((state().clusterUuid + "/node1")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        n.put("uuid", uuid);
        n.put("name", state().clusterName + "-01");
        n.put("date", fmt(cluster.time().now()));
        return self(n, "/api/cluster/nodes/" + uuid);
    }

    ObjectNode svmJson(SimState.Svm s) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", s.uuid);
        n.put("name", s.name);
        n.put("state", "running");
        n.put("subtype", "default");
        n.putObject("cifs").put("enabled", true);
        n.putObject("iscsi").put("enabled", true);
        return self(n, "/api/svm/svms/" + s.uuid);
    }

    ObjectNode volumeJson(SimState.Vol v) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", v.uuid);
        n.put("name", v.name);
        n.set("svm", svmRef(v.svm));
        n.put("state", "online");
        n.put("type", "rw");
        n.put("style", "flexvol");
        n.put("size", v.size);
        n.put("create_time", fmt(Instant.parse(v.created)));
        n.put("snapshot_count", v.snapshots.size());
        n.putObject("nas").put("path", "/" + v.name);
        ObjectNode clone = n.putObject("clone");
        clone.put("is_flexclone", v.flexClone);
        if (v.flexClone) {
            state().volume(v.cloneParentVolume).ifPresent(p -> {
                clone.set("parent_volume", ref(p.name, p.uuid, "/api/storage/volumes/" + p.uuid));
                p.snapshots.stream().filter(x -> x.uuid.equals(v.cloneParentSnapshot)).findFirst().ifPresent(
                        x -> clone.set("parent_snapshot", ref(x.name, x.uuid, "/api/storage/volumes/" + p.uuid
                                + "/snapshots/" + x.uuid)));
                clone.set("parent_svm", svmRef(p.svm));
            });
        }
        clone.put("has_flexclone", state().volumes.stream().anyMatch(x -> v.uuid.equals(x.cloneParentVolume)));
        return self(n, "/api/storage/volumes/" + v.uuid);
    }

    ObjectNode snapshotJson(SimState.Vol v, SimState.Snap s) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", s.uuid);
        n.put("name", s.name);
        n.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
        n.set("svm", svmRef(v.svm));
        n.put("create_time", fmt(Instant.parse(s.created)));
        if (s.comment != null) {
            n.put("comment", s.comment);
        }
        if (cluster.version().atLeast(9, 8) && s.label != null) {
            n.put("snapmirror_label", s.label);
        }
        if (s.expiry != null) {
            n.put("expiry_time", fmt(Instant.parse(s.expiry)));
        }
        List<String> owners = state().owners(s);
        if (!owners.isEmpty()) {
            ArrayNode o = n.putArray("owners");
            owners.forEach(o::add);
        }
        n.put("state", s.state);
        if (cluster.version().atLeast(9, 8)) {
            n.put("size", s.size);
        }
        return self(n, "/api/storage/volumes/" + v.uuid + "/snapshots/" + s.uuid);
    }

    ObjectNode lunJson(SimState.Lun l) {
        SimState.Vol v = state().volume(l.volume).orElseThrow();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", l.uuid);
        n.put("name", l.name);
        n.set("svm", svmRef(l.svm));
        ObjectNode loc = n.putObject("location");
        loc.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
        loc.put("logical_unit", l.name.substring(l.name.lastIndexOf('/') + 1));
        n.put("serial_number", l.serial);
        n.put("os_type", l.osType);
        n.put("enabled", true);
        n.put("class", "regular");
        n.putObject("space").put("size", l.size).put("used", 0);
        boolean mapped = state().lunMaps.stream().anyMatch(m -> m.lun.equals(l.uuid));
        n.putObject("status").put("state", "online").put("mapped", mapped).put("read_only", false)
                .put("container_state", "online");
        n.put("create_time", fmt(Instant.parse(l.created)));
        return self(n, "/api/storage/luns/" + l.uuid);
    }

    ObjectNode lunMapJson(SimState.LunMap m) {
        SimState.Lun l = state().luns.stream().filter(x -> x.uuid.equals(m.lun)).findFirst().orElseThrow();
        SimState.Igroup g = state().igroups.stream().filter(x -> x.uuid.equals(m.igroup)).findFirst().orElseThrow();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.set("lun", ref(l.name, l.uuid, "/api/storage/luns/" + l.uuid));
        n.set("igroup", ref(g.name, g.uuid, "/api/protocols/san/igroups/" + g.uuid));
        n.set("svm", svmRef(l.svm));
        n.put("logical_unit_number", m.lunId);
        return self(n, "/api/protocols/san/lun-maps/" + l.uuid + "/" + g.uuid);
    }

    ObjectNode igroupJson(SimState.Igroup g) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", g.uuid);
        n.put("name", g.name);
        n.set("svm", svmRef(g.svm));
        n.put("os_type", g.osType);
        n.put("protocol", g.protocol);
        ArrayNode inits = n.putArray("initiators");
        for (String i : g.initiators) {
            inits.addObject().put("name", i);
        }
        return self(n, "/api/protocols/san/igroups/" + g.uuid);
    }

    ObjectNode shareJson(SimState.Share s) {
        SimState.Vol v = state().volume(s.volume).orElseThrow();
        SimState.Svm svm = state().svm(s.svm).orElseThrow();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.set("svm", svmRef(s.svm));
        n.put("name", s.name);
        n.put("path", s.path);
        n.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
        n.put("continuously_available", s.continuouslyAvailable);
        return self(n, "/api/protocols/cifs/shares/" + svm.uuid + "/" + s.name);
    }

    ObjectNode cgJson(SimState.Cg cg) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", cg.uuid);
        n.put("name", cg.name);
        n.set("svm", svmRef(cg.svm));
        ArrayNode vols = n.putArray("volumes");
        for (String vu : cg.volumes) {
            state().volume(vu).ifPresent(v -> vols.add(ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid)));
        }
        return self(n, "/api/application/consistency-groups/" + cg.uuid);
    }

    ObjectNode cgSnapshotJson(SimState.Cg cg, SimState.CgSnap cs) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", cs.uuid);
        n.put("name", cs.name);
        if (cs.comment != null) {
            n.put("comment", cs.comment);
        }
        if (cs.label != null) {
            n.put("snapmirror_label", cs.label);
        }
        n.put("consistency_type", cs.consistencyType == null ? "crash" : cs.consistencyType);
        n.put("create_time", fmt(Instant.parse(cs.created)));
        n.set("consistency_group", ref(cg.name, cg.uuid, "/api/application/consistency-groups/" + cg.uuid));
        n.set("svm", svmRef(cg.svm));
        ArrayNode members = n.putArray("snapshot_volumes");
        for (SimState.Member m : cs.members) {
            state().volume(m.volume).ifPresent(v -> {
                ObjectNode e = members.addObject();
                e.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
                v.snapshots.stream().filter(x -> x.uuid.equals(m.snapshot)).findFirst().ifPresent(x -> e.set("snapshot",
                        ref(x.name, x.uuid, "/api/storage/volumes/" + v.uuid + "/snapshots/" + x.uuid)));
            });
        }
        return self(n, "/api/application/consistency-groups/" + cg.uuid + "/snapshots/" + cs.uuid);
    }

}
