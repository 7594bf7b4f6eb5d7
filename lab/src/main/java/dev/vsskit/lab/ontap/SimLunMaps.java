package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The simulator's LUN maps (ontap.md §7): {@code POST /api/protocols/san/lun-maps} (the LUN and the igroup by name
 * or uuid, in the SVM given; the lowest free LUN id in that igroup when none is asked) and
 * {@code DELETE /api/protocols/san/lun-maps/{lun.uuid}/{igroup.uuid}}, with the error codes ONTAP documents for
 * them (spec 9.7 and the 9.19.1 tables).
 */
final class SimLunMaps {

    private SimLunMaps() {
    }

    /** {@code POST /api/protocols/san/lun-maps}: 201, the map in {@code records} when {@code return_records=true}. */
    static SimResponse create(SimCluster cluster, SimViews views, SimRequest r) {
        SimState state = cluster.state();
        JsonNode body = r.body();
        JsonNode svmNode = body.path("svm");
        if (!svmNode.has("name") && !svmNode.has("uuid")) {
            throw new ApiError(400, "2621707", "No SVM was specified. Either \"svm.name\" or \"svm.uuid\" must be"
                    + " supplied.", "svm");
        }
        SimState.Svm svm = state.svms.stream().filter(s -> !svmNode.has("name") || s.name.equals(svmNode.path("name")
                .asText())).filter(s -> !svmNode.has("uuid") || s.uuid.equals(svmNode.path("uuid").asText()))
                .findFirst().orElseThrow(() -> new ApiError(400, svmNode.has("name") && svmNode.has("uuid")
                        ? "2621706" : "2621462", "The specified SVM does not exist.", "svm"));
        JsonNode lunNode = body.path("lun");
        if (!lunNode.has("name") && !lunNode.has("uuid")) {
            throw new ApiError(400, "5374901", "Either \"lun.uuid\" or \"lun.name\" must be provided to create a LUN"
                    + " map.", "lun");
        }
        JsonNode igroupNode = body.path("igroup");
        if (!igroupNode.has("name") && !igroupNode.has("uuid")) {
            throw new ApiError(400, "5374902", "Either \"igroup.uuid\" or \"igroup.name\" must be provided to create"
                    + " a LUN map.", "igroup");
        }
        if (lunNode.path("name").asText("").contains("/.snapshot/")) {
            throw new ApiError(400, "5374238", "The operation is not allowed on a LUN in a Snapshot copy.", "lun.name");
        }
        SimState.Lun lun = state.luns.stream().filter(l -> l.svm.equals(svm.name))
                .filter(l -> !lunNode.has("name") || l.name.equals(lunNode.path("name").asText()))
                .filter(l -> !lunNode.has("uuid") || l.uuid.equals(lunNode.path("uuid").asText()))
                .findFirst().orElseThrow(() -> new ApiError(400, "1254201", "The specified LUN does not exist.", "lun"));
        SimState.Igroup igroup = state.igroups.stream().filter(g -> g.svm.equals(svm.name))
                .filter(g -> !igroupNode.has("name") || g.name.equals(igroupNode.path("name").asText()))
                .filter(g -> !igroupNode.has("uuid") || g.uuid.equals(igroupNode.path("uuid").asText()))
                .findFirst().orElseThrow(() -> new ApiError(400, "5374878", "The specified initiator group does not"
                        + " exist, is not accessible to the caller, or is not in the same SVM as the specified LUN.",
                        "igroup"));
        if (state.lunMaps.stream().anyMatch(m -> m.lun.equals(lun.uuid) && m.igroup.equals(igroup.uuid))) {
            throw new ApiError(409, "1254207", "The LUN is already mapped to the same initiator group.", "lun");
        }
        SimState.LunMap map = new SimState.LunMap();
        map.lun = lun.uuid;
        map.igroup = igroup.uuid;
        if (body.has("logical_unit_number")) {
            map.lunId = body.path("logical_unit_number").asInt();
            if (map.lunId < 0 || map.lunId > 4095 || state.lunMaps.stream()
                    .anyMatch(m -> m.igroup.equals(igroup.uuid) && m.lunId == map.lunId)) {
                throw new ApiError(400, "2", "logical_unit_number " + map.lunId + " is not free in igroup "
                        + igroup.name, "logical_unit_number");
            }
        } else {
            int id = 0;
            while (lunIdTaken(state, igroup.uuid, id)) {
                id++;
            }
            map.lunId = id;
        }
        state.lunMaps.add(map);
        cluster.persist();
        ObjectNode created = SimState.JSON.createObjectNode();
        if ("true".equals(r.q("return_records"))) {
            created.put("num_records", 1).putArray("records").add(views.lunMapJson(map));
        }
        return new SimResponse(201, created, "/api/protocols/san/lun-maps/" + lun.uuid + "/" + igroup.uuid);
    }

    private static boolean lunIdTaken(SimState state, String igroup, int id) {
        return state.lunMaps.stream().anyMatch(m -> m.igroup.equals(igroup) && m.lunId == id);
    }

    /** {@code DELETE /api/protocols/san/lun-maps/{lun.uuid}/{igroup.uuid}}: 200. */
    static SimResponse delete(SimCluster cluster, String lunUuid, String igroupUuid) {
        SimState state = cluster.state();
        if (state.luns.stream().noneMatch(l -> l.uuid.equals(lunUuid))) {
            throw new ApiError(404, "5374875", "The specified LUN does not exist or is not accessible to the caller.",
                    "lun.uuid");
        }
        if (state.igroups.stream().noneMatch(g -> g.uuid.equals(igroupUuid))) {
            throw new ApiError(404, "5374878", "The specified initiator group does not exist, is not accessible to"
                    + " the caller, or is not in the same SVM as the specified LUN.", "igroup.uuid");
        }
        Optional<SimState.LunMap> map = state.lunMaps.stream()
                .filter(m -> m.lun.equals(lunUuid) && m.igroup.equals(igroupUuid)).findFirst();
        if (map.isEmpty()) {
            throw new ApiError(404, "5374922", "The specified LUN map does not exist.", "lun.uuid");
        }
        state.lunMaps.remove(map.get());
        cluster.persist();
        return new SimResponse(200, null, "");
    }

    /** {@code GET /api/protocols/san/lun-maps/{lun.uuid}/{igroup.uuid}}. */
    static SimState.LunMap get(SimState state, String lunUuid, String igroupUuid) {
        return state.lunMaps.stream().filter(m -> m.lun.equals(lunUuid) && m.igroup.equals(igroupUuid)).findFirst()
                .orElseThrow(() -> new ApiError(404, "5374922", "The specified LUN map does not exist.", "lun.uuid"));
    }
}
