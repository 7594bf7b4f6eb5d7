package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.client.PasswordSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ONTAP user and password from a file written by {@code Get-Credential | Export-Clixml -Path FILE}: the
 * password is a DPAPI blob that only the Windows account that wrote the file can decrypt, on the computer where
 * it was written. Nothing in the file is plain text.
 */
public record DpapiCredentialFile(Path file, CredentialNative nativeApi) implements PasswordSource {

    public DpapiCredentialFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(nativeApi, "nativeApi");
    }

    @Override
    public char[] password() {
        PsCredentialXml.Parsed parsed = PsCredentialXml.parse(file);
        byte[] plain;
        try {
            plain = new Dpapi(nativeApi).unprotect(parsed.protectedPassword());
        } catch (Dpapi.DpapiException e) {
            throw new IllegalStateException(failure(e));
        }
        try {
            char[] password = Dpapi.utf16leChars(plain);
            if (password.length == 0) {
                throw new IllegalStateException("the ONTAP credential file " + file + " holds an empty password; "
                        + "re-create it with: Get-Credential | Export-Clixml -Path '" + file + "'");
            }
            return password;
        } finally {
            Dpapi.wipe(plain);
        }
    }

    private String failure(Dpapi.DpapiException e) {
        String recreate = "Get-Credential | Export-Clixml -Path '" + file + "'";
        String me = nativeApi.currentUser();
        boolean system = me.equalsIgnoreCase(nativeApi.accountName(CredentialFileAcl.SYSTEM_SID))
                || me.equalsIgnoreCase("NT AUTHORITY\\SYSTEM");
        if (e.otherUserOrMachine() && system) {
            return "the ONTAP credential file " + file + " was written by another Windows user or on another computer"
                    + " (DPAPI " + Win32Errors.hex(e.error()) + ": only that account on that computer can decrypt it),"
                    + " and this process runs as SYSTEM, which nobody can log on as to write one: run the task as a"
                    + " service account (schtasks /RU DOMAIN\\account) and, logged on as that account on this computer,"
                    + " run: " + recreate;
        }
        if (e.otherUserOrMachine()) {
            return "the ONTAP credential file " + file + " was written by another Windows user or on another computer"
                    + " (DPAPI " + Win32Errors.hex(e.error()) + ": only that account on that computer can decrypt it);"
                    + " re-create it as " + me + " on this computer, e.g. in `runas /user:" + me + " powershell`: "
                    + recreate;
        }
        return "cannot decrypt the ONTAP credential file " + file + " as " + me + " (DPAPI error "
                + Win32Errors.hex(e.error()) + "); re-create it: " + recreate;
    }

    /** The user name stored with the password. */
    @Override
    public String user() {
        return PsCredentialXml.parse(file).userName();
    }

    @Override
    public String describe() {
        return "DPAPI-protected credential file " + file;
    }

    @Override
    public String toString() {
        return "DpapiCredentialFile[" + file + "]";
    }
}
