package io.hybridrouter.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hybridrouter.training.sim.CostModel;
import io.hybridrouter.training.sim.JobGenerator;
import io.hybridrouter.training.sim.Simulation;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCsvTest {

    private final DatasetCsv csv = new DatasetCsv();

    @Test
    void roundTripsJobsCostsAndLabels() throws IOException {
        CostModel model = new CostModel();
        List<Simulation> rows = new JobGenerator().generate(200, 4).stream().map(j -> model.simulate(j, 4)).toList();
        StringWriter out = new StringWriter();
        csv.write(rows, out);
        assertThat(out.toString()).startsWith(String.join(",", DatasetCsv.COLUMNS));
        List<Simulation> back = csv.read(new StringReader(out.toString()), "test.csv");
        assertThat(back).hasSize(200);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(back.get(i).job()).isEqualTo(rows.get(i).job());
            assertThat(back.get(i).label()).isEqualTo(rows.get(i).label());
            assertThat(back.get(i).lambda().ok()).isEqualTo(rows.get(i).lambda().ok());
            assertThat(back.get(i).lambda().costUsd()).isCloseTo(rows.get(i).lambda().costUsd(), within(1e-9));
            assertThat(back.get(i).ecs().latencyMs()).isCloseTo(rows.get(i).ecs().latencyMs(), within(0.1));
        }
    }

    @Test
    void namesMissingColumns() {
        assertThatThrownBy(() -> csv.read(new StringReader("job_id,label\nj1,ecs\n"), "bad.csv"))
                .hasMessageStartingWith("bad.csv: missing columns [workload_type,");
    }

    @Test
    void namesRowAndFieldOfABadValue() throws IOException {
        CostModel model = new CostModel();
        StringWriter out = new StringWriter();
        csv.write(new JobGenerator().generate(2, 4).stream().map(j -> model.simulate(j, 4)).toList(), out);
        String broken = out.toString().replaceFirst("(?m)^(job-4-1,[^,]+,)[^,]+", "$1-5");
        assertThatThrownBy(() -> csv.read(new StringReader(broken), "bad.csv"))
                .hasMessage("bad.csv line 3: payload_size_kb: must be a finite number >= 0 (got -5.0)");
    }
}
