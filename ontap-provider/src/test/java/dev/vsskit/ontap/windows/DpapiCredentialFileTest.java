package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.ontap.client.PasswordSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DPAPI-protected Export-Clixml file read through the native seam. */
class DpapiCredentialFileTest {

    @TempDir
    Path dir;

    final FakeWindows windows = new FakeWindows();

    @Test
    void decryptsForTheUserWhoWroteIt() throws IOException {
        Path f = PsCredentialXmlTest.fixture(dir, "pscredential-ps51.xml");
        DpapiCredentialFile src = new DpapiCredentialFile(f, windows);
        assertThat(new String(src.password())).isEqualTo("Secr3t_pa$$");
        assertThat(src.user()).isEqualTo("CORP\\svc-vsskit");
        assertThat(windows.calls).contains("CryptUnprotectData flags 1", "LocalFree");
        assertThat(windows.live).as("DPAPI's output is handed back to LocalFree").isEmpty();
        assertThat(src.toString()).doesNotContain("Secr3t");
        assertThat(src.describe()).isEqualTo("DPAPI-protected credential file " + f);

        windows.user = "LAB\\backup";
        assertThat(new String(new DpapiCredentialFile(PsCredentialXmlTest.fixture(dir, "pscredential-ps7.xml"), windows)
                .password())).isEqualTo("ünïcødé-Pässwörd");
    }

    @Test
    void anotherUserOrComputerIsOneLineNamingTheFix() throws IOException {
        Path f = PsCredentialXmlTest.fixture(dir, "pscredential-ps51.xml");
        windows.user = "CORP\\someone-else";
        assertThatThrownBy(() -> new DpapiCredentialFile(f, windows).password())
                .hasMessage("the ONTAP credential file " + f + " was written by another Windows user or on another"
                        + " computer (DPAPI 0x8009000B: only that account on that computer can decrypt it); re-create it"
                        + " as CORP\\someone-else on this computer, e.g. in `runas /user:CORP\\someone-else"
                        + " powershell`: Get-Credential | Export-Clixml -Path '" + f + "'");
        windows.user = "NT-AUTORITÄT\\SYSTEM";
        assertThatThrownBy(() -> new DpapiCredentialFile(f, windows).password())
                .hasMessageContaining("this process runs as SYSTEM, which nobody can log on as to write one: run the"
                        + " task as a service account (schtasks /RU DOMAIN\\account)");
        windows.user = "CORP\\svc-vsskit";
        windows.machine = "HV02";
        assertThatThrownBy(() -> new DpapiCredentialFile(f, windows).password())
                .hasMessageContaining("was written by another Windows user or on another computer");
        assertThat(windows.live).isEmpty();
    }

    @Test
    void damagedBlobAndEmptyPassword() throws IOException {
        Path f = dir.resolve("c.xml");
        String xml = Files.readString(PsCredentialXmlTest.fixture(dir, "pscredential-ps7.xml"));
        Files.writeString(f, xml.replaceAll("<SS N=\"Password\">[0-9a-f]+", "<SS N=\"Password\">0200"),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new DpapiCredentialFile(f, windows).password())
                .hasMessage("cannot decrypt the ONTAP credential file " + f + " as CORP\\svc-vsskit (DPAPI error"
                        + " 0x80090005); re-create it: Get-Credential | Export-Clixml -Path '" + f + "'");
        String empty = HexFormat.of().formatHex(windows.protectFor(windows.user, windows.machine, new byte[0]));
        Files.writeString(f, xml.replaceAll("<SS N=\"Password\">[0-9a-f]+", "<SS N=\"Password\">" + empty));
        assertThatThrownBy(() -> new DpapiCredentialFile(f, windows).password()).hasMessageContaining("empty password");
    }

    @Test
    void theFileSourceIsChosenByContent() throws IOException {
        Path xml = PsCredentialXmlTest.fixture(dir, "pscredential-ps51.xml");
        PasswordSource s = WindowsCredentials.fileSource(xml, () -> windows, "Windows Server 2022");
        assertThat(s).isInstanceOf(DpapiCredentialFile.class);
        assertThatThrownBy(() -> WindowsCredentials.fileSource(xml, () -> windows, "Linux"))
                .hasMessageContaining("only Windows can decrypt it");
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "password=x\n");
        assertThat(WindowsCredentials.fileSource(plain, () -> {
            throw new AssertionError("a plain file needs no native calls");
        }, "Windows 11")).isEqualTo(new PasswordSource.CredentialFile(plain));
    }
}
