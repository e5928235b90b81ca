package dev.chattoken.sidecar.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A Markdown document of this repository as GitHub shows it: parsed by commonmark-java (CommonMark with GitHub's
 * tables), with the anchors GitHub gives its headings. The documentation tests read links, tables, headings and fenced
 * blocks through it rather than through patterns over the text.
 */
public record Markdown(Path path, String text, Node document) {

    private static final Parser PARSER =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    public static Markdown read(Path path) {
        try {
            String text = Files.readString(path);
            return new Markdown(path, text, PARSER.parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * GitHub's anchor of a heading: its text in lower case, every character that is not a letter, a digit, a space, a
     * hyphen or an underscore dropped, spaces made hyphens ({@code ## `POST /v1/tokens/{profile}`} is
     * {@code #post-v1tokensprofile}).
     */
    public static String slug(String headingText) {
        StringBuilder slug = new StringBuilder();
        headingText.strip().toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** The plain text of a node: its text and code spans, as a heading's anchor is made of. */
    public static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    /** The literals of the code spans under a node, in order. */
    public static List<String> codeSpans(Node node) {
        List<String> spans = new ArrayList<>();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Code code) {
                spans.add(code.getLiteral());
            }
        });
        return spans;
    }

    /** The link destinations under a node, in order. */
    public static List<String> links(Node node) {
        List<String> links = new ArrayList<>();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }
        });
        return links;
    }

    public List<String> links() {
        return links(document);
    }

    public List<Heading> headings() {
        List<Heading> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading);
            }
        });
        return headings;
    }

    /** The anchors of the document's headings, with GitHub's -1, -2 suffixes for repeated ones. */
    public Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Heading heading : headings()) {
            String slug = slug(plainText(heading));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    /** The heading whose anchor is {@code anchor}. */
    public Optional<Heading> heading(String anchor) {
        return headings().stream()
                .filter(h -> slug(plainText(h)).equals(anchor))
                .findFirst();
    }

    /** The heading with exactly this text, or a failure naming the document. */
    public Heading headingTitled(String title) {
        return headings().stream()
                .filter(h -> plainText(h).equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " has no heading '" + title + "'"));
    }

    /** The blocks after {@code heading} up to the next heading of its level or above: the heading's section. */
    public static List<Node> section(Heading heading) {
        List<Node> blocks = new ArrayList<>();
        for (Node node = heading.getNext(); node != null; node = node.getNext()) {
            if (node instanceof Heading next && next.getLevel() <= heading.getLevel()) {
                break;
            }
            blocks.add(node);
        }
        return blocks;
    }

    /** The first table of a heading's section, as rows of cells (the header row first). */
    public static List<List<TableCell>> firstTable(Heading heading) {
        TableBlock table = section(heading).stream()
                .filter(TableBlock.class::isInstance)
                .map(TableBlock.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no table under '" + plainText(heading) + "'"));
        List<List<TableCell>> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) { // the head, then the body
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                List<TableCell> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add((TableCell) cell);
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The fenced code blocks of a heading's section, nested ones (in list items) included. */
    public static List<FencedCodeBlock> fencedBlocks(Heading heading) {
        List<FencedCodeBlock> blocks = new ArrayList<>();
        for (Node node : section(heading)) {
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock block) {
                    blocks.add(block);
                }
            });
        }
        return blocks;
    }
}
