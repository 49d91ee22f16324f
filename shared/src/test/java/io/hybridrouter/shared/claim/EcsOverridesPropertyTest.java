package io.hybridrouter.shared.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridrouter.shared.Json;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** The overrides the ECS target renders are read back, variable for variable, by the one parser. */
class EcsOverridesPropertyTest {

    @Property(tries = 300)
    void parseReadsBackWhatRenderWrote(@ForAll @From(supplier = WireText.class) String jobId,
            @ForAll @From(supplier = WireText.class) String modelVersion,
            @ForAll @From(supplier = WireText.class) String job, @ForAll @DoubleRange(min = 0, max = 1, minIncluded = false) double propensity) {
        assertThat(EcsOverrides.parse(EcsOverrides.render(jobId, modelVersion, "2026-11-26T10:00:00Z", propensity, job)))
                .containsExactly(Map.entry(EcsOverrides.ENV_JOB_ID, jobId),
                        Map.entry(EcsOverrides.ENV_MODEL_VERSION, modelVersion),
                        Map.entry(EcsOverrides.ENV_DECIDED_AT, "2026-11-26T10:00:00Z"),
                        Map.entry(EcsOverrides.ENV_PROPENSITY, Json.write(propensity)), Map.entry(EcsOverrides.ENV_JOB, job));
        assertThat(EcsOverrides.propensity(EcsOverrides.parse(EcsOverrides.render(jobId, modelVersion,
                "2026-11-26T10:00:00Z", propensity, job)))).contains(propensity);
    }

    @Example
    void theInputTemplateFilledInParsesAsRenderWritesIt() {
        String carrier = JobCarrier.inline("{\"job_id\":\"j-1\"}");
        String filled = EcsOverrides.INPUT_TEMPLATE.replace("<jobId>", "j-1").replace("<modelVersion>", "cart-1")
                .replace("<decidedAt>", "2026-11-26T10:00:00Z").replace("<propensity>", "0.98").replace("<job>", carrier);
        assertThat(EcsOverrides.parse(filled)).isEqualTo(EcsOverrides.parse(EcsOverrides.render("j-1", "cart-1",
                "2026-11-26T10:00:00Z", 0.98, carrier)));
    }

    @Example
    void aPropensityThatIsMissingOrNotAProbabilityIsReadAsUnknown() {
        assertThat(EcsOverrides.propensity(Map.of())).isEmpty();
        assertThat(EcsOverrides.propensity(Map.of(EcsOverrides.ENV_PROPENSITY, "<propensity>"))).isEmpty();
        assertThat(EcsOverrides.propensity(Map.of(EcsOverrides.ENV_PROPENSITY, "1.5"))).isEmpty();
        assertThat(EcsOverrides.propensity(Map.of(EcsOverrides.ENV_PROPENSITY, "0"))).isEmpty();
        assertThat(EcsOverrides.propensity(Map.of(EcsOverrides.ENV_PROPENSITY, "1.0"))).contains(1.0);
    }

    @Example
    void overridesWithoutTheWorkerContainerAreRefusedWithTheReason() {
        assertThatThrownBy(() -> EcsOverrides.parse("{\"job\":1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("container overrides: containerOverrides is missing or not an array");
        assertThatThrownBy(() -> EcsOverrides.parse("{\"containerOverrides\":[{\"name\":\"sidecar\"}]}"))
                .hasMessage("container overrides: no container named worker");
    }
}
