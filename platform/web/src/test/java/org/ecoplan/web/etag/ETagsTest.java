package org.ecoplan.web.etag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;
import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void readsTheRevisionOfAStrongTag() {
        assertThat(ETags.requiredRevision("\"3\"")).isEqualTo(3);
        assertThat(ETags.requiredRevision(" \"12\" ")).isEqualTo(12);
    }

    @Test
    void aWeakOrMalformedTagNeverMatches() {
        for (String tag : new String[] { "W/\"3\"", "3", "\"abc\"", "\"99999999999999999999\"", "*", "\"3\", \"4\"" }) {
            assertThatThrownBy(() -> ETags.requiredRevision(tag)).as(tag).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
        }
    }

    @Test
    void aMissingTagIsRequired() {
        assertThatThrownBy(() -> ETags.requiredRevision(" ")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
    }
}
