package dev.vsskit.lab.ontap;

import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.internal.RestTransport;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.RetryPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test fixture: a lab folder with the default ONTAP state and VM files, a running simulator and a client. */
final class LabOntap implements AutoCloseable {

    final Path lab;
    final OntapSimulator sim;
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> retries = Collections.synchronizedList(new ArrayList<>());

    private LabOntap(Path lab, OntapSimulator sim) {
        this.lab = lab;
        this.sim = sim;
    }

    static LabOntap start(Path lab, String version, SimTime time) throws IOException {
        OntapLab.init(lab, version, false);
        seedFiles(lab);
        return new LabOntap(lab, OntapSimulator.start(lab, 0, time));
    }

    static void seedFiles(Path lab) throws IOException {
        write(lab.resolve("volumes/Volume1/data/sql01/Virtual Hard Disks/sql01.vhdx"), 300_000, 1);
        write(lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx"), 200_000, 2);
        write(lab.resolve("volumes/Volume2/data/app01/Virtual Hard Disks/app01.vhdx"), 150_000, 3);
        write(lab.resolve("volumes/hvshare/data/file01/Virtual Hard Disks/file01.vhdx"), 100_000, 4);
    }

    static void write(Path p, int size, long seed) throws IOException {
        Files.createDirectories(p.getParent());
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        Files.write(p, b);
    }

    OntapConnection connection() throws IOException {
        return OntapLab.connection(lab, sim.address())
                .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    OntapClient client() throws IOException {
        return client(connection());
    }

    OntapClient client(OntapConnection c) {
        return client(c, OntapClient.Sleeper.REAL);
    }

    /** A client whose waits between polls and retries go through {@code sleeper}, e.g. the simulator's clock. */
    OntapClient client(OntapConnection c, OntapClient.Sleeper sleeper) {
        return new OntapClient(c, new OntapClientListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }

            @Override
            public void retrying(String request, int attempt, long delayMillis, OntapException cause) {
                retries.add(request + " #" + attempt + ": " + cause.kind());
            }
        }, sleeper);
    }

    /** The client's transport, for what the typed API does not show: raw records of a collection. */
    RestTransport transport() throws IOException {
        return new RestTransport(connection(), OntapClientListener.NONE, OntapClient.Sleeper.REAL);
    }

    CowVolumeStore store(String key) {
        return CowVolumeStore.open(lab.resolve("volumes").resolve(key));
    }

    @Override
    public void close() {
        sim.close();
        for (String k : List.of("Volume1", "Volume2", "hvshare")) {
            store(k).close();
        }
    }
}
