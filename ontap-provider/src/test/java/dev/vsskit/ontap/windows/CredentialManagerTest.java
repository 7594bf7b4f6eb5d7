package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Credential Manager binding through the native seam (CREDENTIALW in native memory, CredFree after reads). */
class CredentialManagerTest {

    final FakeWindows windows = new FakeWindows();
    final CredentialManager vault = new CredentialManager(windows);

    @Test
    void targetNames() {
        assertThat(CredentialManager.target(URI.create("https://Cluster1.Example.com"))).isEqualTo(
                "vsskit:ontap/cluster1.example.com");
        assertThat(CredentialManager.target(URI.create("https://10.0.0.5:8443/"))).isEqualTo("vsskit:ontap/10.0.0.5:8443");
        assertThat(CredentialManager.target(URI.create("https://cluster1:443"))).isEqualTo("vsskit:ontap/cluster1");
        assertThatThrownBy(() -> CredentialManager.target(URI.create("https:///x"))).hasMessageContaining("names no host");
    }

    @Test
    void storeReadShowDelete() {
        String target = "vsskit:ontap/cluster1";
        assertThat(vault.find(target)).isEmpty();
        vault.store(target, "vsskit", "pässwörd".toCharArray());
        FakeWindows.Stored s = windows.vault().get(target);
        assertThat(s.user()).isEqualTo("vsskit");
        assertThat(s.blob()).as("UTF-16LE, no terminator")
                .isEqualTo("pässwörd".getBytes(StandardCharsets.UTF_16LE));
        assertThat(s.persist()).isEqualTo(2);
        assertThat(vault.find(target)).contains(new CredentialManager.Entry(target, "vsskit", 8));
        assertThat(new String(vault.password(target).orElseThrow())).isEqualTo("pässwörd");
        assertThat(windows.live).as("every CredReadW result went to CredFree").isEmpty();
        assertThat(windows.calls).containsSubsequence("CredWriteW vsskit:ontap/cluster1 type 1",
                "CredReadW vsskit:ontap/cluster1 type 1", "CredFree");

        CredentialManagerSource src = new CredentialManagerSource(target, windows);
        assertThat(new String(src.password())).isEqualTo("pässwörd");
        assertThat(src.user()).isEqualTo("vsskit");
        assertThat(src.toString()).doesNotContain("pässwörd");

        vault.store(target, "admin", "second".toCharArray());
        assertThat(vault.find(target)).contains(new CredentialManager.Entry(target, "admin", 6));
        assertThat(vault.delete(target)).isTrue();
        assertThat(vault.delete(target)).isFalse();
        assertThatThrownBy(src::password).hasMessage("the Windows Credential Manager of CORP\\svc-vsskit holds no"
                + " vsskit:ontap/cluster1; store it as that user with `vsskit ontap credential set --cluster cluster1`");
    }

    @Test
    void anotherUsersVaultIsNotThisOne() {
        vault.store("vsskit:ontap/c1", "vsskit", "x".toCharArray());
        windows.user = "NT AUTHORITY\\SYSTEM";
        assertThat(vault.find("vsskit:ontap/c1")).isEmpty();
    }

    @Test
    void failuresAreOneLine() {
        windows.failNext = 1312;
        assertThatThrownBy(() -> vault.find("vsskit:ontap/c1")).hasMessage("cannot read vsskit:ontap/c1 from the Windows"
                + " Credential Manager as CORP\\svc-vsskit (error 1312: this logon has no user profile, so no credential"
                + " store; run the scheduled task with its password stored (not 'Do not store password'), or use a"
                + " DPAPI credential file)");
        windows.failNext = 5;
        assertThatThrownBy(() -> vault.store("vsskit:ontap/c1", "u", "p".toCharArray()))
                .hasMessageContaining("cannot store vsskit:ontap/c1").hasMessageContaining("(error 5)")
                .hasMessageNotContaining("p)");
        assertThatThrownBy(() -> vault.store("vsskit:ontap/c1", "u", new char[257]))
                .hasMessageContaining("longer than the Windows Credential Manager holds (256 characters)");
        assertThat(windows.vault()).isEmpty();
    }
}
