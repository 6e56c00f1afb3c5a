import Foundation
import PlacardContent
import PlacardFigures
import PropertyBased
import Testing

@Suite struct PropertyTests {
    /// Largest-remainder percentages of counts that add up to the respondents
    /// always add up to exactly 100.00, each within 0.01 of its exact share.
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
