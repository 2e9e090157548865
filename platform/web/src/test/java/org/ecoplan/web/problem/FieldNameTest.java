package org.ecoplan.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class FieldNameTest {

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    record Value(@NotBlank String unit) {
    }

    record Report(@NotNull String status, @Valid List<Value> measuredValues, List<@NotBlank String> tags) {
    }

    @Test
    void namesAPropertyOfAListItemWithTheItemsPosition() {
        assertThat(fields(new Report("ON_TRACK", List.of(new Value("%"), new Value(" ")), List.of())))
                .containsExactly("measuredValues[1].unit");
    }

    @Test
    void namesAListElementByItsPosition() {
        assertThat(fields(new Report("ON_TRACK", List.of(), List.of("ok", "")))).containsExactly("tags[1]");
    }

    @Test
    void namesAPlainProperty() {
        assertThat(fields(new Report(null, List.of(), List.of()))).containsExactly("status");
    }

    private List<String> fields(Report report) {
        return validator.validate(report).stream().map(violation -> ProblemMappers.fieldName(violation.getPropertyPath())).toList();
    }
}
