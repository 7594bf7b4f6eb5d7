package dev.vsskit.lab;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one JSON mapping of lab state files: ids as {@code {guid}} strings, instants as ISO-8601 UTC,
 * attributes as their bit value. Reads report a missing or corrupt file as a one-line {@link LabException}
 * naming the file and the fix; writes are atomic ({@link AtomicFiles}).
 */
public final class LabJson {

    /** The fix printed with every corrupt-lab error. */
    public static final String FIX = "recreate the lab with `vsskit lab init --force`";

    private static final ObjectMapper MAPPER = createMapper();

    private LabJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(Path file, Class<T> type) {
        return read(file, MAPPER.constructType(type));
    }

    public static <T> T read(Path file, JavaType type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LabException(file + " is missing; " + FIX, e);
        } catch (IOException e) {
            throw new LabException("cannot read " + file + " (" + e.getMessage() + "); check its permissions", e);
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new LabException(file + " is empty or null; " + FIX);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof LabException le) {
                throw le;
            }
            throw new LabException(file + " is corrupt (" + reason(e) + "); " + FIX, e);
        }
    }

    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
        if (msg == null) {
            msg = t.getClass().getSimpleName();
        }
        // Jackson appends source excerpts and locations; keep the first clause and give line/column ourselves.
        for (String noise : new String[] {"\n", " (start marker", " at [Source", " (for "}) {
            int cut = msg.indexOf(noise);
            if (cut > 0) {
                msg = msg.substring(0, cut);
            }
        }
        msg = msg.replaceAll("\\s+", " ").trim();
        if (msg.endsWith(":")) {
            msg = msg.substring(0, msg.length() - 1);
        }
        if (t instanceof JsonProcessingException located && located.getLocation() != null && located.getLocation().getLineNr() > 0) {
            msg += " at line " + located.getLocation().getLineNr() + ", column " + located.getLocation().getColumnNr();
        }
        return msg.length() > 160 ? msg.substring(0, 157) + "..." : msg;
    }

    private static ObjectMapper createMapper() {
        SimpleModule m = new SimpleModule("vsskit-lab");
        m.addSerializer(VssId.class, new JsonSerializer<>() {
            @Override
            public void serialize(VssId v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addDeserializer(VssId.class, new JsonDeserializer<>() {
            @Override
            public VssId deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String s = p.getValueAsString();
                if (s == null || !VssId.isValid(s)) {
                    throw c.weirdStringException(s, VssId.class, "not a GUID");
                }
                return VssId.parse(s);
            }
        });
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String s = p.getValueAsString();
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException | NullPointerException e) {
                    throw c.weirdStringException(s, Instant.class, "not an ISO-8601 instant");
                }
            }
        });
        m.addSerializer(VolumeSnapshotAttributes.class, new JsonSerializer<>() {
            @Override
            public void serialize(VolumeSnapshotAttributes v, JsonGenerator g, SerializerProvider p)
                    throws IOException {
                g.writeNumber(v.bits());
            }
        });
        m.addDeserializer(VolumeSnapshotAttributes.class, new JsonDeserializer<>() {
            @Override
            public VolumeSnapshotAttributes deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return new VolumeSnapshotAttributes(p.getIntValue());
            }
        });
        return new ObjectMapper()
                .registerModule(m)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
