package dev.vsskit.lab.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What Hyper-V would know about each lab VM at run time: running or off, registered or not (a restore
 * unregisters it between PreRestore and PostRestore). Kept in {@code <lab>/vss/vm-state.json}; a VM not
 * listed there is registered and running, as on a Hyper-V host in production.
 */
public final class LabVmStates {

    static final String FILE = "vss/vm-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One VM's run-time state. */
    public record State(boolean running, boolean registered) {
        public static final State DEFAULT = new State(true, true);
    }

    private final Path lab;

    public LabVmStates(Path lab) {
        this.lab = lab;
    }

    public State get(String vm) {
        JsonNode n = read().path(vm.toLowerCase(Locale.ROOT));
        if (n.isMissingNode()) {
            return State.DEFAULT;
        }
        return new State(n.path("running").asBoolean(true), n.path("registered").asBoolean(true));
    }

    public void set(String vm, State state) {
        try (LabLock lock = LabLock.acquire(lab)) {
            ObjectNode root = read();
            ObjectNode n = root.putObject(vm.toLowerCase(Locale.ROOT));
            n.put("running", state.running());
            n.put("registered", state.registered());
            AtomicFiles.write(lab.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + lab.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode read() {
        Path f = lab.resolve(FILE);
        if (!Files.exists(f)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(f));
            if (n instanceof ObjectNode o) {
                return o;
            }
            throw new IllegalStateException(f + " is not a JSON object; delete it to reset the VMs to running");
        } catch (IOException e) {
            throw new IllegalStateException(f + " is unreadable (" + e.getMessage()
                    + "); delete it to reset the VMs to running", e);
        }
    }
}
