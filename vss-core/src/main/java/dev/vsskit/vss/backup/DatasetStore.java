package dev.vsskit.vss.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The datasets of vsskit's configuration, kept in the {@code "datasets"} member of a JSON file (other
 * members of that file are left as they are). Each change rewrites the file atomically.
 */
public final class DatasetStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public DatasetStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public List<Dataset> list() {
        ObjectNode root = read();
        List<Dataset> out = new ArrayList<>();
        JsonNode array = root.path("datasets");
        for (JsonNode d : array) {
            List<String> vms = new ArrayList<>();
            d.path("vms").forEach(v -> vms.add(v.asText()));
            try {
                out.add(new Dataset(new DatasetName(d.path("name").asText()), vms, d.path("description").asText("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": bad dataset entry (" + e.getMessage()
                        + "); fix or remove it in that file", e);
            }
        }
        out.sort(Comparator.comparing(d -> d.name().value()));
        return out;
    }

    public Optional<Dataset> find(String name) {
        return list().stream().filter(d -> d.name().value().equalsIgnoreCase(name)).findFirst();
    }

    /** Adds a dataset; a dataset of the same name (any case) is an error, not an overwrite. */
    public void create(Dataset dataset) {
        if (find(dataset.name().value()).isPresent()) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " already exists; delete it first"
                    + " (vsskit dataset delete " + dataset.name() + ") or choose another name");
        }
        List<Dataset> all = new ArrayList<>(list());
        all.add(dataset);
        write(all);
    }

    /** Removes a dataset; returns false when there was none of that name. */
    public boolean delete(String name) {
        List<Dataset> all = new ArrayList<>(list());
        boolean removed = all.removeIf(d -> d.name().value().equalsIgnoreCase(name));
        if (removed) {
            write(all);
        }
        return removed;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new IllegalStateException(file + " is not a JSON object; fix it or move it away");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + "); fix it or move it away", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<Dataset> datasets) {
        ObjectNode root = read();
        ArrayNode array = root.putArray("datasets");
        datasets.stream().sorted(Comparator.comparing(d -> d.name().value())).forEach(d -> {
            ObjectNode n = array.addObject();
            n.put("name", d.name().value());
            ArrayNode vms = n.putArray("vms");
            d.vms().forEach(vms::add);
            if (!d.description().isEmpty()) {
                n.put("description", d.description());
            }
        });
        try {
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
