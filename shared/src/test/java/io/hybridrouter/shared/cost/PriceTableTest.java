package io.hybridrouter.shared.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    @Test
    void bundledTableHoldsTodaysUsEast1OnDemandPricesWithSourceAndDate() {
        PriceTable t = PriceTable.bundled();
        assertThat(t.source()).contains("aws.amazon.com/lambda/pricing").contains("aws.amazon.com/fargate/pricing");
        assertThat(t.checked()).isEqualTo("2026-11");
        Prices p = t.defaultPrices();
        assertThat(p.region()).isEqualTo("us-east-1");
        assertThat(p.lambdaUsdPerGbSecond()).isEqualTo(0.0000166667);
        assertThat(p.lambdaArmUsdPerGbSecond()).isEqualTo(0.0000133334);
        assertThat(p.lambdaUsdPerRequest()).isEqualTo(0.0000002);
        assertThat(p.fargateUsdPerVcpuHour()).isEqualTo(0.04048);
        assertThat(p.fargateUsdPerGbHour()).isEqualTo(0.004445);
        assertThat(p.fargateArmUsdPerVcpuHour()).isEqualTo(0.03238);
        assertThat(p.fargateArmUsdPerGbHour()).isEqualTo(0.00356);
        assertThat(p.fargateMinimumBilledS()).isEqualTo(60);
        assertThat(p.eventBridgeUsdPerEvent()).isEqualTo(0.000001);
        assertThat(p.sqsUsdPerRequest()).isEqualTo(0.0000004);
    }

    @Test
    void usesTheRequestedRegionAndFallsBackWithANoteWhenTheTableHasNone(@TempDir Path dir) throws IOException {
        String table = bundledText().replace("\"regions\": {", "\"regions\": {\"eu-west-1\": "
                + region(bundledText()) + ",");
        Path file = dir.resolve("prices.json");
        Files.writeString(file, table);
        PriceTable t = PriceTable.load(file);
        assertThat(t.select(Optional.of("eu-west-1")).prices().region()).isEqualTo("eu-west-1");
        assertThat(t.select(Optional.of("eu-west-1")).note()).isEmpty();
        PriceTable.Selection other = t.select(Optional.of("ap-south-1"));
        assertThat(other.prices().region()).isEqualTo("us-east-1");
        assertThat(other.note()).hasValueSatisfying(n -> assertThat(n)
                .contains("has no prices for region ap-south-1; using us-east-1 prices"));
        assertThat(t.select(Optional.empty()).note()).isEmpty();
    }

    @Test
    void namesTheFieldAndTheRuleOfEveryBadPrice() {
        String bad = bundledText().replace("\"usd_per_vcpu_hour\": 0.04048", "\"usd_per_vcpu_hour\": -1")
                .replace("\"usd_per_event\": 0.000001", "\"usd_per_event\": \"free\"")
                .replace("\"minimum_billed_seconds\": 60", "\"minimum_billed_seconds\": null");
        assertThatThrownBy(() -> PriceTable.parse(bad, "p.json"))
                .isInstanceOf(PriceTable.PriceTableException.class)
                .hasMessageStartingWith("price table p.json: ")
                .hasMessageContaining("regions.us-east-1.fargate.x86_64.usd_per_vcpu_hour: must be a finite number >= 0 (got -1)")
                .hasMessageContaining("regions.us-east-1.eventbridge.usd_per_event: must be a finite number >= 0 (got \"free\")")
                .hasMessageContaining("regions.us-east-1.fargate.minimum_billed_seconds: is required");
    }

    @Test
    void explainsAMissingFileBrokenJsonAndAnUnknownDefaultRegion(@TempDir Path dir) {
        assertThatThrownBy(() -> PriceTable.load(dir.resolve("nope.json"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PriceTable.parse("{", "x.json")).hasMessageStartingWith("price table x.json: not valid JSON");
        assertThatThrownBy(() -> PriceTable.parse(bundledText().replace("\"default_region\": \"us-east-1\"",
                "\"default_region\": \"mars-1\""), "x.json"))
                .hasMessageContaining("default_region: \"mars-1\" is not in regions [us-east-1]");
    }

    @Test
    void spotIsOfferedOnlyWhereTheTablePricesItPerArchitecture() {
        Prices bundled = PriceTable.bundled().defaultPrices();
        assertThat(bundled.spotAvailable(io.hybridrouter.shared.option.Arch.X86_64)).isTrue();
        assertThat(bundled.spotAvailable(io.hybridrouter.shared.option.Arch.ARM64)).isTrue();
        assertThat(bundled.fargateSpotUsdPerVcpuHour()).isEqualTo(0.01334053);
        String text = bundledText();
        String spotSection = text.substring(text.indexOf("\"fargate_spot\""), text.indexOf("\"eventbridge\""));
        Prices noSpot = PriceTable.parse(text.replace(spotSection, ""), "t").defaultPrices();
        assertThat(noSpot.spotAvailable()).isFalse();
        assertThat(noSpot.spotAvailable(io.hybridrouter.shared.option.Arch.ARM64)).isFalse();
        String x86Only = text.replaceAll(",\\s*\"arm64\": \\{\"usd_per_vcpu_hour\": 0.01067243[^}]*}", "");
        Prices x86Spot = PriceTable.parse(x86Only, "t").defaultPrices();
        assertThat(x86Spot.spotAvailable()).isTrue();
        assertThat(x86Spot.spotAvailable(io.hybridrouter.shared.option.Arch.ARM64)).isFalse();
        assertThatThrownBy(() -> PriceTable.parse(text.replace("\"usd_per_vcpu_hour\": 0.01334053",
                "\"usd_per_vcpu_hour\": -1"), "t"))
                .hasMessageContaining("regions.us-east-1.fargate_spot.x86_64.usd_per_vcpu_hour: must be a finite number >= 0");
        assertThatThrownBy(() -> PriceTable.parse(text.replace(spotSection, "\"fargate_spot\": true,"), "t"))
                .hasMessageContaining("fargate_spot: must be an object (leave it out to offer no Spot)");
    }

    private static String bundledText() {
        try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.BUNDLED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String region(String text) {
        int start = text.indexOf("\"us-east-1\": {") + "\"us-east-1\": ".length();
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            depth += text.charAt(i) == '{' ? 1 : text.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return text.substring(start, i + 1);
            }
        }
        throw new IllegalStateException("no us-east-1 region in the bundled table");
    }
}
