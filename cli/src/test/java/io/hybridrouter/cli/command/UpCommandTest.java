package io.hybridrouter.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpCommandTest {

    @Test
    void theHttpApiListensNextToTheSqsEndpointUnlessToldOtherwise() {
        assertThat(UpCommand.httpPort(9324, null)).isEqualTo(9325);
        assertThat(UpCommand.httpPort(9324, 8080)).isEqualTo(8080);
        assertThat(UpCommand.httpPort(9324, 0)).as("0: any free port").isZero();
        assertThat(UpCommand.httpPort(0, null)).as("any free SQS port: any free HTTP port").isZero();
    }
}
