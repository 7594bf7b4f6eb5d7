package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's LUN clones from a Snapshot copy: {@code POST /api/storage/luns} with
 * {@code clone.source.name = /vol/<volume>/.snapshot/<snapshot>/<lun>} (ontap.md §7; the clone lives in the
 * same volume, takes its size and OS type from the source, and keeps the Snapshot copy busy as owner
 * {@code lun_clone}), and {@code DELETE /api/storage/luns/{uuid}} of such a clone. The lab's LUNs carry no
 * blocks of their own (a CSV's files live in its volume store), so a clone is the LUN record a host would map.
 */
final class SimLunClones {

    private static final Pattern IN_SNAPSHOT = Pattern.compile("/vol/([^/]+)/\\.snapshot/([^/]+)/([^/]+)");
    private static final Pattern LUN_PATH = Pattern.compile("/vol/([^/]+)/([A-Za-z0-9_.{}-]{1,255})");
    private static final String SERIAL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SimLunClones() {
    }

    /** {@code POST /api/storage/luns}: 201, the clone in {@code records} when {@code return_records=true}. */
    static SimResponse create(SimCluster cluster, SimViews views, SimRequest r) {
        SimState.Lun clone = create(cluster.state(), r.body(), cluster.time().now());
        cluster.persist();
        com.fasterxml.jackson.databind.node.ObjectNode created = SimState.JSON.createObjectNode();
        if ("true".equals(r.q("return_records"))) {
            created.put("num_records", 1).putArray("records").add(views.lunJson(clone));
        }
        return new SimResponse(201, created, "/api/storage/luns/" + clone.uuid);
    }

    /** {@code DELETE /api/storage/luns/{uuid}} of a LUN clone: 200. */
    static SimResponse delete(SimCluster cluster, String uuid, SimRequest r) {
        delete(cluster.state(), uuid, "true".equals(r.q("allow_delete_while_mapped")));
        cluster.persist();
        return new SimResponse(200, null, "");
    }

    static SimState.Lun create(SimState state, JsonNode body, Instant now) {
        JsonNode source = body.path("clone").path("source");
        if (source.isMissingNode()) {
            throw new ApiError(400, "3", "The lab simulator creates LUNs only as clones of a LUN in a"
                    + " Snapshot copy (clone.source.name)", "clone.source.name");
        }
        if (source.has("uuid")) {
            throw new ApiError(400, "5374899", "The \"clone.source.uuid\" property is not supported"
                    + " when specifying a source LUN from a Snapshot copy.", "clone.source.uuid");
        }
        for (String field : new String[] {"os_type", "space"}) {
            if (body.has(field)) {
                throw new ApiError(400, "5374883", "The property cannot be specified when creating a"
                        + " LUN clone.", field);
            }
        }
        Matcher src = IN_SNAPSHOT.matcher(source.path("name").asText(""));
        if (!src.matches()) {
            throw new ApiError(400, "3", "The lab simulator clones LUNs from Snapshot copies only:"
                    + " clone.source.name must be /vol/<volume>/.snapshot/<snapshot>/<lun>", "clone.source.name");
        }
        SimState.Vol vol = state.volumeByName(src.group(1)).orElseThrow(() -> notFound());
        SimState.Snap snap = vol.snapshots.stream().filter(x -> x.name.equals(src.group(2))).findFirst()
                .orElseThrow(SimLunClones::notFound);
        String sourcePath = "/vol/" + vol.name + "/" + src.group(3);
        SimState.Lun original = state.luns.stream().filter(l -> l.name.equals(sourcePath)).findFirst()
                .orElseThrow(SimLunClones::notFound);
        Matcher name = LUN_PATH.matcher(body.path("name").asText(""));
        if (!name.matches()) {
            throw new ApiError(400, "5374121", "A LUN name can only contain characters A-Z, a-z, 0-9,"
                    + " \"-\", \".\", \"_\", \"{\" and \"}\"; give name as /vol/<volume>/<lun>", "name");
        }
        if (!name.group(1).equals(vol.name)) {
            throw new ApiError(400, "13565952", "The LUN clone request failed: the clone and its"
                    + " source must reside in the same volume.", "name");
        }
        if (state.luns.stream().anyMatch(l -> l.name.equals(name.group(0)))) {
            throw new ApiError(409, "5374242", "A LUN or namespace already exists at the path.", "name");
        }
        String svm = body.path("svm").path("name").asText(original.svm);
        if (!svm.equals(original.svm)) {
            throw new ApiError(400, "13565952", "The LUN clone request failed: the clone must be in"
                    + " the source's SVM " + original.svm, "svm.name");
        }
        SimState.Lun clone = new SimState.Lun();
        clone.uuid = UUID.randomUUID().toString();
        clone.name = name.group(0);
        clone.svm = original.svm;
        clone.volume = vol.uuid;
        StringBuilder serial = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            serial.append(SERIAL_CHARS.charAt(RANDOM.nextInt(SERIAL_CHARS.length())));
        }
        clone.serial = serial.toString();
        clone.osType = original.osType;
        clone.size = original.size;
        clone.created = now.toString();
        clone.cloneSource = source.path("name").asText();
        clone.cloneSnapshot = snap.uuid;
        state.luns.add(clone);
        return clone;
    }

    static void delete(SimState state, String uuid, boolean allowWhileMapped) {
        SimState.Lun lun = state.luns.stream().filter(l -> l.uuid.equals(uuid)).findFirst().orElseThrow(
                () -> new ApiError(404, "5374875", "LUN not found", "uuid"));
        if (lun.cloneSource == null) {
            throw new ApiError(400, "3", "The lab simulator deletes only LUN clones; \"" + lun.name
                    + "\" is one of the lab's LUNs");
        }
        boolean mapped = state.lunMaps.stream().anyMatch(m -> m.lun.equals(uuid));
        if (mapped && !allowWhileMapped) {
            throw new ApiError(400, "5374890", "The LUN is mapped; unmap it or give"
                    + " allow_delete_while_mapped=true", "allow_delete_while_mapped");
        }
        state.lunMaps.removeIf(m -> m.lun.equals(uuid));
        state.luns.remove(lun);
    }

    private static ApiError notFound() {
        return new ApiError(404, "5374875", "The specified \"clone.source\" was not found.",
                "clone.source.name");
    }
}
