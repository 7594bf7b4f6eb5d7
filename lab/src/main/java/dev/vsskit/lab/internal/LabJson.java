package dev.vsskit.lab.internal;

import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.Json;
import dev.vsskit.vss.io.RecordJson;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes lab state files as JSON through {@link RecordJson} (records by component name; ids as
 * {@code {guid}} strings, instants ISO-8601, attributes as bits). Reads report a missing or corrupt file as a
 * one-line {@link LabException} naming the file and the fix; writes are atomic ({@link AtomicFiles}).
 * No data-binding framework: this is on the start-up path of every {@code vsskit list}.
 */
public final class LabJson {

    /** The fix printed with every corrupt-lab error. */
    /**
     * The fix for a lab file that is missing or wrong: recreate that lab, named by its folder so the command
     * replaces exactly the lab that failed (not the default one) when copied as printed.
     */
    public static String fix(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getFileName() != null && abs.getFileName().toString().equals(LabInit.LAB_JSON)
                ? abs.getParent() : null;
        for (Path p = abs.getParent(); dir == null && p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(LabInit.LAB_JSON))) {
                dir = p;
            }
        }
        return dir == null ? "recreate the lab with `vsskit lab init --force`"
                : "recreate the lab with " + LabInit.howToReplace(dir);
    }

    private LabJson() {
    }

    public static <T> T read(Path file, Class<T> type) {
        return read(file, (Type) type);
    }

    public static <E> List<E> readList(Path file, Class<E> element) {
        return read(file, RecordJson.listOf(element));
    }

    public static <T> T read(Path file, Type type) {
        T value = map(file, parse(file), type, "$");
        if (value == null) {
            throw corrupt(file, "it holds null");
        }
        return value;
    }

    /** The file's JSON object, for a caller that maps its parts itself with {@link #map}. */
    public static Map<?, ?> readObject(Path file) {
        Object tree = parse(file);
        if (tree instanceof Map<?, ?> object) {
            return object;
        }
        throw corrupt(file, "$: expected an object, found " + (tree instanceof List ? "an array" : String.valueOf(tree)));
    }

    /** A part of {@code file}'s JSON ({@code path} names it in errors) as a {@code type}. */
    public static <T> T map(Path file, Object json, Type type, String path) {
        try {
            @SuppressWarnings("unchecked")
            T value = (T) RecordJson.fromJson(json, type, path);
            return value;
        } catch (RecordJson.MappingException e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    /** The one-line error for a lab file whose content is wrong: the file, what is wrong, and the fix. */
    public static LabException corrupt(Path file, String why) {
        return corrupt(file, why, null);
    }

    public static LabException corrupt(Path file, String why, Throwable cause) {
        return new LabException(file + " is corrupt (" + why + "); " + fix(file), cause);
    }

    private static Object parse(Path file) {
        String text;
        try {
            text = utf8(readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new LabException(file + " is missing; " + fix(file), e);
        } catch (CharacterCodingException e) {
            throw corrupt(file, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new LabException("cannot read " + file + " (" + e.getMessage() + "); check its permissions", e);
        }
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    /**
     * The file's bytes through a plain {@link FileInputStream}: {@code Files.readAllBytes} loads some twenty
     * channel classes, a cost every {@code vsskit list} would pay at start-up.
     */
    private static byte[] readAllBytes(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            // FileInputStream says this for a missing file and for one it may not read alike
            throw Files.exists(file) ? e : new NoSuchFileException(file.toString());
        }
    }

    /** Strict UTF-8: malformed bytes are an error, not replacement characters. */
    private static String utf8(byte[] bytes) throws CharacterCodingException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // rare: only then pay for the strict decoder, which tells a real U+FFFD from a malformed byte
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        }
        return text;
    }

    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, RecordJson.write(value).getBytes(StandardCharsets.UTF_8));
    }
}
