import Foundation
import PropertyBased
import Testing

@testable import PlacardTemplates

/// The fast renderer replays swift-mustache's parse; these compare the two
/// renderers byte for byte on random templates and data.
@Suite struct CompiledTemplateTests {
    private struct Row: Decodable { var x: String; var flag: Bool; var rows: [Row] }
    private struct Model: Decodable {
        var a: String
        var b: String?
        var n: Int
        var yes: Bool
        var no: Bool
        var list: [Row]
        var empty: [Row]
        var child: Row?
        var params: OpenValues
    }

    private static let model = Model(
        a: "A <b> & \"q\" 'x'\n", b: nil, n: 42, yes: true, no: false,
        list: [
            Row(x: "one\r\n", flag: true, rows: [Row(x: "deep", flag: false, rows: [])]),
            Row(x: "two", flag: false, rows: []),
            Row(x: "三", flag: true, rows: []),
        ],
        empty: [], child: Row(x: "child", flag: true, rows: []),
        params: OpenValues(["k": "v", "on": true, "items": ["p", "q"], "map": ["z": "Z"]]))

    /// Pieces a template is made of; a section piece opens, `close` closes the innermost.
    private static let pieces = [
        "text ", "\n", "  ", "\r\n", "{{a}}", "{{{a}}}", "{{& a}}", "{{b}}", "{{n}}", "{{yes}}", "{{.}}",
        "{{child.x}}", "{{child.missing}}", "{{params.k}}", "{{params.map.z}}", "{{x}}", "{{.x}}", "{{!c}}",
        "  {{>p}}\n", "{{>p}}", "{{>missing}}", "{{<base}}{{$b}}over {{a}}{{/b}}{{/base}}", "\n{{<base}}\n{{/base}}\n",
        "{{$b}}block{{/b}}", "#list", "#empty", "^empty", "^list", "#yes", "^no", "#b", "^b", "#child", "#params.items",
        "#rows", "#flag", "#first()", "^last()", "#last()", "#params.on", "#n", "#a", "close",
    ]

    private static func template(from choices: [Int]) -> String {
        var text = ""
        var open: [String] = []
        for choice in choices {
            let piece = pieces[choice % pieces.count]
            if piece.hasPrefix("#") || piece.hasPrefix("^") {
                let name = String(piece.dropFirst())
                // Standalone or inline, by the choice's parity.
                text += choice % 2 == 0 ? "{{\(piece)}}" : "  {{\(piece)}}\n"
                open.append(name)
            } else if piece == "close" {
                if let name = open.popLast() { text += choice % 2 == 0 ? "{{/\(name)}}" : "\n {{/\(name)}}  \n" }
            } else {
                text += piece
            }
        }
        for name in open.reversed() { text += "{{/\(name)}}" }
        return text
    }

    private static func themed(_ page: String) -> TemplateSet {
        let files = [
            "page.mustache": page,
            "p.mustache": "p:{{a}}\n  {{#list}}\n  - {{x}}{{^last()}},{{/last()}}\n  {{/list}}\nend {{n}}\n",
            "base.mustache": "<{{$b}}default {{a}}{{/b}}>\n  {{$c}}\n  c default\n  {{/c}}\n",
        ]
        var theme = [String: Theme.File]()
        for (path, text) in files { theme[path] = Theme.File(data: Data(text.utf8), origin: "Templates/\(path)") }
        return TemplateSet.load(Theme(files: theme)).0
    }

    @Test func randomTemplatesRenderAsSwiftMustacheRendersThem() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...10_000).array(of: 0...30)) { choices in
            let text = Self.template(from: choices)
            let set = Self.themed(text)
            guard set.contains("page") else { return }  // a piece order swift-mustache refuses to parse
            #expect(set.isCompiled, "\(text)")
            let reference = set.renderWithSwiftMustache("page", set.convert(Self.model))
            // swift-mustache prints an object or a list named as a variable by its type
            // name (and a runtime address) or as Swift source; the fast path prints
            // nothing. Nothing sensible asks for either.
            guard !reference.contains("MustacheObject"), !reference.contains("[]") else { return }
            #expect(set.render("page", Self.model) == reference, "\(text)")
        }
    }

    @Test func theBuiltInThemeIsRenderedOnTheFastPath() {
        let (set, problems) = TemplateSet.load(Theme.builtIn)
        #expect(problems.isEmpty)
        #expect(set.isCompiled)
    }

    @Test func aTransformOnAValueFallsBackToSwiftMustache() {
        let set = Self.themed("{{uppercased(a)}}|{{#reversed(list)}}{{x}}{{/reversed(list)}}")
        #expect(!set.isCompiled)
        #expect(set.render("page", Self.model) == "A &lt;B&gt; &amp; &quot;Q&quot; &#39;X&#39;\n|三twoone\r\n")
    }

    @Test func escapingIsByteByByteSoACombiningMarkCannotHideAQuote() {
        let set = Self.themed("<a title=\"{{a}}\">")
        struct Quote { var a: String }
        #expect(set.render("page", Quote(a: "\"\u{301} onclick=x")) == "<a title=\"&quot;\u{301} onclick=x\">")
    }
}
