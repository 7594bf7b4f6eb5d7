package dev.vsskit.lab.ontap;

import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.OntapVersion;
import dev.vsskit.ontap.client.PasswordSource;
import dev.vsskit.ontap.client.TlsTrust;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The ONTAP part of a lab folder ({@code <lab>/ontap/}): seeds the simulated cluster from the default lab
 * (docs/lab.md), creates the credentials file (mode 600) and the self-signed TLS certificate, and builds
 * the pinned client connection for it.
 *
 * <pre>
 * ontap/state.json           cluster, SVM, volumes, snapshots, LUNs, igroups, maps, shares, CGs
 * ontap/knobs.json           latency, job delay, faults
 * ontap/credentials          user=vsskit / password=... (mode 600)
 * ontap/tls/server.p12       PKCS12 key store (key + certificate)
 * ontap/tls/keystore-pass    its password (mode 600)
 * ontap/tls/server.crt       the certificate, PEM
 * ontap/tls/server.sha256    its SHA-256 fingerprint, which the lab's client pins
 * ontap/address              https://127.0.0.1:PORT of the running simulator, if any
 * ontap/.state.lock          the cluster lock: every simulator of the lab (one per process) changes state.json under it
 * </pre>
 */
public final class OntapLab {

    public static final String DEFAULT_USER = "vsskit";
    public static final String DEFAULT_VERSION = "9.13.1";

    /** A lab volume the simulator serves: ONTAP name, the lab store key, and its LUN (or none). */
    public record VolumeSeed(String name, String storeKey, String lunName, String lunSerial, String shareName) {
        public VolumeSeed(String name, String storeKey, String lunName, String lunSerial) {
            this(name, storeKey, lunName, lunSerial, null);
        }
    }

    /** The default lab's ONTAP volumes (docs/lab.md). */
    public static final List<VolumeSeed> DEFAULT_VOLUMES = List.of(
            new VolumeSeed("hv_csv1", "Volume1", "/vol/hv_csv1/csv1_lun", "80D4nK+x3Qa1"),
            new VolumeSeed("hv_csv2", "Volume2", "/vol/hv_csv2/csv2_lun", "80D4nK+x3Qa2"),
            new VolumeSeed("hv_smb1", "hvshare", null, null, "hvshare"));

    private OntapLab() {
    }

    public static Path dir(Path lab) {
        return lab.resolve("ontap");
    }

    /** How the lab reads the files of the simulator's FlexClones (deep verify's {@code CloneSnapshotAccess}). */
    public static dev.vsskit.ontap.CloneSnapshotAccess.CloneFiles cloneFiles(Path lab) {
        return new LabCloneFiles(lab);
    }

    public static Path stateFile(Path lab) {
        return dir(lab).resolve("state.json");
    }

    public static Path knobsFile(Path lab) {
        return dir(lab).resolve("knobs.json");
    }

    public static Path credentialsFile(Path lab) {
        return dir(lab).resolve("credentials");
    }

    public static Path addressFile(Path lab) {
        return dir(lab).resolve("address");
    }

    public static boolean initialized(Path lab) {
        return Files.isRegularFile(stateFile(lab)) && Files.isRegularFile(credentialsFile(lab))
                && Files.isRegularFile(dir(lab).resolve("tls/server.p12"));
    }

    /** Seeds the default lab's cluster (idempotent: keeps what exists unless {@code force}). */
    public static void init(Path lab, String version, boolean force) throws IOException {
        init(lab, version, DEFAULT_VOLUMES, force);
    }

    public static void init(Path lab, String version, List<VolumeSeed> volumes, boolean force) throws IOException {
        init(lab, "cluster1", "svm1", version, volumes, force);
    }

