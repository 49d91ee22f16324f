package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassifierCommandTest {

    @Test
    void parsesIdleDurationsInTheUnitsPeopleType() {
        assertThat(ClassifierCommand.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ClassifierCommand.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ClassifierCommand.parseDuration(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ClassifierCommand.parseDuration("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ClassifierCommand.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ClassifierCommand.parseDuration("0")).isGreaterThan(Duration.ofDays(365));
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"soon", "-5s", "10x", ""}) {
            assertThatThrownBy(() -> ClassifierCommand.parseDuration(bad))
                    .hasMessageStartingWith("--max-idle must be a duration like 10s");
        }
    }
}
