package org.ecoplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

    @Test
    void foldsThreadsOfOnePoolAndOrdersThemBySamples(@TempDir Path directory) throws Exception {
        Path collapsed = directory.resolve("p.collapsed");
        Files.writeString(collapsed, """
                [executor-thread-1 tid=11];java/lang/Thread.run;a/B.c 30
                [executor-thread-12 tid=12];java/lang/Thread.run;a/B.d 20
                [C2 CompilerThread0 tid=3];Compile 40
                [kafka-producer-network-thread | relay tid=9];x 10
                """);

        String table = Profile.perThread(collapsed);

        assertThat(table.lines().skip(2)).containsExactly(
                "| executor-thread-# | 50 | 50.0 % |",
                "| C# CompilerThread# | 40 | 40.0 % |",
                "| kafka-producer-network-thread / relay | 10 | 10.0 % |");
    }

    @Test
    void withoutTheSwitchNothingIsProfiled() throws Exception {
        Profile profile = Profile.start("");
        StringBuilder report = new StringBuilder();
        profile.pause();
        profile.resume();
        profile.stopInto(report, "none", "nothing");
        assertThat(profile.active()).isFalse();
        assertThat(report).isEmpty();
    }
}