    public static void init(Path lab, String cluster, String svm, String version, List<VolumeSeed> volumes,
            boolean force) throws IOException {
        OntapVersion.parse(version);
        Path dir = dir(lab);
        Files.createDirectories(dir.resolve("tls"));
        if (force || !Files.exists(credentialsFile(lab))) {
            byte[] raw = new byte[18];
            new SecureRandom().nextBytes(raw);
            writePrivate(credentialsFile(lab), "user=" + DEFAULT_USER + "\npassword="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n");
        }
        if (force || !Files.exists(dir.resolve("tls/server.p12"))) {
            createTls(dir.resolve("tls"));
        }
        if (force || !Files.exists(stateFile(lab))) {
            seed(cluster, svm, version, volumes).save(stateFile(lab));
        }
        if (force || !Files.exists(knobsFile(lab))) {
            AtomicFiles.write(knobsFile(lab), SimState.JSON.writeValueAsBytes(SimKnobs.NONE));
        }
    }

    /** Sets the version the simulator reports (e.g. 9.8: no consistency groups). Takes effect at its next start. */
    public static void setVersion(Path lab, String version) throws IOException {
        OntapVersion.parse(version);
        try (var lock = SimCluster.lock(lab, SimCluster.LOCK_TIMEOUT)) {
            SimState s = SimState.load(stateFile(lab));
            s.version = version;
            s.save(stateFile(lab));
        }
    }

    /**
     * Adds an igroup (iSCSI, os_type hyper_v) with these initiators to the lab's SVM, as an admin would for another
     * set of hosts; a running simulator picks it up.
     */
    public static void addIgroup(Path lab, String name, List<String> initiators) throws IOException {
        try (var lock = SimCluster.lock(lab, SimCluster.LOCK_TIMEOUT)) {
            SimState s = SimState.load(stateFile(lab));
            SimState.Igroup ig = new SimState.Igroup();
            ig.uuid = UUID.randomUUID().toString();
            ig.name = name;
            ig.svm = s.svms.get(0).name;
            ig.initiators.addAll(initiators);
            s.igroups.add(ig);
            s.save(stateFile(lab));
        }
    }

    /** Adds a volume with its own store ({@code volumes/<storeKey>}) and optionally a LUN; before the simulator starts. */
    public static void addVolume(Path lab, VolumeSeed seed) throws IOException {
        try (var lock = SimCluster.lock(lab, SimCluster.LOCK_TIMEOUT)) {
            SimState s = SimState.load(stateFile(lab));
            if (s.volumeByName(seed.name()).isPresent()) {
                throw new IllegalArgumentException("volume " + seed.name() + " already exists in the lab cluster");
            }
            addVolume(s, seed);
            s.save(stateFile(lab));
        }
    }

    public static void setKnobs(Path lab, SimKnobs knobs) throws IOException {
        AtomicFiles.write(knobsFile(lab), SimState.JSON.writeValueAsBytes(knobs));
    }

    public static SimKnobs knobs(Path lab) throws IOException {
        if (!Files.exists(knobsFile(lab))) {
            return SimKnobs.NONE;
        }
        return SimState.JSON.readValue(Files.readAllBytes(knobsFile(lab)), SimKnobs.class);
    }

    /** The SHA-256 fingerprint of the simulator's certificate (hex), which the lab's client pins. */
    public static String certificateSha256(Path lab) throws IOException {
        return Files.readString(dir(lab).resolve("tls/server.sha256")).trim();
    }

    /** A client connection to the lab's simulator at {@code address}: pinned certificate, the lab's credentials. */
    public static OntapConnection connection(Path lab, URI address) throws IOException {
        return OntapConnection.of(address, DEFAULT_USER, new PasswordSource.CredentialFile(credentialsFile(lab)),
                new TlsTrust.PinnedCertificate(certificateSha256(lab)));
    }

    /** The address of the simulator that {@code vsskit lab ontap serve} (or the lab host) is running, if any. */
    public static URI runningAddress(Path lab) throws IOException {
        if (!Files.exists(addressFile(lab))) {
            throw new IllegalStateException("no ONTAP simulator is running for the lab " + lab
                    + "; start one with: vsskit lab ontap serve");
        }
        return URI.create(Files.readString(addressFile(lab)).trim());
    }

    /**
     * Reads files of the simulator's Snapshot copies straight from the lab's volume stores (what a Windows
     * host would do through the share's {@code .snapshot} folder).
     */
    /** A Snapshot copy of the lab cluster as its volume's copy-on-write store holds it. */
    public record StoredSnapshot(dev.vsskit.lab.storage.CowVolumeStore store, String snapshotId) {
    }

    /**
     * A LUN as a host's rescan finds it: mapped to an igroup that holds the host's initiator. A LUN clone from a
     * Snapshot copy names its source LUN's serial and the copy ({@code cloneVolume}, {@code cloneSnapshot}); the
     * lab's own LUNs have none.
     */
    public record PresentedLun(String name, String serial, String sourceSerial, String cloneVolume,
            String cloneSnapshot) {
        public boolean isClone() {
            return cloneSnapshot != null;
        }
    }

    private static final java.util.regex.Pattern CLONE_SOURCE = java.util.regex.Pattern.compile(
            "/vol/([^/]+)/\\.snapshot/([^/]+)/([^/]+)");

    /** The LUNs mapped to an igroup holding {@code initiator} (case-insensitive), as the simulator has them now. */
    public static List<PresentedLun> lunsPresentedTo(Path lab, String initiator) {
        SimState s;
        try {
            s = SimState.load(stateFile(lab));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the lab's ONTAP state " + stateFile(lab), e);
        }
        java.util.Set<String> groups = new java.util.HashSet<>();
        for (SimState.Igroup g : s.igroups) {
            if (g.initiators.stream().anyMatch(i -> i.equalsIgnoreCase(initiator))) {
                groups.add(g.uuid);
            }
        }
        List<PresentedLun> out = new java.util.ArrayList<>();
        for (SimState.Lun l : s.luns) {
            if (s.lunMaps.stream().noneMatch(m -> m.lun.equals(l.uuid) && groups.contains(m.igroup))) {
                continue;
            }
            java.util.regex.Matcher m = CLONE_SOURCE.matcher(l.cloneSource == null ? "" : l.cloneSource);
            if (!m.matches()) {
                out.add(new PresentedLun(l.name, l.serial, null, null, null));
                continue;
            }
            String source = "/vol/" + m.group(1) + "/" + m.group(3);
            String sourceSerial = s.luns.stream().filter(x -> x.name.equals(source)).map(x -> x.serial).findFirst()
                    .orElse(null);
            out.add(new PresentedLun(l.name, l.serial, sourceSerial, m.group(1), m.group(2)));
        }
        return out;
    }

    /** Where the simulator keeps Snapshot copy {@code snapshotName} of {@code volume}. */
    public static java.util.Optional<StoredSnapshot> storedSnapshot(Path lab, String volume, String snapshotName) {
        SimState s;
        try {
            s = SimState.load(stateFile(lab));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the lab's ONTAP state " + stateFile(lab), e);
        }
        return s.volumeByName(volume).flatMap(v -> v.snapshots.stream().filter(x -> x.name.equals(snapshotName))
                .findFirst().map(snap -> new StoredSnapshot(
                        dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve(v.store)), snap.uuid)));
    }

