package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One parsed REST request: method, raw path, raw and decoded query, JSON body (a NullNode when empty). */
record SimRequest(String method, String path, String rawQuery, Map<String, String> query, JsonNode body) {
    String q(String k) {
        return query.get(k);
    }

    String q(String k, String dflt) {
        return query.getOrDefault(k, dflt);
    }
}
