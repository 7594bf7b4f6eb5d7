package dev.vsskit.ontap.client;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How the client decides to trust the cluster's certificate. Verification is on by default (the system
 * trust store); {@link Insecure} turns it off and the client reports a warning each time it connects.
 */
public sealed interface TlsTrust {

    String describe();

    /** The JDK's default trust store (the system CAs), with host-name verification. */
    record SystemTrustStore() implements TlsTrust {
        @Override
        public String describe() {
            return "system trust store";
        }
    }

    /** Certificates (PEM or DER) of the CA that signed the cluster's certificate, with host-name verification. */
    record CaCertificate(Path file) implements TlsTrust {
        public CaCertificate {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return "CA certificate " + file;
        }
    }

    /**
     * Exactly one server certificate, identified by the SHA-256 of its DER encoding (hex, colons allowed).
     * The pin proves the server's identity, so host names are not checked.
     */
    record PinnedCertificate(String sha256) implements TlsTrust {
        public PinnedCertificate {
            String clean = Objects.requireNonNull(sha256, "sha256").replace(":", "").trim().toLowerCase(Locale.ROOT);
            if (clean.length() != 64 || !clean.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("a pinned certificate needs the 64 hex digits of its SHA-256"
                        + " fingerprint, got '" + sha256 + "'");
            }
            sha256 = clean;
        }

        public byte[] digest() {
            return HexFormat.of().parseHex(sha256);
        }

        @Override
        public String describe() {
            return "pinned certificate sha256:" + sha256;
        }
    }

    /** No verification at all: anyone on the path can read the password. Only by explicit choice. */
    record Insecure() implements TlsTrust {
        @Override
        public String describe() {
            return "INSECURE (certificate not verified)";
        }
    }
}
