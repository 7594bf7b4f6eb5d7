package dev.vsskit.ontap.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OntapClient's public API is typed: no public constructor or method takes or returns a type of the transport
 * ({@code client.internal}) or of Jackson; callers get records of this package.
 */
class OntapClientApiTest {

    @Test
    void publicSignaturesShowNoTransportOrJacksonType() {
        List<String> leaks = new ArrayList<>();
        for (Constructor<?> c : OntapClient.class.getConstructors()) {
            check(c, c.toGenericString(), leaks);
        }
        for (Method m : OntapClient.class.getMethods()) {
            if (m.getDeclaringClass() == OntapClient.class) {
                check(m, m.toGenericString() + " : " + m.getGenericReturnType().getTypeName(), leaks);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theCheckSeesALeakWhereThereIsOne() throws NoSuchMethodException {
        List<String> leaks = new ArrayList<>();
        Method leaky = Leaky.class.getDeclaredMethod("raw", String.class);
        check(leaky, leaky.toGenericString() + " : " + leaky.getGenericReturnType().getTypeName(), leaks);
        assertThat(leaks).singleElement().asString().contains("com.fasterxml.jackson.databind.JsonNode");
    }

    private static void check(Executable e, String signature, List<String> leaks) {
        if (!Modifier.isPublic(e.getModifiers())) {
            return;
        }
        if (signature.contains(".internal.") || signature.contains("com.fasterxml.")) {
            leaks.add(signature);
        }
    }

    /** A signature of the kind the rule refuses. */
    private static final class Leaky {
        public java.util.List<com.fasterxml.jackson.databind.JsonNode> raw(String path) {
            return List.of();
        }
    }
}
