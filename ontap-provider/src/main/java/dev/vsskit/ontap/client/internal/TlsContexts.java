package dev.vsskit.ontap.client.internal;

import dev.vsskit.ontap.client.TlsTrust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the SSLContext for a {@link TlsTrust} choice. */
final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext forTrust(TlsTrust trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager[] tms;
            if (trust instanceof TlsTrust.CaCertificate ca) {
                tms = caTrustManagers(ca);
            } else if (trust instanceof TlsTrust.PinnedCertificate pin) {
                tms = new TrustManager[] {new PinningTrustManager(pin.digest())};
            } else if (trust instanceof TlsTrust.Insecure) {
                tms = new TrustManager[] {new PinningTrustManager(null)};
            } else {
                tms = null; // the JDK's default trust store
            }
            ctx.init(null, tms, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS (" + trust.describe() + "): " + e.getMessage(), e);
        }
    }

    private static TrustManager[] caTrustManagers(TlsTrust.CaCertificate ca) throws GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try {
            byte[] bytes = Files.readAllBytes(ca.file());
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CA certificate " + ca.file() + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalStateException("the CA file " + ca.file() + " holds no certificate (PEM or DER expected)");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** SHA-256 of a certificate's DER encoding, lower-case hex. */
    public static String sha256(Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Trusts exactly the pinned leaf certificate (or, with a null pin, anything: the explicit insecure
     * mode). Being an X509ExtendedTrustManager, the JDK leaves host-name checks to it: the pin already
     * proves identity.
     */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final byte[] pin;

        PinningTrustManager(byte[] pin) {
            this.pin = pin;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (pin == null) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            byte[] got;
            try {
                got = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            if (!MessageDigest.isEqual(got, pin)) {
                throw new CertificateException("the server certificate (sha256 " + HexFormat.of().formatHex(got)
                        + ") is not the pinned one (sha256 " + HexFormat.of().formatHex(pin) + ")");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not accepted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not accepted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
