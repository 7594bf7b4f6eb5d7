package dev.vsskit.vss.io;

import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssId;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps records to and from {@link Json} values by their components: a record is an object whose field names
 * are the component names; {@link VssId} is its {@code {guid}} string, {@link Instant} ISO-8601,
 * {@link VolumeSnapshotAttributes} its bits, an enum its constant name, a {@code List<T>} an array. Unknown
 * fields are ignored (so modules may add their own); a missing field is null, which the record's constructor
 * may refuse. Errors name the JSON path ({@code $.volumes[1].guid}).
 */
public final class RecordJson {

    /** The JSON does not fit the record type; the message names the path and what was expected. */
    public static final class MappingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MappingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A record class's component names, generic types and canonical constructor, looked up once per class. */
    private record Shape(String[] names, Type[] types, Constructor<?> constructor) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    /** get-then-put rather than computeIfAbsent: a lambda here would cost its bootstrap on every start-up. */
    private static Shape shapeOf(Class<?> record) {
        Shape shape = SHAPES.get(record);
        if (shape == null) {
            RecordComponent[] components = record.getRecordComponents();
            String[] names = new String[components.length];
            Type[] types = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = typeOf(record, components[i]);
                raw[i] = components[i].getType();
            }
            try {
                Constructor<?> canonical = record.getDeclaredConstructor(raw);
                if (!canonical.canAccess(null)) {
                    // a record only its own package names (a lab state file's) need not be public to be read
                    canonical.setAccessible(true);
                }
                shape = new Shape(names, types, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + record.getName(), e);
            }
            SHAPES.put(record, shape);
        }
        return shape;
    }

    private RecordJson() {
    }

    /**
     * A component's type: its class, or for {@code List<X>} a list type read from the component's signature.
     * Reading {@code List<X>} by hand keeps the JDK's generic-signature machinery (some thirty classes) off
     * the start-up path of every {@code vsskit list}; anything more complex goes to {@code getGenericType()}.
     */
    private static Type typeOf(Class<?> record, RecordComponent component) {
        String signature = component.getGenericSignature();
        if (signature == null) {
            return component.getType();
        }
        String prefix = "Ljava/util/List<L";
        String suffix = ";>;";
        if (signature.startsWith(prefix) && signature.endsWith(suffix)) {
            String element = signature.substring(prefix.length(), signature.length() - suffix.length());
            if (element.indexOf('<') < 0 && element.indexOf(';') < 0) {
                try {
                    return listOf(Class.forName(element.replace('/', '.'), false, record.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    // fall through to the JDK's reading of the signature
                }
            }
        }
        return component.getGenericType();
    }

    /** Parses {@code text} as a value of {@code type} (a record class, or a {@code List<Record>} type). */
    public static <T> T read(String text, Type type) throws Json.ParseException {
        @SuppressWarnings("unchecked")
        T value = (T) fromJson(Json.parse(text), type, "$");
        return value;
    }

    public static String write(Object value) {
        return Json.pretty(toJson(value)) + "\n";
    }

    /** A {@code List<element>} type for {@link #read}. */
    public static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    public static Object toJson(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        if (v instanceof VssId || v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof VolumeSnapshotAttributes a) {
            return (long) a.bits();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(toJson(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(String.valueOf(k), toJson(val)));
            return out;
        }
        if (v.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    if (!accessor.canAccess(v)) {
                        accessor.setAccessible(true); // nor to be written
                    }
                    out.put(c.getName(), toJson(accessor.invoke(v)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            return out;
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }

    public static Object fromJson(Object json, Type type, String path) {
        // a wildcard or type variable (List<?>, List<T>) holds plain JSON values
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (json == null) {
            if (raw.isPrimitive()) {
                throw fail(path, "a value", "null", null);
            }
            return null;
        }
        if (raw == String.class) {
            return cast(json, String.class, path, "a string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return cast(json, Boolean.class, path, "true or false");
        }
        if (raw == int.class || raw == Integer.class) {
            long l = integral(json, path);
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw fail(path, "a 32-bit integer", json, null);
            }
            return (int) l;
        }
        if (raw == long.class || raw == Long.class) {
            return integral(json, path);
        }
        if (raw == double.class || raw == Double.class) {
            if (json instanceof Number n) {
                return n.doubleValue();
            }
            throw fail(path, "a number", json, null);
        }
        if (raw == VssId.class) {
            String s = cast(json, String.class, path, "a GUID string");
            try {
                return VssId.parse(s);
            } catch (IllegalArgumentException e) {
                throw fail(path, "a GUID", json, e);
            }
        }
        if (raw == Instant.class) {
            String s = cast(json, String.class, path, "an ISO-8601 time");
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw fail(path, "an ISO-8601 time", json, e);
            }
        }
        if (raw == VolumeSnapshotAttributes.class) {
            return new VolumeSnapshotAttributes((int) integral(json, path));
        }
        if (raw.isEnum()) {
            if (json instanceof String s) {
                for (Object constant : raw.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(s)) {
                        return constant;
                    }
                }
            }
            throw fail(path, "one of " + List.of(raw.getEnumConstants()), json, null);
        }
        if (raw == List.class) {
            if (!(json instanceof List<?> list)) {
                throw fail(path, "an array", json, null);
            }
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object value = fromJson(list.get(i), element, path + "[" + i + "]");
                if (value == null && element != Object.class && element instanceof Class) {
                    // a list of typed values holds no nulls (the records copy their lists with List.copyOf)
                    throw fail(path + "[" + i + "]", "a value", null, null);
                }
                out.add(value);
            }
            return out;
        }
        if (raw.isRecord()) {
            if (!(json instanceof Map<?, ?> map)) {
                throw fail(path, "an object", json, null);
            }
            Shape shape = shapeOf(raw);
            Object[] args = new Object[shape.names().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = fromJson(map.get(shape.names()[i]), shape.types()[i], path + "." + shape.names()[i]);
            }
            try {
                return shape.constructor().newInstance(args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                String why = cause instanceof NullPointerException && cause.getMessage() != null
                        ? "missing field '" + cause.getMessage() + "'" : String.valueOf(cause.getMessage());
                throw new MappingException(path + ": " + why, cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + raw.getName(), e);
            }
        }
        if (raw == Object.class) {
            return json;
        }
        throw new IllegalArgumentException("no JSON mapping for " + type);
    }

    private static long integral(Object json, String path) {
        if (json instanceof Long l) {
            return l;
        }
        if (json instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw fail(path, "an integer", json, e);
            }
        }
        throw fail(path, "an integer", json, null);
    }

    private static <T> T cast(Object json, Class<T> type, String path, String expected) {
        if (type.isInstance(json)) {
            return type.cast(json);
        }
        throw fail(path, expected, json, null);
    }

    private static MappingException fail(String path, String expected, Object actual, Throwable cause) {
        String shown = actual instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\""
                : actual instanceof Map ? "an object" : actual instanceof List ? "an array" : String.valueOf(actual);
        return new MappingException(path + ": expected " + expected + ", found " + shown, cause);
    }
}
