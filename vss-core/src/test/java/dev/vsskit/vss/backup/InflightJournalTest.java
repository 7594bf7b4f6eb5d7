package dev.vsskit.vss.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InflightJournalTest {

    @TempDir
    Path catalog;

    @Test
    void aNoteOfThisRunningProcessIsNoOrphanAndNamesItsStart() throws Exception {
        InflightJournal journal = new InflightJournal(catalog);
        InflightJournal.Entry e = journal.begin("HV-LAB-01_x", Instant.parse("2026-12-07T02:00:00Z"));
        assertThat(journal.orphans()).isEmpty();
        assertThat(Files.readString(e.file())).contains("\"pidStarted\" : \""
                + ProcessHandle.current().info().startInstant().orElseThrow() + "\"");
    }

    @Test
    void aNoteWhoseProcessIdWasGivenToAnotherProcessIsAnOrphan() throws Exception {
        InflightJournal journal = new InflightJournal(catalog);
        InflightJournal.Entry e = journal.begin("HV-LAB-01_x", Instant.parse("2026-12-07T02:00:00Z"));
        Instant myStart = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.writeString(e.file(), Files.readString(e.file()).replace(myStart.toString(),
                myStart.minusSeconds(3600).toString()));
        assertThat(journal.orphans()).as("the run that wrote it started an hour before this process, which only"
                + " has its id").singleElement().satisfies(o -> assertThat(o.name()).isEqualTo("HV-LAB-01_x"));
    }

    @Test
    void aNoteWrittenBeforeStartTimesWereKeptIsJudgedByItsIdAlone() throws Exception {
        InflightJournal journal = new InflightJournal(catalog);
        InflightJournal.Entry e = journal.begin("HV-LAB-01_x", Instant.parse("2026-12-07T02:00:00Z"));
        Files.writeString(e.file(), Files.readString(e.file()).replaceAll("(?m)^.*\"pidStarted\".*\\R", ""));
        assertThat(Files.readString(e.file())).doesNotContain("pidStarted");
        assertThat(journal.orphans()).isEmpty();
    }
}