    public static dev.vsskit.ontap.SnapshotFileAccess snapshotFileAccess(Path lab) {
        return new dev.vsskit.ontap.SnapshotFileAccess() {
            @Override
            public java.io.InputStream open(String volume, String snapshotName, String path) throws IOException {
                SnapshotInStore at = locate(lab, volume, snapshotName, path);
                return at.store().openSnapshotFile(at.snapshotId(), at.path());
            }

            @Override
            public java.nio.channels.ReadableByteChannel openChannel(String volume, String snapshotName, String path)
                    throws IOException {
                SnapshotInStore at = locate(lab, volume, snapshotName, path);
                return at.store().openSnapshotChannel(at.snapshotId(), at.path());
            }
        };
    }

    /** A file of a Snapshot copy, found in the lab's volume store that holds it. */
    private record SnapshotInStore(dev.vsskit.lab.storage.CowVolumeStore store, String snapshotId, String path) {
    }

    private static SnapshotInStore locate(Path lab, String volume, String snapshotName, String path)
            throws IOException {
        SimState s = SimState.load(stateFile(lab));
        SimState.Vol v = s.volumeByName(volume).orElseThrow(() -> new java.io.FileNotFoundException(
                "no volume " + volume + " in the lab cluster"));
        SimState.Snap snap = v.snapshots.stream().filter(x -> x.name.equals(snapshotName)).findFirst()
                .orElseThrow(() -> new java.io.FileNotFoundException("volume " + volume
                        + " has no Snapshot copy " + snapshotName));
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return new SnapshotInStore(dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve(v.store)), snap.uuid, p);
    }

    /** A Snapshot copy of the simulator in the lab's volume stores (its volume's store and the copy's uuid). */
    public static java.util.Optional<dev.vsskit.lab.storage.StoreSnapshot> storeSnapshot(Path lab, String volume,
            String snapshotName) {
        SimState s;
        try {
            s = SimState.load(stateFile(lab));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the lab's ONTAP state: " + e.getMessage(), e);
        }
        return s.volumeByName(volume).flatMap(v -> v.snapshots.stream().filter(x -> x.name.equals(snapshotName))
                .findFirst().map(snap -> new dev.vsskit.lab.storage.StoreSnapshot(
                        dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve(v.store)), snap.uuid)));
    }

    static SimState seed(String cluster, String svmName, String version, List<VolumeSeed> volumes) {
        SimState s = new SimState();
        s.version = version;
        s.clusterName = cluster;
        s.clusterUuid = UUID.randomUUID().toString();
        SimState.Svm svm = new SimState.Svm();
        svm.name = svmName;
        svm.uuid = UUID.randomUUID().toString();
        s.svms.add(svm);
        SimState.Igroup ig = new SimState.Igroup();
        ig.uuid = UUID.randomUUID().toString();
        ig.name = "hvcluster_hosts";
        ig.svm = svm.name;
        ig.initiators.add("iqn.1991-05.com.microsoft:hv-lab-01.lab.local");
        s.igroups.add(ig);
        for (VolumeSeed v : volumes) {
            addVolume(s, v);
        }
        return s;
    }

    private static void addVolume(SimState s, VolumeSeed seed) {
        if (!seed.name().matches("[A-Za-z_][A-Za-z0-9_]{0,202}")) {
            throw new IllegalArgumentException("invalid ONTAP volume name '" + seed.name()
                    + "': letters, digits and '_', starting with a letter or '_'");
        }
        SimState.Vol v = new SimState.Vol();
        v.uuid = UUID.randomUUID().toString();
        v.name = seed.name();
        v.svm = s.svms.get(0).name;
        v.store = "volumes/" + seed.storeKey();
        v.created = Instant.now().toString();
        s.volumes.add(v);
        if (seed.shareName() != null) {
            SimState.Share share = new SimState.Share();
            share.name = seed.shareName();
            share.svm = v.svm;
            share.path = "/" + v.name;
            share.volume = v.uuid;
            s.shares.add(share);
        }
        if (seed.lunName() != null) {
            if (seed.lunSerial() == null || seed.lunSerial().length() != 12) {
                throw new IllegalArgumentException("a LUN serial number has exactly 12 characters: " + seed.lunSerial());
            }
            SimState.Lun l = new SimState.Lun();
            l.uuid = UUID.randomUUID().toString();
            l.name = seed.lunName();
            l.svm = v.svm;
            l.volume = v.uuid;
            l.serial = seed.lunSerial();
            l.size = 500L << 30;
            l.created = v.created;
            s.luns.add(l);
            if (!s.igroups.isEmpty()) {
                SimState.LunMap m = new SimState.LunMap();
                m.lun = l.uuid;
                m.igroup = s.igroups.get(0).uuid;
                m.lunId = (int) s.lunMaps.stream().filter(x -> x.igroup.equals(m.igroup)).count();
                s.lunMaps.add(m);
            }
        }
    }

    private static void createTls(Path tls) throws IOException {
        try {
            SelfSignedCertificate.Generated g = SelfSignedCertificate.generate("vsskit-lab-ontap", 3650);
            byte[] raw = new byte[18];
            new SecureRandom().nextBytes(raw);
            String pass = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("ontap", g.keyPair().getPrivate(), pass.toCharArray(), new Certificate[] {g.certificate()});
            Path p12 = tls.resolve("server.p12");
            Path tmp = tls.resolve("server.p12" + AtomicFiles.TEMP_SUFFIX);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, pass.toCharArray());
            }
            restrict(tmp);
            Files.move(tmp, p12, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            writePrivate(tls.resolve("keystore-pass"), pass + "\n");
            byte[] der = g.certificate().getEncoded();
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
            AtomicFiles.writeString(tls.resolve("server.crt"), pem);
            AtomicFiles.writeString(tls.resolve("server.sha256"),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)) + "\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the lab's TLS certificate: " + e.getMessage(), e);
        }
    }

    /** Writes a file only its owner may read (the credentials, the key store password). */
    static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + AtomicFiles.TEMP_SUFFIX);
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
            ownerOnly(tmp);
        }
        Files.writeString(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(file.getParent());
    }

    private static void restrict(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            ownerOnly(file);
        }
    }

    /**
     * Windows' counterpart of mode 600: an ACL with one entry, full control for the file's owner, so the credential
     * file passes the check {@code PasswordSource.CredentialFile} makes there wherever the lab folder is.
     */
    private static void ownerOnly(Path file) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (view == null) {
            return;
        }
        view.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(view.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
    }
}
