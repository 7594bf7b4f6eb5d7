package dev.vsskit.cli.render;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named value of a record as JSON and CSV show it. Values are String, Number, Boolean, null or a
 * List of those; names are part of the documented JSON contract (docs/json.md).
 */
public record Field<T>(String name, Function<T, Object> value) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static <T> Field<T> of(String name, Function<T, Object> value) {
        return new Field<>(name, value);
    }
}
