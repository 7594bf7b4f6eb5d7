package dev.vsskit.ontap.client;

/** GET /api/cluster: name, uuid and version. */
public record ClusterInfo(String name, String uuid, OntapVersion version) {
}
