package dev.vsskit.lab.ontap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Makes the simulator's self-signed certificate in plain Java: an EC P-256 key and an X.509 v3
 * certificate (CN, subjectAltName DNS:localhost and IP:127.0.0.1), DER-encoded here and signed with
 * SHA256withECDSA. No keytool process and no BouncyCastle: the JDK has no public API for building
 * certificates, but the DER needed for one self-signed certificate is small.
 */
final class SelfSignedCertificate {

    /** The key pair and the certificate made from it. */
    public record Generated(KeyPair keyPair, X509Certificate certificate) {
    }

    private static final byte[] OID_ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] OID_CN = oid(2, 5, 4, 3);
    private static final byte[] OID_O = oid(2, 5, 4, 10);
    private static final byte[] OID_SAN = oid(2, 5, 29, 17);
    private static final byte[] OID_BASIC_CONSTRAINTS = oid(2, 5, 29, 19);

    private SelfSignedCertificate() {
    }

    public static Generated generate(String commonName, int validDays) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair kp = kpg.generateKeyPair();

        byte[] algorithm = seq(OID_ECDSA_SHA256);
        byte[] name = seq(set(seq(OID_CN, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))),
                set(seq(OID_O, tlv(0x0c, "vsskit lab".getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        byte[] validity = seq(time(now), time(now.plusDays(validDays)));
        byte[] san = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                tlv(0x87, new byte[] {127, 0, 0, 1}));
        byte[] extensions = tlv(0xa3, seq(
                seq(OID_SAN, tlv(0x04, san)),
                seq(OID_BASIC_CONSTRAINTS, tlv(0x04, seq()))));
        byte[] serial = tlv(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray());
        byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[] {2})), serial, algorithm, name, validity, name,
                kp.getPublic().getEncoded(), extensions);

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(kp.getPrivate());
        signer.update(tbs);
        byte[] sig = signer.sign();
        byte[] bitString = new byte[sig.length + 1];
        System.arraycopy(sig, 0, bitString, 1, sig.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bitString));

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        cert.verify(kp.getPublic());
        return new Generated(kp, cert);
    }

    private static byte[] time(ZonedDateTime t) {
        if (t.getYear() < 2050) {
            return tlv(0x17, t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, t.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            byte[] l = BigInteger.valueOf(len).toByteArray();
            int start = l[0] == 0 ? 1 : 0;
            out.write(0x80 | (l.length - start));
            out.write(l, start, l.length - start);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int n = 0;
            byte[] tmp = new byte[5];
            do {
                tmp[n++] = (byte) (v & 0x7f);
                v >>>= 7;
            } while (v != 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }
}
