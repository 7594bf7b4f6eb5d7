package dev.vsskit.ontap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path dir;

    @Test
    void environmentVariable() {
        var src = new PasswordSource.EnvironmentVariable("VSSKIT_ONTAP_PASSWORD", Map.of("VSSKIT_ONTAP_PASSWORD", "s3cret"));
        assertThat(new String(src.password())).isEqualTo("s3cret");
        assertThat(src.toString()).doesNotContain("s3cret");
        var missing = new PasswordSource.EnvironmentVariable("VSSKIT_ONTAP_PASSWORD", Map.of());
        assertThatThrownBy(missing::password).hasMessageContaining("VSSKIT_ONTAP_PASSWORD is not set");
    }

    @Test
    void credentialFileOwnerOnly() throws IOException {
        Path f = dir.resolve("cred");
        Files.writeString(f, "user=admin\npassword=pa=ss\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        var src = new PasswordSource.CredentialFile(f);
        assertThat(new String(src.password())).isEqualTo("pa=ss");
        assertThat(src.user()).isEqualTo("admin");
        Files.writeString(f, "just-the-password\n");
        assertThat(new String(src.password())).isEqualTo("just-the-password");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(src::password).hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> new PasswordSource.CredentialFile(dir.resolve("none")).password())
                .hasMessageContaining("does not exist");
    }

    @Test
    void promptAndVersion() {
        assertThat(new String(new PasswordSource.Prompt(() -> "typed".toCharArray()).password())).isEqualTo("typed");
        assertThatThrownBy(() -> new PasswordSource.Prompt(() -> new char[0]).password())
                .hasMessageContaining("no ONTAP password");
        assertThat(OntapVersion.parse("9.8").hasConsistencyGroups()).isFalse();
        assertThat(OntapVersion.parse("9.10.1").hasTwoPhaseCgSnapshots()).isFalse();
        assertThat(OntapVersion.parse("9.13.1").hasTwoPhaseCgSnapshots()).isTrue();
        assertThatThrownBy(() -> OntapConnection.of(java.net.URI.create("http://x"), "u",
                new PasswordSource.Prompt(() -> new char[] {'x'}), new TlsTrust.SystemTrustStore()))
                .hasMessageContaining("https://");
    }
}
