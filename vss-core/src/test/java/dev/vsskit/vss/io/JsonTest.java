package dev.vsskit.vss.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() throws Exception {
        Object v = Json.parse(" {\"s\": \"a\\\"b\\\\c\\n\\u00e9\\/\", \"n\": -12, \"big\": 12345678901234567890,"
                + " \"d\": 1.5e3, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, [], {}]}\n");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c\n\u00e9/");
        expected.put("n", -12L);
        expected.put("big", new BigDecimal("12345678901234567890"));
        expected.put("d", new BigDecimal("1.5e3"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(1L, List.of(), Map.of()));
        assertThat(v).isEqualTo(expected);
    }

    @Test
    void writesWhatItReads() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", "C:\\ClusterStorage\\Volume1\\");
        m.put("list", List.of("x", 2L, true));
        m.put("none", null);
        m.put("ctl", "tab\there\u0001");
        assertThat(Json.parse(Json.pretty(m))).isEqualTo(m);
        assertThat(Json.parse(Json.compact(m))).isEqualTo(m);
        assertThat(Json.pretty(List.of(Map.of("a", 1L)))).isEqualTo("[\n  {\n    \"a\": 1\n  }\n]");
        assertThat(Json.compact(Map.of("e", Map.of("n", 2)))).isEqualTo("{\"e\":{\"n\":2}}");
    }

    @Test
    void rejectsMalformedJsonWithLineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,\n  \"b\" 2}")).isInstanceOf(Json.ParseException.class)
                .hasMessage("expected ':' at line 2, column 7");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1")).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> Json.parse("[1,]")).hasMessageContaining("unexpected character ']'");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate field 'a'");
        assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Json.parse("nul")).hasMessageContaining("unexpected token");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("unexpected text after");
    }
}
