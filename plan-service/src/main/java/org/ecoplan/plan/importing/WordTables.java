package org.ecoplan.plan.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRelation;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the plan document's Word file (.docx) into the {@link TableText} structure the text export gives, so that
 * one parser with one set of rules reads both. Apache POI opens the package (and refuses zip bombs, encrypted and
 * legacy files); this class walks the WordprocessingML of the main document part.
 *
 * <h2>What the reader does with what Word files contain</h2>
 * <ul>
 *   <li>A paragraph {@code 附件N} starts an attachment; the non-empty paragraphs up to its first table are its
 *       title; a table's rows and cells become rows and cells, each paragraph of a cell one line (a line break
 *       inside a paragraph starts a new line too). Several tables in one attachment continue each other.</li>
 *   <li><b>Vertically merged cells</b> ({@code w:vMerge}): a continuing cell of the first two columns (序号, 重点任务 —
 *       a task cell spanning its measure rows) reads as empty, which the parser takes as "a further measure of the
 *       task above", as in the text export. In the other columns (a 完成时限 or department cell spanning rows) the
 *       continuing cell reads as the merged cell's text: Word shows that value for every row it spans.</li>
 *   <li><b>Horizontally merged cells</b> ({@code w:gridSpan}, old files' {@code w:hMerge}) are one cell, as in the
 *       export. In a plan table the only merge the format knows is 牵头部门 with 主责单位 (see
 *       {@link PlanDocumentParser}); a merge of other columns, or a row short of cells ({@code w:gridBefore},
 *       {@code w:gridAfter}), is an ERROR naming the row, since which column is missing cannot be known.</li>
 *   <li><b>Header rows</b>: a header row marked to repeat on each page ({@code w:tblHeader}) is in the file once;
 *       copies typed into the table (or left by a conversion) are dropped by the parser's repeated-header rule.</li>
 *   <li>Footnote, endnote and comment marks, deleted text of tracked changes, hidden text, field codes and the text
 *       of drawings and text boxes are no content; trailing empty paragraphs of a cell are dropped (as the text
 *       export's trailing empty lines are).</li>
 *   <li>A table nested in a cell and non-empty paragraphs between an attachment's table and the next 附件 are
 *       reported: the first as an ERROR (its rows cannot be placed), the second as a WARNING (notes are not
 *       imported).</li>
 * </ul>
 *
 * <h2>Lines and locations</h2>
 * The parser and its problems count lines. This reader numbers the body paragraphs, each table row and each line
 * of each cell in document order, and {@link SourceTables#locator()} turns such a number into a place a person
 * finds in Word: {@code 附件1 table 1 row 12 column 4 (完成时限)}, with rows counted from the table's first (header)
 * row and tables counted through the whole document.
 */
final class WordTables {

    /** The media type of a .docx file. */
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private static final Pattern ATTACHMENT_HEADING = Pattern.compile("附件\\s*(\\d+)");
    /** Elements whose text is not the document's content: marks, field codes, deleted text, drawings. */
    private static final Set<String> SKIPPED = Set.of("rPr", "pPr", "del", "moveFrom", "delText", "instrText",
            "delInstrText", "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
            "footnoteRef", "endnoteRef", "separator", "continuationSeparator", "drawing", "pict", "object",
            "fldData", "sectPr");
    /** The document part of a plan is some 500 KB of XML; a part above this is no plan document (or a bomb). */
    private static final long MAX_PART_SIZE = 64L * 1024 * 1024;
    private static final int PLAN_COLUMNS = PlanDocumentParser.PLAN_HEADER.size();
    /** The grid column where a 6-cell plan row's merged 牵头部门/主责单位 cell must start. */
    private static final int LEAD_COLUMN = PlanDocumentParser.PLAN_HEADER.indexOf("牵头部门");

    static {
        // POI's guard against zip bombs: keep its inflate-ratio check and bound each part's size.
        ZipSecureFile.setMaxEntrySize(Math.min(ZipSecureFile.getMaxEntrySize(), MAX_PART_SIZE));
    }

    /** A file that is no readable Word document; the message says what it is instead, for the administrator. */
    static final class UnreadableDocumentException extends Exception {
        UnreadableDocumentException(String message) {
            super(message);
        }

        UnreadableDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final List<TableText.Attachment> attachments = new ArrayList<>();
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();

    private int nextLine = 1;
    private int tableNumber;
    private int bodyParagraphs;
    private int attachmentNumber;
    private int attachmentLine;
    private List<String> titleLines;
    private List<TableText.Row> rows;
    private boolean tableSeen;

    private WordTables() {
        locations.add("document");
    }

    /** Reads a .docx; anything that is not one (a PDF, a zip, an encrypted or a Word 97-2003 file) is refused. */
    static SourceTables read(byte[] content) throws UnreadableDocumentException {
        checkFileType(content);
        OPCPackage pack;
        try {
            pack = OPCPackage.open(new ByteArrayInputStream(content));
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            throw new UnreadableDocumentException("the file is a zip but no readable Office document: "
                    + e.getMessage() + " / 文件无法作为Word文档读取", e);
        }
        try {
            Element body = body(wordDocument(pack));
            WordTables reader = new WordTables();
            reader.readBlocks(body);
            reader.finishAttachment();
            List<String> locations = List.copyOf(reader.locations);
            return new SourceTables(reader.attachments, reader.problems,
                    line -> line > 0 && line < locations.size() ? locations.get(line) : "document");
        } finally {
            // read only: nothing is written back to the (in-memory) package
            pack.revert();
        }
    }

    private static void checkFileType(byte[] content) throws UnreadableDocumentException {
        FileMagic magic = FileMagic.valueOf(content);
        switch (magic) {
            case OOXML -> {
                // a .docx is a zip package; other zips and other Office files are told apart by their main part
            }
            case OLE2 -> throw ole2(content);
            case PDF -> throw new UnreadableDocumentException("the file is a PDF, not a Word document; upload the "
                    + ".docx / 文件是PDF，请上传Word文档（.docx）");
            default -> throw new UnreadableDocumentException("the file is not a Word document (.docx)"
                    + (magic == FileMagic.UNKNOWN ? "" : ", it looks like " + magic) + " / 文件不是Word文档（.docx）");
        }
    }

    private static XWPFDocument wordDocument(OPCPackage pack) throws UnreadableDocumentException {
        List<PackagePart> main;
        try {
            main = pack.getPartsByRelationshipType(PackageRelationshipTypes.CORE_DOCUMENT);
        } catch (RuntimeException e) {
            throw new UnreadableDocumentException("the Office package has no main document / 文件不是Word文档", e);
        }
        String type = main.isEmpty() ? null : main.get(0).getContentType();
        if (type == null || !isWordDocument(type)) {
            throw new UnreadableDocumentException("the file is an Office package but not a Word document"
                    + (type == null ? "" : " (its main part is " + type + ")") + " / 文件不是Word文档");
        }
        try {
            return new XWPFDocument(pack);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("the Word document cannot be read: " + e.getMessage()
                    + " / Word文档无法读取", e);
        }
    }

    private static boolean isWordDocument(String contentType) {
        return contentType.equals(XWPFRelation.DOCUMENT.getContentType())
                || contentType.equals(XWPFRelation.MACRO_DOCUMENT.getContentType())
                || contentType.equals(XWPFRelation.TEMPLATE.getContentType())
                || contentType.equals(XWPFRelation.MACRO_TEMPLATE_DOCUMENT.getContentType());
    }

    /** An OLE2 file: an encrypted .docx (password-protected) or a Word 97-2003 .doc, neither of which can be read. */
    private static UnreadableDocumentException ole2(byte[] content) {
        try (POIFSFileSystem filesystem = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            Set<String> entries = filesystem.getRoot().getEntryNames();
            if (entries.contains("EncryptionInfo") || entries.contains("EncryptedPackage")) {
                return new UnreadableDocumentException("the Word document is password-protected (encrypted); save it "
                        + "without a password and upload it again / 文档已加密，请取消密码后重新上传");
            }
            if (entries.contains("WordDocument")) {
                return new UnreadableDocumentException("the file is a Word 97-2003 document (.doc); save it as .docx "
                        + "/ 文件为旧版Word格式（.doc），请另存为.docx");
            }
            return new UnreadableDocumentException("the file is an OLE2 compound file, not a Word document (.docx) "
                    + "/ 文件不是Word文档（.docx）");
        } catch (IOException | RuntimeException e) {
            return new UnreadableDocumentException("the file is a damaged OLE2 compound file, not a Word document "
                    + "(.docx) / 文件已损坏", e);
        }
    }

    private static Element body(XWPFDocument document) throws UnreadableDocumentException {
        Node root = document.getDocument().getDomNode();
        Element body = firstChild(root instanceof Element element ? element : firstElement(root), "body");
        if (body == null) {
            throw new UnreadableDocumentException("the Word document has no body / Word文档没有正文");
        }
        return body;
    }

    // --- body -----------------------------------------------------------------------------------------------

    /** Paragraphs and tables in document order; content controls and custom XML are looked through. */
    private void readBlocks(Element container) {
        for (Element block : children(container)) {
            switch (wordName(block)) {
                case "p" -> readBodyParagraph(block);
                case "tbl" -> readTable(block);
                case "sdt" -> {
                    Element content = firstChild(block, "sdtContent");
                    if (content != null) {
                        readBlocks(content);
                    }
                }
                case "customXml" -> readBlocks(block);
                default -> {
                    // section properties, bookmarks and the like carry no content
                }
            }
        }
    }

    private void readBodyParagraph(Element paragraph) {
        String text = String.join("\n", paragraphLines(paragraph)).strip();
        int line = allocate("paragraph " + ++bodyParagraphs);
        Matcher heading = ATTACHMENT_HEADING.matcher(text);
        if (heading.matches()) {
            finishAttachment();
            startAttachment(Integer.parseInt(heading.group(1)), line);
        } else if (!text.isEmpty()) {
            if (rows == null || !tableSeen) {
                if (rows == null) {
                    startAttachment(0, line);
                }
                titleLines.add(text.replace("\n", ""));
            } else {
                problems.add(ImportProblem.warning(line, "Paragraph '" + abbreviate(text) + "' after the table of "
                        + attachmentName() + " is not part of any table; it is not imported"));
            }
        }
    }

    private void startAttachment(int number, int line) {
        attachmentNumber = number;
        attachmentLine = line;
        titleLines = new ArrayList<>();
        rows = new ArrayList<>();
        tableSeen = false;
    }

    private void finishAttachment() {
        if (rows != null) {
            attachments.add(new TableText.Attachment(attachmentNumber, attachmentLine, List.copyOf(titleLines),
                    List.copyOf(rows)));
        }
        rows = null;
    }

    private String attachmentName() {
        return attachmentNumber == 0 ? "the text before any 附件" : "附件" + attachmentNumber;
    }

    // --- tables ---------------------------------------------------------------------------------------------

    /** A cell as laid out on the table grid. */
    private record GridCell(Element element, int column, int span, boolean continuesVertically, boolean mergedFromLeft) {
    }

    private void readTable(Element table) {
        if (rows == null) {
            startAttachment(0, allocate("table " + (tableNumber + 1)));
        }
        tableSeen = true;
        tableNumber++;
        List<String> columnNames = null;
        boolean planTable = false;
        Map<Integer, List<String>> mergedAbove = new HashMap<>();
        int rowNumber = 0;
        for (Element row : rowsOf(table)) {
            rowNumber++;
            String rowPlace = attachmentName() + " table " + tableNumber + " row " + rowNumber;
            int rowLine = allocate(rowPlace);
            List<GridCell> gridCells = gridCells(row);
            List<TableText.Cell> cells = new ArrayList<>();
            for (GridCell gridCell : gridCells) {
                if (gridCell.mergedFromLeft()) {
                    continue;
                }
                String columnName = columnNames != null && gridCell.column() < columnNames.size()
                        ? columnNames.get(gridCell.column()) : null;
                String cellPlace = rowPlace + " column " + (gridCell.column() + 1)
                        + (columnName == null || columnName.isEmpty() ? "" : " (" + columnName + ")");
                List<String> lines = cellLines(gridCell.element(), cellPlace);
                if (gridCell.continuesVertically()) {
                    // Column 1-2: the task spans its measure rows (the parser's "further measure" rule). Others:
                    // the merged cell's value holds for every row it spans.
                    lines = gridCell.column() < 2 ? List.of() : mergedAbove.getOrDefault(gridCell.column(), List.of());
                } else {
                    mergedAbove.put(gridCell.column(), lines);
                }
                int cellLine = nextLine;
                int count = Math.max(1, lines.size());
                for (int index = 0; index < count; index++) {
                    allocate(cellPlace + (index == 0 ? "" : " line " + (index + 1)));
                }
                cells.add(new TableText.Cell(cellLine, List.copyOf(lines)));
            }
            if (columnNames == null) {
                columnNames = headerNames(gridCells, cells);
                planTable = columnNames.equals(PlanDocumentParser.PLAN_HEADER);
            } else if (planTable) {
                checkPlanRowLayout(row, gridCells, rowLine);
            }
            checkShortRow(row, rowLine);
            rows.add(new TableText.Row(rowLine, List.copyOf(cells)));
        }
    }

    private static List<String> headerNames(List<GridCell> gridCells, List<TableText.Cell> cells) {
        List<String> names = new ArrayList<>();
        int index = 0;
        for (GridCell gridCell : gridCells) {
            if (gridCell.mergedFromLeft()) {
                continue;
            }
            String name = cells.get(index++).joined();
            while (names.size() < gridCell.column()) {
                names.add("");
            }
            for (int spanned = 0; spanned < gridCell.span(); spanned++) {
                names.add(name);
            }
        }
        return names;
    }

    /** A 6-cell plan row must merge 牵头部门 with 主责单位 and nothing else; see {@link PlanDocumentParser}. */
    private void checkPlanRowLayout(Element row, List<GridCell> gridCells, int rowLine) {
        List<GridCell> cells = gridCells.stream().filter(cell -> !cell.mergedFromLeft()).toList();
        if (cells.size() == 1) {
            return;
        }
        for (GridCell cell : cells) {
            if (cell.span() > 1 && !(cell.column() == LEAD_COLUMN && cell.span() == 2)) {
                int last = Math.min(cell.column() + cell.span(), PLAN_COLUMNS) - 1;
                problems.add(ImportProblem.error(rowLine, "Row merges the cells of columns "
                        + PlanDocumentParser.PLAN_HEADER.get(Math.min(cell.column(), PLAN_COLUMNS - 1)) + " to "
                        + PlanDocumentParser.PLAN_HEADER.get(Math.max(0, last)) + "; a plan row may only merge 牵头部门 "
                        + "with 主责单位, otherwise which department has which role cannot be known"));
            }
        }
    }

    private void checkShortRow(Element row, int rowLine) {
        int before = rowProperty(row, "gridBefore");
        int after = rowProperty(row, "gridAfter");
        if (before > 0 || after > 0) {
            problems.add(ImportProblem.error(rowLine, "Row lacks " + (before + after) + " cell(s) at its "
                    + (before > 0 ? "start" : "end") + "; which column is missing cannot be known"));
        }
    }

    private static int rowProperty(Element row, String name) {
        Element properties = firstChild(row, "trPr");
        Element property = properties == null ? null : firstChild(properties, name);
        return property == null ? 0 : number(property.getAttributeNS(W, "val"), 1);
    }

    /** Rows of a table, looking through content controls and custom XML around rows. */
    private static List<Element> rowsOf(Element table) {
        List<Element> rows = new ArrayList<>();
        collect(table, "tr", Set.of("sdt", "sdtContent", "customXml"), rows);
        return rows;
    }

    private static List<GridCell> gridCells(Element row) {
        List<Element> cells = new ArrayList<>();
        collect(row, "tc", Set.of("sdt", "sdtContent", "customXml"), cells);
        List<GridCell> grid = new ArrayList<>();
        int column = rowProperty(row, "gridBefore");
        for (Element cell : cells) {
            Element properties = firstChild(cell, "tcPr");
            int span = 1;
            boolean continues = false;
            boolean mergedFromLeft = false;
            if (properties != null) {
                Element gridSpan = firstChild(properties, "gridSpan");
                span = gridSpan == null ? 1 : Math.max(1, number(gridSpan.getAttributeNS(W, "val"), 1));
                Element vMerge = firstChild(properties, "vMerge");
                // <w:vMerge/> without a value continues the merge above; w:val="restart" starts one
                continues = vMerge != null && !"restart".equals(vMerge.getAttributeNS(W, "val"));
                Element hMerge = firstChild(properties, "hMerge");
                mergedFromLeft = hMerge != null && !"restart".equals(hMerge.getAttributeNS(W, "val"));
            }
            if (mergedFromLeft && !grid.isEmpty()) {
                // Old files merge horizontally by marking the continuing cells: the merged cell spans them.
                GridCell left = grid.remove(grid.size() - 1);
                grid.add(new GridCell(left.element(), left.column(), left.span() + span, left.continuesVertically(),
                        false));
                grid.add(new GridCell(cell, column, span, continues, true));
            } else {
                grid.add(new GridCell(cell, column, span, continues, false));
            }
            column += span;
        }
        return grid;
    }

    private List<String> cellLines(Element cell, String place) {
        List<String> lines = new ArrayList<>();
        readCellBlocks(cell, place, lines);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            // a stray empty paragraph at the end of a cell, as the text export's trailing empty lines
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private void readCellBlocks(Element container, String place, List<String> lines) {
        for (Element block : children(container)) {
            switch (wordName(block)) {
                case "p" -> lines.addAll(paragraphLines(block));
                case "sdt" -> {
                    Element content = firstChild(block, "sdtContent");
                    if (content != null) {
                        readCellBlocks(content, place, lines);
                    }
                }
                case "customXml" -> readCellBlocks(block, place, lines);
                case "tbl" -> problems.add(ImportProblem.error(nextLine, "The cell at " + place
                        + " holds a table of its own; its rows cannot be placed in the plan"));
                default -> {
                    // cell properties
                }
            }
        }
    }

    // --- paragraphs -----------------------------------------------------------------------------------------

    /** The paragraph's text split at its line breaks; at least one line. */
    static List<String> paragraphLines(Element paragraph) {
        StringBuilder text = new StringBuilder();
        appendText(paragraph, text);
        return List.of(text.toString().split("\n", -1));
    }

    private static void appendText(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element element)) {
                continue;
            }
            if (MC.equals(element.getNamespaceURI())) {
                continue; // mc:AlternateContent holds drawings and their fallbacks
            }
            if (!W.equals(element.getNamespaceURI())) {
                appendText(element, text); // e.g. hyperlinks, smart tags of other namespaces
                continue;
            }
            String name = element.getLocalName();
            if (SKIPPED.contains(name)) {
                continue;
            }
            switch (name) {
                case "t" -> appendCharacters(element, text);
                case "tab", "ptab" -> text.append('\t');
                case "br", "cr" -> text.append('\n');
                case "noBreakHyphen" -> text.append('-');
                case "softHyphen", "sym", "lastRenderedPageBreak" -> {
                }
                case "r" -> {
                    if (!hidden(element)) {
                        appendText(element, text);
                    }
                }
                default -> appendText(element, text);
            }
        }
    }

    /** The characters of a w:t (XmlBeans' DOM has no getTextContent). */
    private static void appendCharacters(Element element, StringBuilder text) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
    }

    /** A run formatted as hidden text ({@code w:vanish}) is not shown, so it is not content either. */
    private static boolean hidden(Element run) {
        Element properties = firstChild(run, "rPr");
        Element vanish = properties == null ? null : firstChild(properties, "vanish");
        if (vanish == null) {
            return false;
        }
        String value = vanish.getAttributeNS(W, "val");
        return !(value.equals("0") || value.equals("false") || value.equals("off"));
    }

    // --- DOM helpers ----------------------------------------------------------------------------------------

    private int allocate(String location) {
        locations.add(location);
        return nextLine++;
    }

    private static String wordName(Element element) {
        return W.equals(element.getNamespaceURI()) ? element.getLocalName() : "";
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static void collect(Element parent, String name, Set<String> lookThrough, List<Element> found) {
        for (Element child : children(parent)) {
            String childName = wordName(child);
            if (childName.equals(name)) {
                found.add(child);
            } else if (lookThrough.contains(childName)) {
                collect(child, name, lookThrough, found);
            }
        }
    }

    private static Element firstChild(Element parent, String name) {
        for (Element child : children(parent)) {
            if (wordName(child).equals(name)) {
                return child;
            }
        }
        return null;
    }

    private static Element firstElement(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        throw new IllegalStateException("the document part has no root element");
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null || value.isEmpty() ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= 30 ? flat : flat.substring(0, 30) + "…";
    }
}
