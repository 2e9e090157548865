package org.ecoplan.plan.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Word document of the seed, generated from the seed text with the features real Word files have (merged task
 * and deadline cells, repeated header rows, a footnote, stray empty paragraphs, line breaks), reads to exactly the
 * document the text reads to: every plan, section, task, measure (text, deadline, departments per role, timing,
 * raw cells) and indicator. Only source line numbers differ, since a Word file has no lines.
 */
class WordTablesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final PlanDocumentParser PARSER = new PlanDocumentParser(CityRegistry.loadDefault());

    private static byte[] docx;

    @BeforeAll
    static void generate() {
        docx = WordPlanGenerator.fromText(SeedDocument.text());
    }

    @Test
    void theGeneratedDocumentHasTheFeaturesOfRealWordFiles() throws IOException {
        String xml = part(docx, "word/document.xml");
        // a task cell merged over its measure rows, deadline cells merged, the header repeating, spans, breaks
        assertThat(count(xml, "<w:vMerge w:val=\"restart\"/>")).isGreaterThan(100);
        assertThat(count(xml, "<w:vMerge/>")).isGreaterThan(200);
        assertThat(count(xml, "<w:tblHeader")).isGreaterThan(4);
        assertThat(count(xml, "<w:gridSpan w:val=\"2\"/>")).isGreaterThan(150);
        assertThat(xml).contains("<w:footnoteReference").contains("<w:br/>");
        assertThat(part(docx, "word/footnotes.xml")).contains("以市级下达目标为准");
    }

    @Test
    void readsToExactlyTheDocumentTheTextReadsTo() throws Exception {
        ParsedDocument fromText = PARSER.parse(SeedDocument.text());
        ParsedDocument fromWord = PARSER.parse(WordTables.read(docx), PlanDocumentParser.DEFAULT_DISTRICT);

        assertEquals(List.of(), fromWord.problems());
        assertEquals(212, fromWord.plans().stream().mapToInt(ParsedPlan::measureCount).sum());
        assertEquals(22, fromWord.indicators().size());
        assertEquals(withoutLines(fromText), withoutLines(fromWord));
    }

    @Test
    void theSameTablesHaveTheSameContentChecksumInEitherFormat() throws Exception {
        String text = SourceTables.ofText(SeedDocument.text()).contentChecksum();
        assertEquals(text, WordTables.read(docx).contentChecksum());
        assertEquals(text, WordTables.read(WordPlanGenerator.fromText(SeedDocument.text(),
                WordPlanGenerator.Options.plain())).contentChecksum());
    }

    @Test
    void locatesAProblemByAttachmentTableRowAndColumn() throws Exception {
        // 附件1 task 5's measure is 6-9月 (row 21 of the table, counting the header and section rows)
        String damaged = SeedDocument.text().replaceFirst("\t6-9月\n", "\t夏季\n");
        SourceTables tables = WordTables.read(WordPlanGenerator.fromText(damaged, WordPlanGenerator.Options.plain()));
        ParsedDocument parsed = PARSER.parse(tables, PlanDocumentParser.DEFAULT_DISTRICT);

        assertEquals(1, parsed.errors().size());
        ImportProblem located = tables.locate(parsed.errors().get(0));
        assertThat(located.location()).matches("附件1 table 1 row \\d+ column 4 \\(完成时限\\)");
        assertThat(located.message()).contains("夏季");
    }

    private static JsonNode withoutLines(ParsedDocument document) {
        JsonNode tree = JSON.valueToTree(document);
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("sourceLine", "line"));
        }
        node.forEach(WordTablesTest::strip);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    static String part(byte[] docx, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " is not in the document");
    }
}
