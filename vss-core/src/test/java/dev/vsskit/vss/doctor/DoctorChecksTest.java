package dev.vsskit.vss.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.store.StorageHealth;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The storage-side doctor checks, provoked with the numbers a lab cannot reach cheaply. */
class DoctorChecksTest {

    static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    static StorageHealth health(boolean verified, Optional<Instant> clock) {
        return new StorageHealth("cluster c1", "9.13.1", verified, verified ? "CA certificate ca.pem"
                : "INSECURE (certificate not verified)", clock, 1023);
    }

    @Test
    void aDirectCsvPassesUnlessTheClusterReportsABackupStateOrAFaultAndARedirectedOneWarns() {
        ClusterSharedVolume direct = new ClusterSharedVolume("C:\\ClusterStorage\\Volume1\\", "N1",
                ClusterSharedVolume.IoMode.DIRECT, "");
        CheckResult ok = DoctorChecks.clusterSharedVolumes(Optional.of(List.of(direct)));
        assertThat(ok.status()).isEqualTo(CheckStatus.PASS);
        assertThat(ok.evidence()).isEqualTo("C:\\ClusterStorage\\Volume1\\ owner N1, Direct");

        CheckResult noAccess = DoctorChecks.clusterSharedVolumes(Optional.of(List.of(direct, new ClusterSharedVolume(
                "C:\\ClusterStorage\\Volume2\\", "N2", ClusterSharedVolume.IoMode.DIRECT, "FaultState No Access"))));
        assertThat(noAccess.status()).isEqualTo(CheckStatus.WARN);
        assertThat(noAccess.evidence()).isEqualTo("C:\\ClusterStorage\\Volume2\\ has direct I/O but the cluster"
                + " reports FaultState No Access, owner N2");
        assertThat(noAccess.advice()).contains("Get-ClusterSharedVolumeState");

        CheckResult redirected = DoctorChecks.clusterSharedVolumes(Optional.of(List.of(new ClusterSharedVolume(
                "C:\\ClusterStorage\\Volume2\\", "N2", ClusterSharedVolume.IoMode.FILE_SYSTEM_REDIRECTED,
                "FaultState Redirected Access"))));
        assertThat(redirected.status()).isEqualTo(CheckStatus.WARN);
        assertThat(redirected.evidence()).endsWith(": every VM on it is slow");
        assertThat(DoctorChecks.clusterSharedVolumes(Optional.empty()).status()).isEqualTo(CheckStatus.SKIP);
    }

    @Test
    void snapshotHeadroomWarnsNearTheLimitAndFailsWhenTheNextBackupCannotFit() {
        CheckResult ok = DoctorChecks.snapshotHeadroom(List.of(new DoctorChecks.VolumeSnapshots("v1", 10)), 1023);
        assertThat(ok.status()).isEqualTo(CheckStatus.PASS);
        assertThat(ok.evidence()).isEqualTo("v1 10 of 1023");
        CheckResult near = DoctorChecks.snapshotHeadroom(List.of(new DoctorChecks.VolumeSnapshots("v1", 921)), 1023);
        assertThat(near.status()).isEqualTo(CheckStatus.WARN);
        CheckResult full = DoctorChecks.snapshotHeadroom(List.of(new DoctorChecks.VolumeSnapshots("v1", 10),
                new DoctorChecks.VolumeSnapshots("v2", 254)), 255);
        assertThat(full.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(full.evidence()).isEqualTo("no room for the next backup: v2 254 of 255");
        assertThat(full.advice()).contains("vsskit delete backup");
    }

    @Test
    void moreThanFifteenCsvLunsOnOneStorageSystemFailsWithError13057() {
        List<DoctorChecks.LunVolume> luns = new ArrayList<>();
        IntStream.rangeClosed(1, 16).forEach(i -> luns.add(new DoctorChecks.LunVolume("cluster a", "C:\\ClusterStorage\\Volume" + i)));
        luns.add(new DoctorChecks.LunVolume("cluster b", "C:\\ClusterStorage\\Volume99"));
        CheckResult r = DoctorChecks.csvLunsPerSystem(luns);
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).isEqualTo("cluster a: 16 CSV LUNs (more than 15 fails the snapshot set with error 13057)");
        assertThat(DoctorChecks.csvLunsPerSystem(luns.subList(1, 17)).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void moreThan64SharesOfOneCifsServerFailTheFsrvpCheck() {
        List<String> shares = new ArrayList<>();
        IntStream.rangeClosed(1, 65).forEach(i -> shares.add("\\\\svm1\\share" + i + "\\"));
        shares.add("\\\\SVM1\\share1\\"); // the same share, spelled in another case
        CheckResult r = DoctorChecks.fsrvp(shares);
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).startsWith("CIFS server svm1: 65 shares");
        assertThat(DoctorChecks.fsrvp(shares.subList(1, 65)).status()).isEqualTo(CheckStatus.PASS);
        assertThat(DoctorChecks.fsrvp(List.of()).status()).isEqualTo(CheckStatus.SKIP);
    }

    @Test
    void tlsWithoutVerificationOrAnUnreachableClusterFails() {
        assertThat(DoctorChecks.storageTls("c1", Optional.of(health(true, Optional.empty())), Optional.empty()).status())
                .isEqualTo(CheckStatus.PASS);
        CheckResult insecure = DoctorChecks.storageTls("c1", Optional.of(health(false, Optional.empty())), Optional.empty());
        assertThat(insecure.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(insecure.evidence()).contains("INSECURE").contains("anyone on the path can read the password");
        CheckResult down = DoctorChecks.storageTls("the storage", Optional.empty(), Optional.of("connection refused"));
        assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(down.evidence()).isEqualTo("cannot reach the storage: connection refused");
        assertThat(down.advice()).contains("vsskit ontap ping");
    }

    @Test
    void clockSkewWarnsPastThirtySecondsAndFailsPastFiveMinutes() {
        assertThat(DoctorChecks.clockSkew(NOW, Optional.of(health(true, Optional.of(NOW.plusSeconds(2))))).evidence())
                .isEqualTo("the cluster's clock is 2 seconds ahead of the host's");
        CheckResult warn = DoctorChecks.clockSkew(NOW, Optional.of(health(true, Optional.of(NOW.minusSeconds(90)))));
        assertThat(warn.status()).isEqualTo(CheckStatus.WARN);
        assertThat(warn.evidence()).startsWith("the cluster's clock is 90 seconds behind the host's");
        CheckResult fail = DoctorChecks.clockSkew(NOW, Optional.of(health(true, Optional.of(NOW.plus(Duration.ofMinutes(6))))));
        assertThat(fail.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(fail.advice()).contains("NTP");
        assertThat(DoctorChecks.clockSkew(NOW, Optional.of(health(true, Optional.empty()))).status())
                .isEqualTo(CheckStatus.SKIP);
    }

    @Test
    void noHardwareProviderWarnsAndCountsReadAsWords() {
        assertThat(DoctorChecks.providers(List.of()).status()).isEqualTo(CheckStatus.WARN);
        assertThat(DoctorChecks.count(1, "VM")).isEqualTo("1 VM");
        assertThat(DoctorChecks.count(0, "volume")).isEqualTo("0 volumes");
    }
}
