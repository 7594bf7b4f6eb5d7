package dev.vsskit.vss.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON form of a {@link BackupRecord} (format 1). Field names are a file format: change them only with a new format. */
final class BackupRecordJson {

    static final int FORMAT = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private BackupRecordJson() {
    }

    static ObjectNode toJson(BackupRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        o.put("name", r.name());
        o.put("started", r.started().toString());
        o.put("finished", r.finished().toString());
        r.dataset().ifPresentOrElse(d -> o.put("dataset", d), () -> o.putNull("dataset"));
        ArrayNode vms = o.putArray("vms");
        r.vms().forEach(vms::add);
        o.put("applicationConsistent", r.applicationConsistent());
        r.snapshotSetId().ifPresentOrElse(id -> o.put("snapshotSetId", id.toString()), () -> o.putNull("snapshotSetId"));
        ArrayNode vols = o.putArray("volumes");
        for (BackupRecord.VolumeEntry v : r.volumes()) {
            ObjectNode e = vols.addObject();
            e.put("volume", v.volumePath());
            e.put("shadowId", v.shadowId().toString());
            e.put("provider", v.providerName());
            e.put("providerId", v.providerId().toString());
            e.put("hardwareExpected", v.hardwareExpected());
            e.put("hardwareUsed", v.hardwareUsed());
            e.put("storageVolume", v.storageVolume());
            e.put("storageSnapshot", v.storageSnapshot());
        }
        ArrayNode writers = o.putArray("writers");
        for (BackupRecord.WriterEntry w : r.writers()) {
            ObjectNode e = writers.addObject();
            e.put("name", w.name());
            e.put("writerId", w.writerId().toString());
            e.put("state", w.state().name());
            e.put("lastError", w.lastError().name());
        }
        o.put("commitMillis", r.commitDuration().toMillis());
        o.put("succeeded", r.succeeded());
        o.put("outcome", r.outcome());
        if (!r.deepVerification().isEmpty()) {
            ArrayNode deep = o.putArray("deepVerification");
            for (BackupRecord.VmVerification v : r.deepVerification()) {
                ObjectNode e = deep.addObject();
                e.put("vm", v.vm());
                e.put("verifiedAt", v.verifiedAt().toString());
                e.put("access", v.access());
                e.put("passed", v.passed());
                e.put("bytesRead", v.bytesRead());
                ArrayNode checks = e.putArray("checks");
                for (CheckResult c : v.checks()) {
                    checks.addObject().put("name", c.name()).put("status", c.status().name())
                            .put("evidence", c.evidence());
                }
            }
        }
        return o;
    }

    /** Reads a record; any missing or malformed field is an IllegalArgumentException naming it. */
    static BackupRecord fromJson(JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int format = o.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown record format " + o.path("format") + " (expected " + FORMAT + ")");
        }
        List<String> vms = new ArrayList<>();
        for (JsonNode v : array(o, "vms")) {
            vms.add(v.asText());
        }
        List<BackupRecord.VolumeEntry> volumes = new ArrayList<>();
        for (JsonNode e : array(o, "volumes")) {
            volumes.add(new BackupRecord.VolumeEntry(text(e, "volume"), VssId.parse(text(e, "shadowId")),
                    text(e, "provider"), VssId.parse(text(e, "providerId")), bool(e, "hardwareExpected"),
                    bool(e, "hardwareUsed"), text(e, "storageVolume"), text(e, "storageSnapshot")));
        }
        List<BackupRecord.WriterEntry> writers = new ArrayList<>();
        for (JsonNode e : array(o, "writers")) {
            writers.add(new BackupRecord.WriterEntry(text(e, "name"), VssId.parse(text(e, "writerId")),
                    WriterState.valueOf(text(e, "state")), WriterError.valueOf(text(e, "lastError"))));
        }
        JsonNode set = o.path("snapshotSetId");
        JsonNode dataset = o.path("dataset");
        if (!o.path("commitMillis").canConvertToLong()) {
            throw new IllegalArgumentException("missing or bad field 'commitMillis'");
        }
        return new BackupRecord(text(o, "name"), Instant.parse(text(o, "started")), Instant.parse(text(o, "finished")),
                dataset.isTextual() ? Optional.of(dataset.asText()) : Optional.empty(), vms,
                bool(o, "applicationConsistent"),
                set.isTextual() ? Optional.of(VssId.parse(set.asText())) : Optional.empty(),
                volumes, writers, Duration.ofMillis(o.path("commitMillis").asLong()), bool(o, "succeeded"),
                text(o, "outcome"), deep(o));
    }

    /** The optional {@code deepVerification} member (absent in records never deep-verified). */
    private static List<BackupRecord.VmVerification> deep(JsonNode o) {
        List<BackupRecord.VmVerification> out = new ArrayList<>();
        if (!o.has("deepVerification")) {
            return out;
        }
        for (JsonNode e : array(o, "deepVerification")) {
            List<CheckResult> checks = new ArrayList<>();
            for (JsonNode c : array(e, "checks")) {
                checks.add(new CheckResult(text(c, "name"), CheckStatus.valueOf(text(c, "status")), text(c, "evidence"),
                        ""));
            }
            if (!e.path("bytesRead").canConvertToLong()) {
                throw new IllegalArgumentException("missing or bad field 'deepVerification[].bytesRead'");
            }
            out.add(new BackupRecord.VmVerification(text(e, "vm"), Instant.parse(text(e, "verifiedAt")),
                    text(e, "access"), bool(e, "passed"), e.path("bytesRead").asLong(), checks));
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing or bad field '" + field + "'");
        }
        return n.asText();
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new IllegalArgumentException("missing or bad field '" + field + "'");
        }
        return n.asBoolean();
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException("missing or bad field '" + field + "'");
        }
        return n;
    }
}
