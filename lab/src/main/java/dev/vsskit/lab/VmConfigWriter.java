package dev.vsskit.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a VM's configuration file ({@code Virtual Machines\<VM id>.vmcx}). Hyper-V 2016+'s binary .vmcx
 * format is undocumented, so the lab writes the documented XML shape of the Hyper-V 2012 R2 configuration
 * ({@code <configuration><properties>...}) under the .vmcx name: a real file a restore must bring back
 * byte for byte, readable by people.
 */
final class VmConfigWriter {

    private VmConfigWriter() {
    }

    public static String xml(LabConfig.LabVm vm, LabConfig.LabVolume volume) {
        String id = vm.id().bare().toUpperCase(Locale.ROOT);
        String vhdxPath = volume.path() + vm.vhdx().replace('/', '\\');
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- vsskit lab VM configuration (Hyper-V 2012 R2 XML configuration layout) -->\n"
                + "<configuration>\n"
                + "  <properties>\n"
                + "    <name type=\"string\">" + esc(vm.name()) + "</name>\n"
                + "    <global_id type=\"string\">" + id + "</global_id>\n"
                + "    <type_id type=\"string\">Virtual Machines</type_id>\n"
                + "    <version type=\"integer\">1280</version>\n"
                + "  </properties>\n"
                + "  <settings>\n"
                + "    <processors><count type=\"integer\">2</count></processors>\n"
                + "    <memory><bank><size type=\"integer\">4096</size><dynamic_memory_enabled type=\"bool\">False</dynamic_memory_enabled></bank></memory>\n"
                + "  </settings>\n"
                + "  <integration_services>\n"
                + "    <backup><enabled type=\"bool\">" + (vm.backupIntegration() ? "True" : "False") + "</enabled></backup>\n"
                + "    <heartbeat><enabled type=\"bool\">True</enabled></heartbeat>\n"
                + "  </integration_services>\n"
                + "  <scsi_controller id=\"0\">\n"
                + "    <drive id=\"0\">\n"
                + "      <pathname type=\"string\">" + esc(vhdxPath) + "</pathname>\n"
                + "      <type type=\"string\">VHD</type>\n"
                + "    </drive>\n"
                + "  </scsi_controller>\n"
                + "</configuration>\n";
    }

    public static void write(Path file, LabConfig.LabVm vm, LabConfig.LabVolume volume) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, xml(vm, volume).getBytes(StandardCharsets.UTF_8));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
