import Foundation
import PlacardDiagnostics

/// A Markdown file of the site, with its front matter read and its body kept
/// together with the file line the body starts on.
public struct Narrative: Sendable {
    /// Path relative to the site folder, for messages: `Content/reports/2009.md`.
    public var file: String
    /// Path relative to Content/: `reports/2009.md`.
    public var contentPath: String
    /// The published address relative to the site root, always ending in `/`
    /// except for the home page, which is the empty string.
    public var address: String
    public var frontMatter: FrontMatter
    public var body: String
    /// The line of the file that the body's first line is.
    public var bodyFirstLine: Int
    /// The file up to the body: the front matter with its fences, as written.
    /// Two versions of a file with the same one differ in their body alone.
    public var frontMatterText = ""

    /// `a/b.md` -> `a/b/`, `a/index.md` -> `a/`, `index.md` -> ``.
    public static func address(forContentPath path: String) -> String {
        var stem = String(path.dropLast(3))
        if stem == "index" { return "" }
        if stem.hasSuffix("/index") { stem.removeLast("index".count) } else { stem += "/" }
        return stem
    }

    /// Splits a file into front matter and body. The front matter is the block
    /// between a first line `---` and the next line that is `---` or `...`;
    /// later `---` lines are Markdown (thematic breaks), never front matter.
    public static func read(text: String, file: String, contentPath: String, diagnostics: inout Diagnostics) -> Narrative {
        // Already so when read by `TextFile`; here too for text given directly.
        var text = LineEndings.normalized(text)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var narrative = Narrative(
            file: file, contentPath: contentPath, address: address(forContentPath: contentPath),
            frontMatter: FrontMatter(), body: text, bodyFirstLine: 1)

        // Only the lines up to the closing fence are looked at; the body is kept as it is.
        var lines = LineScanner(text)
        guard let first = lines.next(), isFence(first.line, closing: false) else { return narrative }
        // The front matter ends at the first fence, unless prose comes first: then the
        // closing fence is missing and a later `---` is a thematic break of the body.
        var yamlLines: [Substring] = []
        var closing: (line: Substring, rest: String.Index)?
        while let next = lines.next() {
            if isFence(next.line, closing: true) { closing = next; break }
            if isProse(next.line) { break }
            yamlLines.append(next.line)
        }
        guard let closing else {
            diagnostics.error("front matter is not closed: add a line '---' after it", at: SourceLocation(file: file, line: 1, column: 1))
            narrative.body = ""
            return narrative
        }
        let yaml = yamlLines.joined(separator: "\n")
        narrative.body = String(text[closing.rest...])
        narrative.frontMatterText = String(text[..<closing.rest])
        narrative.bodyFirstLine = yamlLines.count + 3  // the opening fence, the YAML lines, the closing fence
        if !yaml.isBlankOrNewlines,
            let node = YAMLReader.parse(yaml, file: file, firstLine: 2, diagnostics: &diagnostics)
        {
            narrative.frontMatter = FrontMatter.read(node, diagnostics: &diagnostics)
        }
        return narrative
    }

    /// A line that cannot belong to YAML front matter: not blank, not indented,
    /// not a comment, list item or flow value, and with no `key:` in it.
    private static func isProse(_ line: Substring) -> Bool {
        guard let first = line.first, !" \t\r#-[{\"'|>".contains(first) else { return false }
        return !line.utf8.contains(UInt8(ascii: ":"))
    }

    private static func hasRunOfThree(_ line: Substring, _ byte: UInt8) -> Bool {
        var run = 0
        for next in line.utf8 {
            run = next == byte ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        // Most lines are not fences: only a line with `---` or `...` in it is trimmed.
        guard hasRunOfThree(line, UInt8(ascii: "-")) || (closing && hasRunOfThree(line, UInt8(ascii: "."))) else { return false }
        let trimmed = String(line).trimming { Whitespace.isSpace($0) || $0 == "\r" }
        return trimmed == "---" || (closing && trimmed == "...")
    }
}

/// Everything under Content/ that is not data: narratives and files copied as they are.
public struct ContentFiles: Sendable {
    public var narratives: [Narrative] = []
    /// Paths relative to Content/ of files published unchanged (images, PDFs).
    public var staticFiles: [String] = []

    /// Reads every `.md` under Content/ (site.yaml and data/ excepted, hidden files
    /// skipped), sorted by path so that a build does not depend on the file system's order.
    /// A file read before, by its bytes: what reading it gave then.
    public typealias Reuse = @Sendable (_ contentPath: String, _ bytes: Data) -> (Narrative, Diagnostics)?
    /// Told each file read anew, to be offered back through `Reuse` next time.
    public typealias Remember = @Sendable (_ contentPath: String, _ bytes: Data, _ result: (Narrative, Diagnostics)) -> Void

    public static func load(
        contentDirectory: URL, displayPrefix: String = "Content", files: [String]? = nil, diagnostics: inout Diagnostics,
        reuse: Reuse? = nil, remember: Remember? = nil
    ) -> ContentFiles {
        var result = ContentFiles()
        let paths = (files ?? FileTree.regularFiles(under: contentDirectory.path)).filter { $0 != "site.yaml" && !$0.hasPrefix("data/") }
        let sorted = paths.sorted()
        result.staticFiles = sorted.filter { !$0.hasSuffix(".md") }
        // Files are read and their front matter parsed on every core; results keep path order.
        let folder = contentDirectory.path
        let read = concurrentMap(sorted.filter { $0.hasSuffix(".md") }) { path -> (Narrative?, Diagnostics) in
            var problems = Diagnostics()
            let file = "\(displayPrefix)/\(path)"
            guard let data = FileManager.default.contents(atPath: folder + "/" + path) else {
                problems.error("cannot read the file: \(SystemError.current.localizedDescription)", at: SourceLocation(file: file))
                return (nil, problems)
            }
            if let known = reuse?(path, data) { return known }
            // As every text file: a BOM dropped, CRLF and CR read as LF, a bad byte located.
            guard let text = TextFile.decode(data, file: file, diagnostics: &problems) else { return (nil, problems) }
            let narrative = Narrative.read(text: text, file: file, contentPath: path, diagnostics: &problems)
            remember?(path, data, (narrative, problems))
            return (narrative, problems)
        }
        for (narrative, problems) in read {
            if let narrative { result.narratives.append(narrative) }
            diagnostics.append(contentsOf: problems)
        }
        return result
    }
}

/// The lines of a text one at a time, each with where the text goes on after it.
struct LineScanner: IteratorProtocol {
    private let text: String
    private var position: String.Index

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    mutating func next() -> (line: Substring, rest: String.Index)? {
        guard position < text.endIndex else { return nil }
        let end = text[position...].firstIndex(of: "\n") ?? text.endIndex
        let line = text[position..<end]
        position = end < text.endIndex ? text.index(after: end) : end
        return (line, position)
    }
}
