package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Windows ACL rule for a plain credential file, as a function of the ACL listing NIO gives. */
class CredentialFileAclTest {

    record Principal(String getName) implements UserPrincipal {
    }

    static final Principal OWNER = new Principal("CORP\\svc-vsskit");
    static final Set<String> TRUSTED = Set.of("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators");
    static final String FILE = "C:\\Users\\svc-vsskit\\AppData\\Roaming\\vsskit\\ontap-credentials";

    static AclEntry allow(String who, AclEntryPermission... perms) {
        return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(new Principal(who))
                .setPermissions(EnumSet.of(perms[0], perms)).build();
    }

    /** What a file in the user's profile inherits: SYSTEM, Administrators and the user, full control. */
    static List<AclEntry> profileDefault() {
        Set<AclEntryPermission> full = EnumSet.allOf(AclEntryPermission.class);
        List<AclEntry> acl = new ArrayList<>();
        for (String who : List.of("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators", "CORP\\svc-vsskit")) {
            acl.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(new Principal(who))
                    .setPermissions(full).setFlags(AclEntryFlag.FILE_INHERIT).build());
        }
        return acl;
    }

    @Test
    void ownerSystemAndAdministratorsOnlyPass() {
        assertThat(CredentialFileAcl.refusal(FILE, OWNER, profileDefault(), TRUSTED)).isEmpty();
        // names compared without case, as Windows does
        assertThat(CredentialFileAcl.refusal(FILE, OWNER, List.of(allow("corp\\SVC-VSSKIT", AclEntryPermission.READ_DATA)),
                TRUSTED)).isEmpty();
    }

    @Test
    void anyoneElseWhoCanReadOrChangeItIsRefusedByName() {
        List<AclEntry> acl = profileDefault();
        acl.add(allow("BUILTIN\\Users", AclEntryPermission.READ_DATA, AclEntryPermission.READ_ATTRIBUTES,
                AclEntryPermission.SYNCHRONIZE));
        acl.add(allow("Everyone", AclEntryPermission.APPEND_DATA, AclEntryPermission.WRITE_ACL));
        assertThat(CredentialFileAcl.refusal(FILE, OWNER, acl, TRUSTED)).contains("the ONTAP credential file " + FILE
                + " can also be read or changed by BUILTIN\\Users (read), Everyone (change permissions, write); allow"
                + " only its owner, SYSTEM and Administrators: icacls \"" + FILE + "\" /inheritance:r /grant:r"
                + " \"CORP\\svc-vsskit:F\" *S-1-5-18:F *S-1-5-32-544:F /remove \"BUILTIN\\Users\" \"Everyone\" (or use"
                + " the Windows Credential Manager: `vsskit ontap credential set`)");
    }

    @Test
    void whatDoesNotOpenTheFileIsIgnored() {
        List<AclEntry> acl = profileDefault();
        acl.add(allow("Everyone", AclEntryPermission.READ_ATTRIBUTES, AclEntryPermission.READ_ACL,
                AclEntryPermission.SYNCHRONIZE));
        acl.add(AclEntry.newBuilder().setType(AclEntryType.DENY).setPrincipal(new Principal("BUILTIN\\Users"))
                .setPermissions(AclEntryPermission.READ_DATA).build());
        acl.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(new Principal("CREATOR OWNER"))
                .setPermissions(AclEntryPermission.READ_DATA).setFlags(AclEntryFlag.INHERIT_ONLY).build());
        assertThat(CredentialFileAcl.refusal(FILE, OWNER, acl, TRUSTED)).isEmpty();
    }

    @Test
    void aLocalisedWindowsNamesItsGroupsInItsLanguage() {
        List<AclEntry> acl = List.of(allow("NT-AUTORITÄT\\SYSTEM", AclEntryPermission.READ_DATA),
                allow("VORDEFINIERT\\Administratoren", AclEntryPermission.READ_DATA),
                allow("VORDEFINIERT\\Benutzer", AclEntryPermission.READ_DATA));
        FakeWindows german = new FakeWindows();
        Set<String> trusted = Set.of(german.accountName(CredentialFileAcl.SYSTEM_SID),
                german.accountName(CredentialFileAcl.ADMINISTRATORS_SID));
        assertThat(CredentialFileAcl.refusal(FILE, OWNER, acl, trusted)).hasValueSatisfying(m -> assertThat(m)
                .contains("changed by VORDEFINIERT\\Benutzer (read);").doesNotContain("Administratoren ("));
        assertThat(CredentialFileAcl.refusal(FILE, OWNER, acl, TRUSTED)).hasValueSatisfying(m -> assertThat(m)
                .contains("NT-AUTORITÄT\\SYSTEM (read)"));
    }
}
