package dev.vsskit.vss.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.HResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackupNamingAndPolicyTest {

    @Test
    void backupNamesFollowTheSmhvConvention() {
        Instant t = LocalDateTime.of(2012, 4, 10, 10, 37, 58).toInstant(ZoneOffset.UTC);
        BackupName name = BackupName.of("smhv-ccb-ds", t, ZoneOffset.UTC);
        assertThat(name.value()).isEqualTo("smhv-ccb-ds_04-10-2012_10.37.58");
        assertThat(name.timestamp()).contains(LocalDateTime.of(2012, 4, 10, 10, 37, 58));
        assertThat(BackupName.of("HV-LAB-01", t, ZoneOffset.UTC).value()).isEqualTo("HV-LAB-01_04-10-2012_10.37.58");
    }

    @Test
    void datasetAndBackupNamesRejectWhatSmhvAndOntapReject() {
        assertThat(new DatasetName("prod_vms-1").value()).isEqualTo("prod_vms-1");
        assertThatThrownBy(() -> new DatasetName("a/b")).hasMessageContaining("a-z A-Z 0-9 _ -");
        assertThatThrownBy(() -> new DatasetName("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackupName("x y")).hasMessageContaining("invalid backup name");
    }

    @Test
    void retentionByCountKeepsTheNewestAndNeverTheOneJustTaken() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        List<RetentionPolicy.Candidate> five = List.of(
                new RetentionPolicy.Candidate("b1", now.minusSeconds(500)),
                new RetentionPolicy.Candidate("b2", now.minusSeconds(400)),
                new RetentionPolicy.Candidate("b3", now.minusSeconds(300)),
                new RetentionPolicy.Candidate("b4", now.minusSeconds(200)),
                new RetentionPolicy.Candidate("b5", now.minusSeconds(100)));
        RetentionPolicy keep3 = new RetentionPolicy(OptionalInt.of(3), Optional.empty());
        assertThat(keep3.toDelete(five, "b5", Set.of(), now)).extracting(RetentionPolicy.Candidate::name)
                .containsExactly("b1", "b2");
        // a clock skew that makes the just-taken backup look oldest must not delete it
        assertThat(new RetentionPolicy(OptionalInt.of(1), Optional.empty()).toDelete(five, "b1", Set.of(), now))
                .extracting(RetentionPolicy.Candidate::name).containsExactly("b2", "b3", "b4", "b5");
    }

    @Test
    void retentionByAgeDeletesOnlyOlderBackups() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        List<RetentionPolicy.Candidate> backups = List.of(
                new RetentionPolicy.Candidate("old", now.minus(Duration.ofDays(20))),
                new RetentionPolicy.Candidate("new", now.minus(Duration.ofDays(2))));
        RetentionPolicy days15 = new RetentionPolicy(OptionalInt.empty(), Optional.of(Duration.ofDays(15)));
        assertThat(days15.toDelete(backups, "new", Set.of(), now)).extracting(RetentionPolicy.Candidate::name)
                .containsExactly("old");
        assertThat(RetentionPolicy.unlimited().toDelete(backups, "new", Set.of(), now)).isEmpty();
        assertThatThrownBy(() -> new RetentionPolicy(OptionalInt.of(0), Optional.empty()))
                .hasMessageContaining("--retain must be at least 1");
    }

    @Test
    void retryPolicyKnowsWhatIsTransient() {
        assertThat(RetryPolicy.isTransient(HResult.VSS_E_HOLD_WRITES_TIMEOUT)).isTrue();
        assertThat(RetryPolicy.isTransient(HResult.VSS_E_WRITERERROR_RETRYABLE)).isTrue();
        assertThat(RetryPolicy.isTransient(HResult.VSS_E_WRITERERROR_NONRETRYABLE)).isFalse();
        assertThat(RetryPolicy.SMHV_DEFAULT.tries()).isEqualTo(3);
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("invalid duration 'soon'");
    }
}
