package io.hybridrouter.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterConfigTest {

    @Test
    void usesDefaultsForAnEmptyEnvironment() {
        RouterConfig c = RouterConfig.fromMap(Map.of());
        assertThat(c).isEqualTo(RouterConfig.defaults());
        assertThat(c.eventBus()).isEqualTo("hybrid-router");
        assertThat(c.confidenceThreshold()).isEqualTo(0.6);
        assertThat(c.fallbackPlatform()).isEqualTo(Platform.LAMBDA);
    }

    @Test
    void readsEverySetting() {
        RouterConfig c = RouterConfig.fromMap(Map.of("ROUTER_EVENT_BUS", "bus-1", "ROUTER_MODEL_DIR", "/m",
                "ROUTER_CONFIDENCE_THRESHOLD", "0.75", "ROUTER_FALLBACK_PLATFORM", "ECS",
                "AWS_ENDPOINT_URL", "http://localhost:4566"));
        assertThat(c.eventBus()).isEqualTo("bus-1");
        assertThat(c.modelDir()).contains(Path.of("/m"));
        assertThat(c.confidenceThreshold()).isEqualTo(0.75);
        assertThat(c.fallbackPlatform()).isEqualTo(Platform.ECS);
    }

    @Test
    void reportsEveryBadSettingByName() {
        assertThatThrownBy(() -> RouterConfig.fromMap(Map.of("ROUTER_CONFIDENCE_THRESHOLD", "1.5",
                "ROUTER_FALLBACK_PLATFORM", "k8s", "AWS_ENDPOINT_URL", "localhost:4566")))
                .isInstanceOf(RouterConfig.ConfigException.class)
                .hasMessageContaining("ROUTER_CONFIDENCE_THRESHOLD: must be a number from 0 to 1 (got \"1.5\")")
                .hasMessageContaining("ROUTER_FALLBACK_PLATFORM: must be lambda or ecs (got \"k8s\")")
                .hasMessageContaining("AWS_ENDPOINT_URL: must be an http(s) URL");
    }

    @Test
    void readsTheTaskTimeoutAsAnIsoDurationWithAFourHourDefault() {
        assertThat(RouterConfig.fromMap(Map.of()).taskTimeout()).isEqualTo(Duration.ofHours(4));
        assertThat(RouterConfig.fromMap(Map.of("ROUTER_TASK_TIMEOUT", "PT30M")).taskTimeout())
                .isEqualTo(Duration.ofMinutes(30));
        for (String bad : new String[] {"4h", "14400", "PT0S", "-PT1H", "P8D"}) {
            assertThatThrownBy(() -> RouterConfig.fromMap(Map.of("ROUTER_TASK_TIMEOUT", bad))).as(bad)
                    .isInstanceOf(RouterConfig.ConfigException.class)
                    .hasMessage("ROUTER_TASK_TIMEOUT: must be an ISO-8601 duration from PT1S to P7D, like PT4H or "
                            + "PT30M (got \"" + bad + "\")");
        }
    }

    @Test
    void readsTheModelS3LocationAndRefreshIntervalWithAOneMinuteDefault() {
        RouterConfig none = RouterConfig.fromMap(Map.of());
        assertThat(none.modelS3()).isEmpty();
        assertThat(none.modelRefresh()).isEqualTo(Duration.ofMinutes(1));
        RouterConfig c = RouterConfig.fromMap(Map.of("ROUTER_MODEL_S3", "s3://models-1/router", "ROUTER_MODEL_REFRESH",
                "PT5M"));
        assertThat(c.modelS3()).contains("s3://models-1/router/");
        assertThat(c.modelRefresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(RouterConfig.fromMap(Map.of("ROUTER_MODEL_S3", "s3://models-1")).modelS3()).contains("s3://models-1/");
    }

    @Test
    void refusesABadModelLocationOrRefreshIntervalNamingTheVariable() {
        for (String bad : new String[] {"models-1/router/", "s3://", "s3:///router/", "https://models-1/router/",
            "s3://Models_1/x/"}) {
            assertThatThrownBy(() -> RouterConfig.fromMap(Map.of("ROUTER_MODEL_S3", bad))).as(bad)
                    .isInstanceOf(RouterConfig.ConfigException.class)
                    .hasMessage("ROUTER_MODEL_S3: must be s3://BUCKET/PREFIX/ with a valid bucket name (got \""
                            + bad + "\")");
        }
        for (String bad : new String[] {"1m", "60", "PT0S", "-PT1M", "P2D"}) {
            assertThatThrownBy(() -> RouterConfig.fromMap(Map.of("ROUTER_MODEL_REFRESH", bad))).as(bad)
                    .isInstanceOf(RouterConfig.ConfigException.class)
                    .hasMessage("ROUTER_MODEL_REFRESH: must be an ISO-8601 duration from PT1S to P1D, like PT1M or "
                            + "PT30S (got \"" + bad + "\")");
        }
        assertThatThrownBy(() -> RouterConfig.fromMap(Map.of("ROUTER_MODEL_S3", "s3://models-1/router/",
                "ROUTER_MODEL_DIR", "/m"))).isInstanceOf(RouterConfig.ConfigException.class)
                .hasMessage("ROUTER_MODEL_S3, ROUTER_MODEL_DIR: set one of them, not both");
    }

    @Test
    void readsPricesRegionSloTargetAndExploreRateWithTheirDefaults() {
        DecisionConfig d = RouterConfig.fromMap(Map.of()).decision();
        assertThat(d.prices()).isEmpty();
        assertThat(d.sloTarget()).isEqualTo(0.95);
        assertThat(d.exploreRate()).isEqualTo(0.02);
        DecisionConfig set = RouterConfig.fromMap(Map.of("ROUTER_PRICES", "/p.json", "AWS_REGION", "eu-west-1",
                "ROUTER_SLO_TARGET", "0.99", "ROUTER_EXPLORE_RATE", "0")).decision();
        assertThat(set.prices()).contains(Path.of("/p.json"));
        assertThat(set.region()).contains("eu-west-1");
        assertThat(set.sloTarget()).isEqualTo(0.99);
        assertThat(set.exploreRate()).isZero();
        assertThatThrownBy(() -> RouterConfig.fromMap(Map.of("ROUTER_SLO_TARGET", "0", "ROUTER_EXPLORE_RATE", "0.7")))
                .hasMessageContaining("ROUTER_SLO_TARGET: must be a number above 0.0 to 1.0 (got \"0\")")
                .hasMessageContaining("ROUTER_EXPLORE_RATE: must be a number from 0.0 to 0.5 (got \"0.7\")");
    }
}
