package io.hybridrouter.shared.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateSizeTest {

    @ParameterizedTest
    @CsvSource({
        "0.25, 512, 0.25, 512",
        "0.25, 600, 0.25, 1024",
        "0.5, 512, 0.5, 1024",
        "1, 9000, 2, 9216",
        "4, 8192, 4, 8192",
        "4, 31000, 8, 32768",
        "16, 122880, 16, 122880"
    })
    void picksTheSmallestValidSize(double vcpu, int mb, double expectedVcpu, int expectedMb) {
        FargateSize size = FargateSize.atLeast(vcpu, mb);
        assertThat(size.vcpu()).isEqualTo(expectedVcpu);
        assertThat(size.memoryMb()).isEqualTo(expectedMb);
    }

    @Test
    void refusesMoreThanTheLargestTask() {
        assertThatThrownBy(() -> FargateSize.atLeast(1, 200_000)).hasMessageContaining("no Fargate task size");
    }
}
