package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.client.PasswordSource;
import java.util.Objects;

/** The ONTAP password (and user) from a generic credential in the Windows Credential Manager. */
public record CredentialManagerSource(String target, CredentialNative nativeApi) implements PasswordSource {

    public CredentialManagerSource {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(nativeApi, "nativeApi");
    }

    @Override
    public char[] password() {
        char[] p = new CredentialManager(nativeApi).password(target).orElseThrow(this::missing);
        if (p.length == 0) {
            throw new IllegalStateException("the Windows Credential Manager entry " + target + " holds an empty password;"
                    + " store it again with `vsskit ontap credential set`");
        }
        return p;
    }

    @Override
    public String user() {
        return new CredentialManager(nativeApi).find(target).orElseThrow(this::missing).user();
    }

    private IllegalStateException missing() {
        return new IllegalStateException("the Windows Credential Manager of " + nativeApi.currentUser() + " holds no "
                + target + "; store it as that user with `vsskit ontap credential set --cluster "
                + target.substring(CredentialManager.TARGET_PREFIX.length()) + "`");
    }

    @Override
    public String describe() {
        return "Windows Credential Manager entry " + target;
    }
}
