package dev.vsskit.lab.ontap;

import dev.vsskit.ontap.CloneSnapshotAccess;
import dev.vsskit.vss.verify.disk.ByteSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the lab reads a file of a FlexClone volume: the simulator keeps each clone's bytes in its own volume
 * store ({@code ontap/clones/<name>/data}), as a host would read the clone through a share. Read-only.
 */
final class LabCloneFiles implements CloneSnapshotAccess.CloneFiles {

    private final Path lab;

    LabCloneFiles(Path lab) {
        this.lab = lab;
    }

    @Override
    public ByteSource open(String cloneVolume, String pathInVolume) throws IOException {
        SimState s = SimState.load(OntapLab.stateFile(lab));
        SimState.Vol v = s.volumeByName(cloneVolume).orElseThrow(() -> new FileNotFoundException(
                "no volume " + cloneVolume + " in the lab cluster"));
        if (!v.flexClone) {
            throw new IOException("volume " + cloneVolume + " is not a FlexClone; deep verify reads only its clones");
        }
        String p = pathInVolume.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        Path data = lab.resolve(v.store).resolve("data").normalize();
        Path file = data.resolve(p).normalize();
        if (!file.startsWith(data) || !Files.isRegularFile(file)) {
            throw new FileNotFoundException(pathInVolume + " is not in clone " + cloneVolume);
        }
        return ByteSource.open(file);
    }
}
