package dev.vsskit.vss.windows;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.session.BackupComponentsDocument;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vsskit's Backup Components Document with the one VSS wrote (IVssBackupComponents::SaveAsXML) kept inside it, in
 * a {@code <WindowsBackupComponents>} element, so a restore on Windows can hand VSS its own document
 * (InitializeForRestore) while vsskit reads its own fields as everywhere else.
 */
final class WindowsBcd {

    static final String ELEMENT = "WindowsBackupComponents";
    private static final Pattern EMBEDDED = Pattern.compile("<" + ELEMENT + "[^>]*>(.*?)</" + ELEMENT + ">", Pattern.DOTALL);

    private WindowsBcd() {
    }

    static String embed(BackupComponentsDocument doc, String vssXml) {
        String xml = doc.toXml();
        int end = xml.lastIndexOf("</BackupComponents>");
        return xml.substring(0, end) + "  <" + ELEMENT + ">" + escape(vssXml) + "</" + ELEMENT + ">\n" + xml.substring(end);
    }

    static String extract(String xml) {
        Matcher m = EMBEDDED.matcher(xml);
        if (!m.find()) {
            throw new VssException(HResult.VSS_E_INVALID_XML_DOCUMENT, "this Backup Components Document holds no "
                    + "document from Windows VSS (it was made by the lab, or by an older vsskit); restore it where "
                    + "it was made");
        }
        return unescape(m.group(1));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
