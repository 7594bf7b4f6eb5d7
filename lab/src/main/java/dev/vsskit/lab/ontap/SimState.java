package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vsskit.vss.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated cluster's persistent state ({@code <lab>/ontap/state.json}): cluster, SVMs, volumes and
 * their Snapshot copies, LUNs, igroups, LUN maps, CIFS shares, consistency groups and their snapshots.
 * Volume data live in the lab's copy-on-write volume stores; a Snapshot copy's uuid is its store
 * snapshot id. Plain mutable beans for Jackson; only the simulators touch them, under the cluster lock
 * ({@link SimCluster}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class SimState {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String clusterName = "cluster1";
    public String clusterUuid;
    public String version = "9.13.1";
    /** Snapshot copies per volume (ONTAP 9.4+: 1023); lowered only by tests of the limit. */
    public int snapshotLimit = 1023;
    public List<Svm> svms = new ArrayList<>();
    public List<Vol> volumes = new ArrayList<>();
    public List<Lun> luns = new ArrayList<>();
    public List<Igroup> igroups = new ArrayList<>();
    public List<LunMap> lunMaps = new ArrayList<>();
    public List<Share> shares = new ArrayList<>();
    public List<Cg> cgs = new ArrayList<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Svm {
        public String name;
        public String uuid;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Vol {
        public String uuid;
        public String name;
        public String svm;
        /** The volume store folder, relative to the lab folder (e.g. volumes/Volume1). */
        public String store;
        public long size = 1L << 40;
        public String created;
        public boolean flexClone;
        public String cloneParentVolume;
        public String cloneParentSnapshot;
        public List<Snap> snapshots = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Snap {
        public String uuid;
        public String name;
        public String comment;
        public String label;
        public String expiry;
        public String created;
        public long size;
        /** valid, or partial while a two-phase CG snapshot awaits its commit. */
        public String state = "valid";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Lun {
        public String uuid;
        public String name;
        public String svm;
        public String volume;
        public String serial;
        public String osType = "hyper_v";
        public long size;
        public String created;
        /** For a LUN clone: the source's path in its Snapshot copy and that copy's uuid (which it keeps busy). */
        public String cloneSource;
        public String cloneSnapshot;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Igroup {
        public String uuid;
        public String name;
        public String svm;
        public String osType = "hyper_v";
        public String protocol = "iscsi";
        public List<String> initiators = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class LunMap {
        public String lun;
        public String igroup;
        public int lunId;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Share {
        public String name;
        public String svm;
        public String path;
        public String volume;
        public boolean continuouslyAvailable = true;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Cg {
        public String uuid;
        public String name;
        public String svm;
        public List<String> volumes = new ArrayList<>();
        public List<CgSnap> snapshots = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class CgSnap {
        public String uuid;
        public String name;
        public String comment;
        public String label;
        public String consistencyType;
        public String created;
        /** volume uuid → snapshot uuid, in member order. */
        public List<Member> members = new ArrayList<>();
        /** Epoch millis by which a started two-phase snapshot must be committed; 0 when committed. */
        public long commitDeadline;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Member {
        public String volume;
        public String snapshot;

        public Member() {
        }

        Member(String volume, String snapshot) {
            this.volume = volume;
            this.snapshot = snapshot;
        }
    }

    static SimState load(Path file) throws IOException {
        return JSON.readValue(Files.readAllBytes(file), SimState.class);
    }

    void save(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    Optional<Svm> svm(String nameOrUuid) {
        return svms.stream().filter(s -> s.name.equals(nameOrUuid) || s.uuid.equals(nameOrUuid)).findFirst();
    }

    Optional<Vol> volume(String uuid) {
        return volumes.stream().filter(v -> v.uuid.equals(uuid)).findFirst();
    }

    Optional<Vol> volumeByName(String name) {
        return volumes.stream().filter(v -> v.name.equals(name)).findFirst();
    }

    Optional<Cg> cg(String uuid) {
        return cgs.stream().filter(c -> c.uuid.equals(uuid)).findFirst();
    }

    Optional<Cg> cgOf(String volumeUuid) {
        return cgs.stream().filter(c -> c.volumes.contains(volumeUuid)).findFirst();
    }

    /** Owners of a snapshot: volume_clone while a FlexClone is based on it, lun_clone while a LUN clone is. */
    List<String> owners(Snap s) {
        List<String> owners = new ArrayList<>();
        if (volumes.stream().anyMatch(v -> s.uuid.equals(v.cloneParentSnapshot))) {
            owners.add("volume_clone");
        }
        if (luns.stream().anyMatch(l -> s.uuid.equals(l.cloneSnapshot))) {
            owners.add("lun_clone");
        }
        return owners;
    }
}
