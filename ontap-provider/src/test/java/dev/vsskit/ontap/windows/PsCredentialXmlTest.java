package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CliXml of {@code Get-Credential | Export-Clixml}, as both PowerShell editions write it. */
class PsCredentialXmlTest {

    @TempDir
    Path dir;

    static Path fixture(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = PsCredentialXmlTest.class.getResourceAsStream("/windows/" + name)) {
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    private Path write(String xml) throws IOException {
        Path f = dir.resolve("cred.xml");
        Files.writeString(f, xml, StandardCharsets.UTF_8);
        return f;
    }

    private static String credential(String props) {
        return "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n"
                + "  <Obj RefId=\"0\">\n    <TN RefId=\"0\">\n      <T>System.Management.Automation.PSCredential</T>\n"
                + "      <T>System.Object</T>\n    </TN>\n    <ToString>System.Management.Automation.PSCredential</ToString>\n"
                + "    <Props>\n" + props + "    </Props>\n  </Obj>\n</Objs>\n";
    }

    @Test
    void windowsPowerShellFileUtf16WithBom() throws IOException {
        Path f = fixture(dir, "pscredential-ps51.xml");
        assertThat(PsCredentialXml.looksLikeCliXml(f)).isTrue();
        PsCredentialXml.Parsed p = PsCredentialXml.parse(f);
        assertThat(p.userName()).isEqualTo("CORP\\svc-vsskit");
        assertThat(HexFormat.of().formatHex(p.protectedPassword())).isEqualTo("01000000d08c9ddf0115d1118c7a00c04fc297eb"
                + "0f434f52505c7376632d7673736b69740448563031095a3f5a395a285a695a2e5a055a2a5a3b5a7e5a7e5a");
        assertThat(p.toString()).doesNotContain("01000000");
    }

    @Test
    void powerShell7FileUtf8() throws IOException {
        PsCredentialXml.Parsed p = PsCredentialXml.parse(fixture(dir, "pscredential-ps7.xml"));
        assertThat(p.userName()).isEqualTo("LAB\\backup");
        assertThat(p.protectedPassword()).startsWith(FakeWindows.DPAPI_HEADER);
    }

    @Test
    void escapedCharactersAndAReferencedTypeName() throws IOException {
        // two credentials piped into Export-Clixml: the second refers to the first's type names by TNRef
        String two = "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCredential</T><T>System.Object</T></TN>"
                + "<ToString>System.Management.Automation.PSCredential</ToString><Props><S N=\"UserName\">a_x005F_x1_x0009_b</S>"
                + "<SS N=\"Password\">0A0B</SS></Props></Obj>"
                + "<Obj RefId=\"1\"><TNRef RefId=\"0\" /><ToString>System.Management.Automation.PSCredential</ToString>"
                + "<Props><S N=\"UserName\">second</S><SS N=\"Password\">0c</SS></Props></Obj></Objs>";
        PsCredentialXml.Parsed p = PsCredentialXml.parse(write(two));
        assertThat(p.userName()).isEqualTo("a_x1\tb");
        assertThat(p.protectedPassword()).containsExactly(0x0a, 0x0b);
        assertThat(PsCredentialXml.encode("a_x1\tb")).isEqualTo("a_x005F_x1_x0009_b");
        assertThat(PsCredentialXml.decode(PsCredentialXml.encode("CORP\\üser_x"))).isEqualTo("CORP\\üser_x");

        String onlyRef = two.replace("<TN RefId=\"0\"><T>System.Management.Automation.PSCredential</T>",
                "<TN RefId=\"0\"><T>System.String</T>");
        assertThatThrownBy(() -> PsCredentialXml.parse(write(onlyRef)))
                .hasMessageContaining("holds no System.Management.Automation.PSCredential");
    }

    @Test
    void refusals() throws IOException {
        assertThatThrownBy(() -> PsCredentialXml.parse(write(credential("      <S N=\"UserName\">u</S>\n"
                + "      <S N=\"Password\">plain</S>\n"))))
                .hasMessageContaining("its Password is a plain <S>, not a SecureString <SS>")
                .hasMessageContaining("Get-Credential | Export-Clixml -Path '")
                .hasMessageNotContaining("plain<");
        assertThatThrownBy(() -> PsCredentialXml.parse(write(credential("      <SS N=\"Password\">zz</SS>\n"))))
                .hasMessageContaining("not a hex DPAPI blob");
        assertThatThrownBy(() -> PsCredentialXml.parse(write("<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S>just a string</S></Objs>"))).hasMessageContaining("holds no System.Management.Automation.PSCredential");
        assertThatThrownBy(() -> PsCredentialXml.parse(write("<Objs><Obj/>"))).hasMessageContaining("is not valid CliXml")
                .message().doesNotContain("\n");
        assertThatThrownBy(() -> PsCredentialXml.parse(write("<Creds/>"))).hasMessageContaining("is not PowerShell CliXml");
        assertThatThrownBy(() -> PsCredentialXml.parse(write("<!DOCTYPE Objs [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Objs xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">&x;</Objs>")))
                .hasMessageContaining("is not valid CliXml");
        assertThatThrownBy(() -> PsCredentialXml.parse(dir.resolve("none.xml"))).hasMessageContaining("cannot read");
    }

    @Test
    void recognisesCliXmlWithoutReadingItAll() throws IOException {
        assertThat(PsCredentialXml.looksLikeCliXml(write("\uFEFF<?xml version=\"1.0\"?>\n  <Objs Version=\"1.1.0.1\">")))
                .isTrue();
        assertThat(PsCredentialXml.looksLikeCliXml(write("password=<Objs"))).isFalse();
        assertThat(PsCredentialXml.looksLikeCliXml(write("user=admin\npassword=x\n"))).isFalse();
        assertThat(PsCredentialXml.looksLikeCliXml(dir.resolve("missing"))).isFalse();
    }
}
