package org.ecoplan.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemMappers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    enum Status { ON_TRACK, AT_RISK }

    record Value(String name, BigDecimal value, Double share) {
    }

    record Report(String measureId, Status status, int percentComplete, Long since, boolean submit, LocalDate day,
            Instant clientTimestamp, List<Value> measuredValues, List<String> tags, Boolean onTime, Integer hours) {
    }

    private final ObjectMapper mapper = strictMapper();

    static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void readsAWellFormedBodyAsSent() throws Exception {
        Report report = mapper.readValue("""
                {"measureId":"m-1","status":"ON_TRACK","percentComplete":40,"since":9223372036854775807,"submit":true,
                 "day":"2026-06-30","clientTimestamp":"2026-05-28T01:15:00Z",
                 "measuredValues":[{"name":"完成率 😀","value":97.6,"share":0.5},{"name":"x","value":12,"share":1}],
                 "tags":["a"]}""", Report.class);
        assertThat(report.percentComplete()).isEqualTo(40);
        assertThat(report.since()).isEqualTo(Long.MAX_VALUE);
        assertThat(report.measuredValues().get(0).name()).isEqualTo("完成率 😀");
        assertThat(report.measuredValues().get(0).value()).isEqualByComparingTo("97.6");
        assertThat(report.measuredValues().get(1).value()).isEqualByComparingTo("12");
        assertThat(report.day()).isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void takesNullForAnObjectFieldAndAnAbsentPrimitiveAsItsDefault() throws Exception {
        Report report = mapper.readValue("""
                {"measureId":null,"status":null,"since":null,"day":null,"clientTimestamp":null,"measuredValues":null,
                 "onTime":null,"hours":null,"tags":["a",null]}""", Report.class);
        assertThat(report.since()).isNull();
        assertThat(report.onTime()).isNull();
        assertThat(report.hours()).isNull();
        assertThat(report.percentComplete()).isZero();
        assertThat(report.submit()).isFalse();
        assertThat(report.tags()).containsExactly("a", null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"percentComplete":1.5}                          | percentComplete
            {"percentComplete":"40"}                         | percentComplete
            {"percentComplete":true}                         | percentComplete
            {"percentComplete":null}                         | percentComplete
            {"onTime":null,"submit":null}                    | submit
            {"onTime":1}                                     | onTime
            {"hours":1.5}                                    | hours
            {"percentComplete":2147483648}                   | percentComplete
            {"percentComplete":1e400}                        | percentComplete
            {"since":9223372036854775808}                    | since
            {"since":1.0}                                    | since
            {"submit":1}                                     | submit
            {"submit":"true"}                                | submit
            {"submit":null}                                  | submit
            {"measureId":12345}                              | measureId
            {"measureId":true}                               | measureId
            {"measureId":{}}                                 | measureId
            {"measureId":"a\\u0000b"}                        | measureId
            {"measureId":"a\\ud800b"}                        | measureId
            {"measureId":"\\udc00"}                          | measureId
            {"status":0}                                     | status
            {"status":"on_track"}                            | status
            {"day":12345}                                    | day
            {"day":"2026-02-30"}                             | day
            {"clientTimestamp":12345}                        | clientTimestamp
            {"measuredValues":[{"value":1e400}]}             | measuredValues[0].value
            {"measuredValues":[{"value":-1e400}]}            | measuredValues[0].value
            {"measuredValues":[{"value":1e-400}]}            | measuredValues[0].value
            {"measuredValues":[{},{"value":"12"}]}           | measuredValues[1].value
            {"measuredValues":[{"share":1e400}]}             | measuredValues[0].share
            {"measuredValues":[{"name":"a","name":"b"}]}     | measuredValues[0].name
            {"tags":["ok","\\u0000"]}                        | tags[1]
            {"measureId":"a","measureId":"b"}                | measureId
            """)
    void refusesAndNamesTheField(String json, String field) {
        assertThat(problem(json).field()).isEqualTo(field);
    }

    @Test
    void refusesContentAfterTheBody() {
        assertThat(problem("{\"percentComplete\":1} {}").field()).isEqualTo("body");
        assertThat(problem("{\"percentComplete\":1} {}").message()).contains("after the JSON value");
    }

    @Test
    void namesTheRuleBroken() {
        assertThat(problem("{\"measureId\":\"a\\u0000\"}").message()).contains("NUL");
        assertThat(problem("{\"measureId\":\"a\\ud800\"}").message()).contains("surrogate");
        assertThat(problem("{\"percentComplete\":2147483648}").message()).contains("out of range");
        assertThat(problem("{\"percentComplete\":1.5}").message()).contains("whole number");
        assertThat(problem("{\"status\":\"DONE\"}").message()).contains("ON_TRACK, AT_RISK");
        assertThat(problem("{\"measureId\":\"a\",\"measureId\":\"b\"}").message()).contains("twice");
    }

    private Problem.FieldProblem problem(String json) {
        var thrown = assertThatThrownBy(() -> mapper.readValue(json, Report.class))
                .isInstanceOf(JsonProcessingException.class).actual();
        Problem body = (Problem) new ProblemMappers().unreadableJson((JsonProcessingException) thrown, null).getEntity();
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.errors()).hasSize(1);
        return body.errors().get(0);
    }
}
