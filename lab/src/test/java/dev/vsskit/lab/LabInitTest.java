package dev.vsskit.lab;

import static dev.vsskit.lab.internal.VhdxWriterTest.onPath;
import static dev.vsskit.lab.internal.VhdxWriterTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.lab.internal.VhdxWriter;
import dev.vsskit.lab.internal.VhdxWriterTest;
import dev.vsskit.vss.ProviderType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabInitTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheDefaultLabOfDocsLabMd() throws IOException {
        Path lab = LabInit.create(tmp.resolve("lab"), false).dir();
        LabConfig c = LabHost.open(lab).config();

        assertThat(c.host().name()).isEqualTo("HV-LAB-01");
        assertThat(c.host().cluster()).isEqualTo("HVCLUSTER");
        assertThat(c.volumes()).extracting(LabConfig.LabVolume::key).containsExactly("C", "Volume1", "Volume2", "hvshare");
        LabConfig.LabVolume v1 = c.volume("Volume1").orElseThrow();
        assertThat(v1.lunPath()).isEqualTo("/vol/hv_csv1/csv1_lun");
        assertThat(v1.naaId()).contains("600a0980" + "383044346e4b2b78335161" + "31");
        assertThat(c.volume("hvshare").orElseThrow().volumeName()).isEqualTo("\\\\svm1\\hvshare\\");
        assertThat(c.providers()).extracting(p -> p.type()).containsExactly(ProviderType.SYSTEM, ProviderType.SOFTWARE,
                ProviderType.FILESHARE, ProviderType.HARDWARE);
        assertThat(c.writers()).hasSize(6);
        assertThat(c.vms()).extracting(LabConfig.LabVm::name).containsExactly("sql01", "web01", "app01", "file01");
        assertThat(c.vm("sql01").orElseThrow().inGuestWriters()).containsExactly("SqlServerWriter");

        for (LabConfig.LabVm vm : c.vms()) {
            Path data = lab.resolve("volumes").resolve(vm.volume()).resolve("data");
            Path vhdx = data.resolve(vm.vhdx());
            assertThat(vhdx).isRegularFile();
            assertThat(Files.size(vhdx)).isBetween(4L << 20, 16L << 20);
            byte[] head = Files.readAllBytes(vhdx);
            assertThat(new String(head, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("vhdxfile");
            Path config = data.resolve(vm.config());
            assertThat(config.getFileName().toString()).endsWith(".vmcx");
            assertThat(Files.readString(config)).contains("<name type=\"string\">" + vm.name() + "</name>");
        }
        assertThat(lab.resolve("volumes/C/data")).isDirectory();
        assertThat(lab.resolve(".lock")).isRegularFile();
    }

    @Test
    void everyVmDiskIsDifferent() throws IOException {
        Path lab = LabInit.create(tmp.resolve("lab"), false).dir();
        LabConfig c = LabHost.open(lab).config();
        var contents = c.vms().stream().map(vm -> {
            try {
                return java.util.Arrays.hashCode(Files.readAllBytes(
                        lab.resolve("volumes").resolve(vm.volume()).resolve("data").resolve(vm.vhdx())));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).distinct().count();
        assertThat(contents).isEqualTo(4);
    }

    @Test
    void refusesANonEmptyFolderThatIsNotALabAndLeavesItAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(dir.resolve("thesis.txt"), "precious");
        assertThatThrownBy(() -> LabInit.create(dir, true)).isInstanceOf(LabException.class)
                .hasMessageContaining("is not empty and is not a vsskit lab");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(dir.resolve("thesis.txt"));
        }
        assertThat(Files.readString(dir.resolve("thesis.txt"))).isEqualTo("precious");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).containsExactly(dir); // no staging folder left behind
        }
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("lab"), "x");
        assertThatThrownBy(() -> LabInit.create(file, false)).hasMessageContaining("is not a folder");
    }

    @Test
    void usesAnEmptyFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        LabInit.create(dir, false);
        assertThat(dir.resolve("lab.json")).isRegularFile();
    }

    @Test
    void replacesAnExistingLabOnlyWithForce() throws IOException {
        Path lab = LabInit.create(tmp.resolve("lab"), false).dir();
        String before = Files.readString(lab.resolve("lab.json"));
        Files.writeString(lab.resolve("catalog/backup-1.json"), "{}");

        assertThatThrownBy(() -> LabInit.create(lab, false)).hasMessageContaining("a lab already exists")
                .hasMessageContaining("--force");
        assertThat(Files.readString(lab.resolve("lab.json"))).isEqualTo(before);

        LabInit.Result r = LabInit.create(lab, true);
        assertThat(r.replaced()).isTrue();
        assertThat(lab.resolve("catalog/backup-1.json")).doesNotExist();
        assertThat(Files.readString(lab.resolve("lab.json"))).isNotEqualTo(before);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).containsExactly(lab);
        }
    }

    @Test
    void forceOnABusyLabFailsCleanlyAndLeavesTheOldLab() throws Exception {
        Path lab = LabInit.create(tmp.resolve("lab"), false).dir();
        String before = Files.readString(lab.resolve("lab.json"));
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var holder = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (LabLock lock = LabLock.acquire(lab)) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        try {
            assertThatThrownBy(() -> LabInit.create(lab, true, LabInit.defaultConfig(dev.vsskit.vss.VssId::random),
                    java.time.Duration.ZERO)).isInstanceOf(LabException.class).hasMessageContaining("the lab is busy");
        } finally {
            release.countDown();
            holder.get();
        }
        assertThat(Files.readString(lab.resolve("lab.json"))).isEqualTo(before);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).containsExactly(lab);
        }
    }

    @Test
    void labVmDisksAreValidForQemu() throws Exception {
        assumeTrue(onPath("qemu-img"), "skipped: qemu-img is absent (apt-get install qemu-utils; .ci/run installs it)");
        LabConfig.LabVm vm = LabInit.defaultConfig(dev.vsskit.vss.VssId::random).vms().get(0);
        Path file = tmp.resolve("vm.vhdx");
        byte[] content = LabInit.diskContent(vm);
        VhdxWriter.write(file, content, vm.id().uuid(), "vsskit lab");
        VhdxWriterTest.Run check = run("qemu-img", "check", "-f", "vhdx", file.toString());
        assertThat(check.exit()).as(check.output()).isZero();
        Path raw = tmp.resolve("vm.raw");
        assertThat(run("qemu-img", "convert", "-f", "vhdx", "-O", "raw", file.toString(), raw.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(raw)).isEqualTo(content);
    }
}
