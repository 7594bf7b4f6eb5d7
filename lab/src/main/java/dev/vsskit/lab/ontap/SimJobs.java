package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ONTAP's background jobs: every change runs as a job (202 + a job link, or a synchronous answer within
 * {@code return_timeout}); jobs stay visible {@value #RETENTION_SECONDS} s after they end, and
 * {@code jobDelayMs} keeps them "running" that long. Jobs belong to the simulator that ran them (its
 * clients poll it), so they are not part of the shared cluster state.
 */
final class SimJobs {

    static final long RETENTION_SECONDS = 300;

    /** A background job as ONTAP reports it. */
    static final class Job {
        String uuid;
        String description;
        String state;
        String message;
        int code;
        String errorCode;
        String errorMessage;
        Instant start;
        Instant end;
        Instant visibleEnd;
    }

    private final SimCluster cluster;
    private final SimFaults faults;
    private final SimTime time;
    private final Map<String, Job> byUuid = new ConcurrentHashMap<>();

    SimJobs(SimCluster cluster, SimFaults faults) {
        this.cluster = cluster;
        this.faults = faults;
        this.time = cluster.time();
    }

    Collection<Job> all() {
        return byUuid.values();
    }

    int count() {
        return byUuid.size();
    }

    Optional<String> state(String uuid) {
        return Optional.ofNullable(byUuid.get(uuid)).map(x -> x.state);
    }

    /** Drops jobs {@value #RETENTION_SECONDS} s after they ended. */
    void expire() {
        Instant now = time.now();
        byUuid.values().removeIf(x -> x.end != null && x.visibleEnd.plusSeconds(RETENTION_SECONDS).isBefore(now));
    }

    /**
     * Runs a change as a job. Without {@code return_timeout} (or 0): 202 and a job link, the error (if
     * any) shows in the job. With {@code return_timeout > 0} and a job that ends in time: 201/200 on
     * success, the ONTAP error response on failure.
     */
    SimResponse respond(SimRequest r, String description, Runnable op, boolean created, ObjectNode echo, String location) {
        Job j = new Job();
        j.uuid = UUID.randomUUID().toString();
        j.description = description;
        j.start = time.now();
        ApiError failure = null;
        try {
            op.run();
            j.state = "success";
            j.message = "success";
            j.code = 0;
        } catch (ApiError e) {
            failure = e;
            j.state = "failure";
            j.message = e.getMessage();
            j.code = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(e.code.isEmpty() ? "0" : e.code));
            j.errorCode = e.code;
            j.errorMessage = e.getMessage();
        }
        cluster.persist();
        j.end = time.now();
        j.visibleEnd = j.end.plusMillis(faults.knobs().jobDelayMs());
        byUuid.put(j.uuid, j);
        int returnTimeout = RestQuery.parseInt(r.q("return_timeout", "0"), "return_timeout");
        if (returnTimeout < 0 || returnTimeout > 120) {
            throw new ApiError(400, "2", "return_timeout must be between 0 and 120", "return_timeout");
        }
        ObjectNode body = echo == null ? SimState.JSON.createObjectNode() : echo;
        ObjectNode jobLink = body.putObject("job");
        jobLink.put("uuid", j.uuid);
        jobLink.putObject("_links").putObject("self").put("href", "/api/cluster/jobs/" + j.uuid);
        if (returnTimeout > 0 && faults.knobs().jobDelayMs() <= returnTimeout * 1000L) {
            if (failure != null) {
                throw failure;
            }
            return new SimResponse(created ? 201 : 200, body, location);
        }
        return new SimResponse(202, body, location);
    }

    ObjectNode jobJson(Job j) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", j.uuid);
        n.put("description", j.description);
        boolean visible = !time.now().isBefore(j.visibleEnd);
        n.put("state", visible ? j.state : "running");
        n.put("message", visible ? j.message : "running");
        n.put("code", visible ? j.code : 0);
        n.put("start_time", SimViews.fmt(j.start));
        if (visible) {
            n.put("end_time", SimViews.fmt(j.end));
            if (j.errorCode != null) {
                n.putObject("error").put("code", j.errorCode).put("message", j.errorMessage);
            }
        }
        n.putObject("_links").putObject("self").put("href", "/api/cluster/jobs/" + j.uuid);
        return n;
    }

    Job job(String uuid) {
        Job j = byUuid.get(uuid);
        if (j == null) {
            throw new ApiError(404, "4", "entry doesn't exist", "uuid");
        }
        return j;
    }

}
