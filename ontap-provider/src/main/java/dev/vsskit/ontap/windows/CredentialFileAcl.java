package dev.vsskit.ontap.windows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Windows counterpart of {@code chmod 600} for a plain-text credential file: its ACL may let only its owner,
 * SYSTEM and the Administrators group read or change it. An entry counts when it allows reading or writing the
 * data or changing the ACL or owner (attribute-only rights such as {@code READ_ATTRIBUTES} reveal nothing);
 * deny entries and inherit-only entries (which do not apply to the file itself) are ignored.
 */
final class CredentialFileAcl {

    /** Well-known SIDs: LocalSystem and BUILTIN\Administrators. */
    public static final String SYSTEM_SID = "S-1-5-18";
    public static final String ADMINISTRATORS_SID = "S-1-5-32-544";

    /** The English names, also accepted (the names of a non-English Windows come from {@link CredentialNative#accountName}). */
    static final Set<String> ENGLISH_NAMES = Set.of("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators");

    private static final Set<AclEntryPermission> REVEALING = Set.of(AclEntryPermission.READ_DATA,
            AclEntryPermission.WRITE_DATA, AclEntryPermission.APPEND_DATA, AclEntryPermission.WRITE_ACL,
            AclEntryPermission.WRITE_OWNER);

    private CredentialFileAcl() {
    }

    /** Refuses the file unless only its owner, SYSTEM and Administrators may read or change it (Windows). */
    public static void check(Path file, CredentialNative nativeApi) {
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (view == null) {
            throw new IllegalStateException("cannot check who may read the ONTAP credential file " + file + ": its file"
                    + " system keeps no ACLs; move it to an NTFS folder, or use the Windows Credential Manager"
                    + " (`vsskit ontap credential set`)");
        }
        UserPrincipal owner;
        List<AclEntry> acl;
        try {
            owner = view.getOwner();
            acl = view.getAcl();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the ACL of the ONTAP credential file " + file + ": "
                    + e.getMessage());
        }
        Set<String> trusted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        trusted.addAll(ENGLISH_NAMES);
        trusted.add(nativeApi.accountName(SYSTEM_SID));
        trusted.add(nativeApi.accountName(ADMINISTRATORS_SID));
        refusal(file.toString(), owner, acl, trusted).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /**
     * The one-line refusal for this owner and ACL, or empty when only {@code owner} and the {@code trusted}
     * principals (names compared without case) may read or change the file.
     */
    public static Optional<String> refusal(String file, UserPrincipal owner, List<AclEntry> acl, Set<String> trusted) {
        Map<String, Set<String>> others = new LinkedHashMap<>();
        for (AclEntry e : acl) {
            if (e.type() != AclEntryType.ALLOW || e.flags().contains(AclEntryFlag.INHERIT_ONLY)) {
                continue;
            }
            String who = e.principal().getName();
            if (who.equalsIgnoreCase(owner.getName()) || trusted.stream().anyMatch(who::equalsIgnoreCase)) {
                continue;
            }
            Set<String> rights = rights(e.permissions());
            if (!rights.isEmpty()) {
                others.computeIfAbsent(who, k -> new TreeSet<>()).addAll(rights);
            }
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        String listed = others.entrySet().stream().map(o -> o.getKey() + " (" + String.join(", ", o.getValue()) + ")")
                .collect(Collectors.joining(", "));
        List<String> removes = new ArrayList<>();
        others.keySet().forEach(n -> removes.add("\"" + n + "\""));
        return Optional.of("the ONTAP credential file " + file + " can also be read or changed by " + listed
                + "; allow only its owner, SYSTEM and Administrators: icacls \"" + file + "\" /inheritance:r /grant:r \""
                + owner.getName() + ":F\" *" + SYSTEM_SID + ":F *" + ADMINISTRATORS_SID + ":F /remove "
                + String.join(" ", removes) + " (or use the Windows Credential Manager: `vsskit ontap credential set`)");
    }

    private static Set<String> rights(Set<AclEntryPermission> permissions) {
        Set<String> r = new TreeSet<>();
        for (AclEntryPermission p : permissions) {
            if (!REVEALING.contains(p)) {
                continue;
            }
            r.add(switch (p) {
                case READ_DATA -> "read";
                case WRITE_DATA, APPEND_DATA -> "write";
                default -> "change permissions";
            });
        }
        return r;
    }

}
