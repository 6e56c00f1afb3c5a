import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SplitMix64: small, fast and the same on every platform, so a site of N pages
/// is byte for byte the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// True with the given percentage.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Writes the synthetic site twice: as a Placard site (`Content/`, links by
/// `.md` path, checked and rewritten by Placard) and as a Hugo site (`content/`,
/// the same Markdown with the links already written as the relative page
/// addresses Placard would produce, which Hugo leaves alone).
struct SyntheticSite {
    let pageCount: Int
    static let pagesPerFolder = 100
    static let seed: UInt64 = 20_260_101

    var folderCount: Int { (pageCount + Self.pagesPerFolder - 1) / Self.pagesPerFolder }

    enum Flavour { case placard, hugo }

    struct Summary {
        var markdownBytes = 0
        var notices = 0
        var reports = 0
        var links = 0
    }

    static func folder(of page: Int) -> String { String(format: "s%03d", page / pagesPerFolder) }
    static func name(of page: Int) -> String { String(format: "p%05d", page) }

    /// Writes `placard/` and `hugo/` (when asked) under `root`, plus `bodies.md`,
    /// every narrative body one after the other, for the raw cmark line.
    func write(to root: URL, hugo: Bool) throws -> Summary {
        let fm = FileManager.default
        let placardContent = root.appendingPathComponent("placard/Content")
        let hugoRoot = root.appendingPathComponent("hugo")
        try fm.createDirectory(at: placardContent, withIntermediateDirectories: true)
        try write(siteYAML, to: placardContent.appendingPathComponent("site.yaml"))
        try write(homePage(.placard), to: placardContent.appendingPathComponent("index.md"))
        if hugo {
            for folder in ["content", "layouts/_default"] {
                try fm.createDirectory(at: hugoRoot.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try write(Self.hugoConfig, to: hugoRoot.appendingPathComponent("config.toml"))
            try write(Self.hugoSingle, to: hugoRoot.appendingPathComponent("layouts/_default/single.html"))
            try write(Self.hugoList, to: hugoRoot.appendingPathComponent("layouts/_default/list.html"))
            try write(Self.hugoIndex, to: hugoRoot.appendingPathComponent("layouts/index.html"))
            try write(homePage(.hugo), to: hugoRoot.appendingPathComponent("content/_index.md"))
        }
        for folder in 0..<folderCount {
            let name = String(format: "s%03d", folder)
            try fm.createDirectory(at: placardContent.appendingPathComponent(name), withIntermediateDirectories: true)
            if hugo {
                try fm.createDirectory(at: hugoRoot.appendingPathComponent("content/" + name), withIntermediateDirectories: true)
            }
        }
        var summary = Summary()
        var bodies = Data()
        for page in 0..<pageCount {
            let relative = Self.folder(of: page) + "/" + Self.name(of: page) + ".md"
            let placard = narrative(page, .placard, summary: &summary)
            try write(placard.file, to: placardContent.appendingPathComponent(relative))
            bodies.append(contentsOf: placard.body.utf8)
            bodies.append(contentsOf: "\n\n".utf8)
            if hugo {
                var ignored = Summary()
                try write(narrative(page, .hugo, summary: &ignored).file, to: hugoRoot.appendingPathComponent("content/" + relative))
            }
        }
        try Self.writeFile(Array(bodies), to: root.appendingPathComponent("bodies.md").path)
        return summary
    }

    /// Plain open/write/close: Foundation's `Data.write` fsyncs every file,
    /// which makes writing 20,000 small files take a minute on a busy disk.
    private func write(_ text: String, to url: URL) throws {
        try Self.writeFile(Array(text.utf8), to: url.path)
    }

    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw BenchArguments.Problem.message("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw BenchArguments.Problem.message("cannot write \(path): \(String(cString: strerror(errno)))") }
            written += result
        }
    }

    // MARK: Pages

    var siteYAML: String {
        """
        title: 基層黨建工作公示（基準測試 benchmark site）
        language: zh-Hans
        description: A synthetic site of \(pageCount) narratives for placard-bench
        publisher: placard-bench
        base_url: https://example.org/

        """
    }

    func homePage(_ flavour: Flavour) -> String {
        """
        ---
        title: 基準測試網站 Benchmark site
        ---

        This site holds **\(pageCount)** synthetic narratives in \(folderCount) folders, \
        written by `placard-bench` to time a build. 本站為基準測試自動生成的內容，共 \(pageCount) 篇。

        """
    }

    /// The date of a page: a day in 2020-2025, as `YYYY-MM-DD`.
    static func date(daysAfter2020 days: Int) -> String {
        // Civil-from-days (Howard Hinnant), for days since 1970-01-01.
        let z = days + 18262 + 719_468  // 18262: 1970-01-01 .. 2020-01-01
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// A link from `page` to `target` (optionally to its `#background` heading):
    /// a Content path for Placard, the published relative address for Hugo.
    static func link(from page: Int, to target: Int, fragment: Bool, _ flavour: Flavour) -> String {
        let sameFolder = folder(of: page) == folder(of: target)
        var url: String
        switch flavour {
        case .placard:
            url = sameFolder ? name(of: target) + ".md" : "../" + folder(of: target) + "/" + name(of: target) + ".md"
        case .hugo:
            url = sameFolder ? "../" + name(of: target) + "/" : "../../" + folder(of: target) + "/" + name(of: target) + "/"
        }
        if fragment { url += "#background" }
        return url
    }

    /// One narrative: front matter and a body of 2-4 KB. The random choices
    /// depend only on the page number, so both flavours get the same text.
    func narrative(_ page: Int, _ flavour: Flavour, summary: inout Summary) -> (file: String, body: String) {
        var rng = SplitMix64(seed: Self.seed &+ UInt64(page) &* 0x1000_0001)
        let topic = rng.pick(Text.topics)
        let title = "\(topic.zh) \(topic.en) No. \(page)"
        let dayNumber = rng.below(6 * 365)
        let date = Self.date(daysAfter2020: dayNumber)
        var front = "---\ntitle: \"\(title)\"\ndate: \(date)\nsummary: \"\(rng.pick(Text.summaries)) (\(page))\"\n"
        let roll = rng.below(100)
        if roll < 10 {
            front += "kind: notice\nnotice: {from: \(date), to: \(Self.date(daysAfter2020: dayNumber + 7 + rng.below(14)))}\n"
            summary.notices += 1
        } else if roll < 30 {
            front += "kind: report\n"
            summary.reports += 1
        }
        if rng.chance(30) { front += "tags: [\(rng.pick(Text.tags)), \(rng.pick(Text.tags))]\n" }
        front += "---\n\n"

        var linkCount = 0
        func linkTo(_ label: String, fragment: Bool = false) -> String {
            var target = rng.below(pageCount)
            if target == page, pageCount > 1 { target = (page + 1) % pageCount }
            linkCount += 1
            return "[\(label)](\(Self.link(from: page, to: target, fragment: fragment, flavour)))"
        }
        func paragraph(sentences: Int) -> String {
            var parts: [String] = []
            let chinese = rng.chance(55)
            for _ in 0..<sentences {
                var sentence = chinese ? rng.pick(Text.chinese) : rng.pick(Text.english)
                switch rng.below(10) {
                case 0: sentence = (chinese ? "**" : "*") + sentence + (chinese ? "**" : "*")
                case 1: sentence += chinese ? "參見\(linkTo("相關報告"))。" : " See \(linkTo("a related report")) for details."
                case 2: sentence += chinese ? "配置項為 `\(rng.pick(Text.codeWords))`。" : " The setting is `\(rng.pick(Text.codeWords))`."
                default: break
                }
                parts.append(sentence)
            }
            return parts.joined(separator: chinese ? "" : " ")
        }

        var body = paragraph(sentences: 3) + "\n\n"
        body += "## Background\n\n" + paragraph(sentences: 3 + rng.below(2)) + "\n\n"
        let sections = 2 + rng.below(3)
        for section in 0..<sections {
            let heading = rng.pick(Text.headings)
            body += "## \(heading) \(section + 1)\n\n" + paragraph(sentences: 2 + rng.below(3)) + "\n\n"
            switch rng.below(4) {
            case 0:
                for _ in 0..<(3 + rng.below(3)) { body += "- " + rng.pick(rng.chance(50) ? Text.chineseItems : Text.englishItems) + "\n" }
                body += "- " + linkTo(rng.chance(50) ? "上一期公示" : "the previous notice", fragment: rng.chance(50)) + "\n\n"
            case 1:
                for item in 1...(3 + rng.below(3)) { body += "\(item). " + rng.pick(rng.chance(50) ? Text.chineseItems : Text.englishItems) + "\n" }
                body += "\n"
            case 2:
                body += "### \(rng.pick(Text.subheadings))\n\n" + paragraph(sentences: 2 + rng.below(2)) + "\n\n"
            default:
                body += "```\(rng.pick(Text.codeLanguages))\n" + rng.pick(Text.codeBlocks) + "\n```\n\n"
            }
        }
        if !body.contains("```") {
            body += "```\(rng.pick(Text.codeLanguages))\n" + rng.pick(Text.codeBlocks) + "\n```\n\n"
        }
        body += "### \(rng.pick(Text.subheadings))\n\n" + paragraph(sentences: 2) + " " + linkTo("Back to the background", fragment: true) + "\n"

        summary.links += linkCount
        summary.markdownBytes += front.utf8.count + body.utf8.count
        return (front + body, body)
    }

    // MARK: Hugo

    static let hugoConfig = """
        baseURL = "https://example.org/"
        languageCode = "zh-Hans"
        title = "基層黨建工作公示（基準測試 benchmark site）"
        disableKinds = ["taxonomy", "term"]
        enableRobotsTXT = true

        [markup.goldmark.renderer]
          unsafe = false
        [markup.goldmark.extensions]
          typographer = true
        [markup.tableOfContents]
          startLevel = 2
          endLevel = 3
          ordered = false

        """

    static let hugoHead = """
        <!DOCTYPE html>
        <html lang="zh-Hans">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ .Title }} · {{ .Site.Title }}</title>
        {{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
        </head>
        <body>
        <header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
        <nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
        </header>
        <main>
        """

    static let hugoFoot = """
        </main>
        <footer>{{ .Site.Title }} · {{ now.Format "2006" }}</footer>
        </body>
        </html>

        """

    static let hugoSingle = hugoHead + """
        <nav class="breadcrumbs"><a href="{{ "/" | relURL }}">首页</a>{{ with .Parent }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
        <article>
        <h1>{{ .Title }}</h1>
        <p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.kind }} · {{ . }}{{ end }}</p>
        {{ with .Params.notice }}<p class="notice">公示期：{{ .from }} – {{ .to }}</p>{{ end }}
        {{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
        <aside class="toc">{{ .TableOfContents }}</aside>
        {{ .Content }}
        {{ with .Params.tags }}<p class="tags">{{ range . }}<span>{{ . }}</span> {{ end }}</p>{{ end }}
        </article>

        """ + hugoFoot

    static let hugoList = hugoHead + """
        <h1>{{ .Title }}</h1>
        {{ .Content }}
        <ul>
        {{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
        {{ end }}</ul>

        """ + hugoFoot

    static let hugoIndex = hugoHead + """
        <h1>{{ .Site.Title }}</h1>
        {{ .Content }}
        <h2>最新 Latest</h2>
        <ul>
        {{ range first 10 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
        {{ end }}</ul>

        """ + hugoFoot
}
