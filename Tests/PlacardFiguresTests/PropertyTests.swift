import Foundation
import PlacardContent
@testable import PlacardFigures
import PropertyBased
import Testing

@Suite struct PropertyTests {
    /// Largest-remainder percentages of counts that add up to the respondents
    /// always add up to exactly 100.00, each within 0.01 of its exact share.
    /// Digits read from the scaled significand are those of Decimal's description,
    /// for values from 0 to past 15 digits and exponents either side.
    static func referenceNumber(_ value: Decimal, _ decimals: Int) -> String {
        let rounded = value.rounded(decimals)
        let (whole, fraction) = FigureFormat.describedDigits(rounded < 0 ? -rounded : rounded, decimals: decimals)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (rounded < 0 ? "\u{2212}" : "") + grouped + (decimals > 0 ? "." + fraction : "")
    }

    /// A language's separators, found from its bytes, are those the primary
    /// subtag lowercased gave (`de-CH`, `DE`, `fr`, but not `deu` or `de_DE`).
    @Test func separatorsAreFoundAsByThePrimarySubtag() async {
        let pieces = ["de", "DE", "fr", "Fr", "nb", "ru", "zh", "Hant", "-", "_", "x", "ü", "İ", "e", "D"]
        await propertyCheck(count: 500, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...4)) { choices in
            let language = choices.map { pieces[$0] }.joined()
            let primary = String(language.prefix { $0 != "-" }).lowercased()
            let expected: String
            switch primary {
            case "de", "es", "it", "nl", "pt", "id", "da", "tr": expected = ".,\u{00A0}%"
            case "fr": expected = "\u{202F},\u{00A0}%"
            case "ru", "uk", "pl", "cs", "sv", "nb", "fi": expected = "\u{00A0},\u{00A0}%"
            default: expected = ",.%"
            }
            let found = FigureFormat.separators(language)
            #expect(found.group + found.decimal + found.percent == expected, "\(language)")
        }
    }

    @Test func scaledDigitsAreTheDescribedDigits() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max), Gen.int(in: -20...12), Gen.int(in: 0...6)) { mantissa, exponent, decimals in
            let value = Decimal(sign: .plus, exponent: exponent, significand: Decimal(mantissa / (1 << (mantissa % 50))))
            let rounded = value.rounded(decimals)
            let signed = mantissa % 3 == 0 ? -value : value
            #expect(FigureFormat.ungrouped(signed, decimals: decimals)
                    == FigureFormat.number(signed, decimals: decimals, language: "en").replacingOccurrences(of: ",", with: ""))
            // Against rounding every value and reading its description, as first written.
            #expect(FigureFormat.number(signed, decimals: decimals, language: "en") == Self.referenceNumber(signed, decimals), "\(signed) \(decimals)")
            #expect(FigureFormat.decimalsNeeded(signed, limit: decimals) == ((0..<decimals).first { signed.rounded($0) == signed } ?? decimals))
            if let scaled = FigureFormat.scaledDigits(rounded, decimals: decimals) {
                let described = FigureFormat.describedDigits(rounded, decimals: decimals)
                #expect(scaled.whole == described.whole && scaled.fraction == described.fraction, "\(rounded) \(decimals)")
            }
        }
        // The fast path is taken for the usual figures, and a value it cannot hold is left to the description.
        #expect(FigureFormat.scaledDigits(Decimal(string: "59.8")!, decimals: 2)! == ("59", "80"))
        #expect(FigureFormat.scaledDigits(Decimal(string: "1020000")!, decimals: 0)! == ("1020000", ""))
        #expect(FigureFormat.scaledDigits(Decimal(string: "0")!, decimals: 2)! == ("0", "00"))
        #expect(FigureFormat.scaledDigits(Decimal(string: "12345678901234567890")!, decimals: 0) == nil)
        #expect(FigureFormat.number(Decimal(string: "12345678901234567890.5")!, decimals: 0, language: "en") == "12,345,678,901,234,567,891")
        #expect(FigureFormat.number(Decimal(string: "-1560.125")!, decimals: 2, language: "fr") == "\u{2212}1\u{202F}560,13")
        #expect(FigureFormat.ungrouped(Decimal(string: "-1560.125")!, decimals: 2) == "\u{2212}1560.13")
        #expect(FigureFormat.ungrouped(Decimal(string: "1020000")!, decimals: 0) == "1020000")
    }

    @Test func largestRemainderAddsUpTo100() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...1000).array(of: 1...12)) { counts in
            let respondents = counts.reduce(0, +)
            guard respondents > 0 else { return }
            let survey = """
            title: S
            respondents: \(respondents)
            questions:
              - id: q
                text: Q
                options:
            \(counts.enumerated().map { "      - {label: o\($0.offset), count: \($0.element)}" }.joined(separator: "\n"))
            """
            let (figures, _) = PlacardFiguresTests.figures(["Content/data/surveys/s.yaml": survey])
            guard let question = figures.survey("s")?.question("q") else {
                Issue.record("survey not loaded")
                return
            }
            #expect(question.addsUp)
            #expect(question.options.reduce(Decimal(0)) { $0 + $1.percent } == 100)
            for option in question.options {
                let exact = Decimal(option.count) * 100 / Decimal(respondents)
                let difference = option.percent - exact
                #expect(difference > -d("0.01") && difference < d("0.01"))
            }
        }
    }

    /// The subtree tally of every root adds up to the site's, whatever the tree.
    @Test func subtreesOfRootsAddUpToTheSite() async {
        await propertyCheck(count: 50, input: Gen.int(in: 0...20).array(of: 1...15), Gen.int(in: 0...3).array(of: 1...30)) { parents, statuses in
            // Unit i's parent is a unit before it (or none), so the graph is a forest.
            let orgs = parents.enumerated().map { index, parent in
                "- {id: u\(index), name: U\(index)\(index > 0 && parent < index ? ", parent: u\(parent)" : "")}"
            }.joined(separator: "\n")
            let names = ["pending", "in_progress", "fulfilled", "dropped"]
            let commitments = statuses.enumerated().map { index, status in
                "- {id: c\(index), org: u\(index % parents.count), year: 2009, text: t, status: \(names[status])\(status == 2 ? ", fulfilled_on: 2009-12-01" : "")}"
            }.joined(separator: "\n")
            let (figures, _) = PlacardFiguresTests.figures([
                "Content/data/organisations.yaml": orgs, "Content/data/commitments.yaml": commitments,
            ])
            var total = CommitmentTally()
            for root in figures.organisations.organisations where root.parent == nil {
                total.add(figures.commitments.subtree(root.id).allYears)
            }
            #expect(total == figures.commitments.site.allYears)
            #expect(total.made == statuses.count)
        }
    }
}
