import Foundation
import PlacardContent
import PlacardFigures
import Testing

/// Each dataset's as-of date: declared, else the site's, else its latest dated record, else the build date.
@Suite struct AsOfTests {
    static let data: [String: String] = [
        "Content/data/organisations.yaml": smallTree,
        // fulfilled_on 2009-11-26; the latest update 2009-12-20: the commitments' latest record.
        "Content/data/commitments.yaml": """
        - {id: a, org: north, year: 2009, text: t, due: 2010-06, status: fulfilled, fulfilled_on: 2009-11-26}
        - {id: b, org: north, year: 2009, text: t, due: 2010-06, status: in_progress}
        """,
        "Content/data/commitment-updates.csv": "commitment,date,status\nb,2009-03,pending\nb,2009-12-20,in_progress\n",
        "Content/data/evaluations.yaml": "- {org: north, year: 2009, satisfied: 9, total: 10}\n- {org: north, year: 2010, satisfied: 9, total: 10}\n",
        "Content/data/funding.yaml": "- {org: north, year: 2008, amount: 10}\n",
        "Content/data/surveys/poll.yaml": "title: Poll\ndate: 2009-06\nrespondents: 2\nquestions:\n  - {id: q, text: Q, options: [{label: A, count: 2}]}\n",
    ]

    static func asOf(_ extraSettings: String = "") -> AsOfDates {
        let settings = defaultSettings.replacingOccurrences(of: "rules:\n", with: extraSettings + "\nrules:\n")
        let (figures, messages) = PlacardFiguresTests.figures(data, settings: settings)
        #expect(messages.isEmpty, "\(messages)")
        return figures.asOf
    }

    static func day(_ text: String) -> ISODate { ISODate(text)! }

    @Test func theLatestDatedRecordWithoutDeclarations() {
        let asOf = Self.asOf()
        #expect(asOf.dataset("commitments") == AsOf(day: Self.day("2009-12-20"), source: .records))
        #expect(asOf.dataset("commitment-updates") == AsOf(day: Self.day("2009-12-20"), source: .records))
        #expect(asOf.dataset("evaluations") == AsOf(day: Self.day("2010-12-31"), source: .records))
        #expect(asOf.dataset("funding") == AsOf(day: Self.day("2008-12-31"), source: .records))
        #expect(asOf.dataset("surveys") == AsOf(day: Self.day("2009-06-30"), source: .records))
        // A page of one year's ratings is as of that year's end.
        #expect(asOf.dataset("evaluations", year: 2009) == AsOf(day: Self.day("2009-12-31"), source: .records))
    }

    @Test func theBuildDateWhenNothingIsDated() {
        let asOf = Self.asOf()
        // No dated records in these: the build date of the tests, 2026-11-27.
        #expect(asOf.dataset("organisations") == AsOf(day: Self.day("2026-11-27"), source: .buildDate))
        #expect(asOf.dataset("indicators") == AsOf(day: Self.day("2026-11-27"), source: .buildDate))
    }

    @Test func theSiteAsOfDateComesBeforeTheRecords() {
        let asOf = Self.asOf("as_of: 2010-06")
        #expect(asOf.dataset("commitments") == AsOf(day: Self.day("2010-06-30"), source: .site))
        #expect(asOf.dataset("organisations") == AsOf(day: Self.day("2010-06-30"), source: .site))
        // A page of 2010 ratings: as of the site's date, earlier than the year's end.
        #expect(asOf.dataset("evaluations", year: 2010) == AsOf(day: Self.day("2010-06-30"), source: .site))
        #expect(asOf.dataset("evaluations", year: 2009) == AsOf(day: Self.day("2009-12-31"), source: .records))
    }

    @Test func aDatasetsOwnDeclarationComesFirst() {
        let asOf = Self.asOf("as_of: 2010-06\ndatasets:\n  commitments: {as_of: 2010}\n  evaluations: {as_of: 2011-01-15}")
        #expect(asOf.dataset("commitments") == AsOf(day: Self.day("2010-12-31"), source: .declared))
        #expect(asOf.dataset("evaluations") == AsOf(day: Self.day("2011-01-15"), source: .declared))
        #expect(asOf.dataset("funding") == AsOf(day: Self.day("2010-06-30"), source: .site))
    }

    @Test func aDatasetOfTheSitesOwnMayBeDeclared() {
        var files = Self.data
        files["Content/data/projects.csv"] = "name\nWell\n"
        let settings = defaultSettings.replacingOccurrences(of: "rules:\n", with: "datasets:\n  projects: {as_of: 2010-03}\nrules:\n")
        let (figures, messages) = PlacardFiguresTests.figures(files, settings: settings)
        #expect(messages.isEmpty, "\(messages)")
        #expect(figures.asOf.dataset("projects") == AsOf(day: Self.day("2010-03-31"), source: .declared))
    }

    @Test func mistakesInTheSettingsAreErrors() {
        let settings = defaultSettings.replacingOccurrences(of: "rules:\n", with: """
            as_of: 2010-06-01T10:00
            datasets:
              comitments: {as_of: 2010}
              evaluations: {asof: 2010, as_of: 2010-13}
              projects: {as_of: 2010}
              people: 2010
            rules:
              - {id: late, metric: overdue, below: 1, label: Late}
              - {id: high, metric: satisfaction, below: 90, above: 95, label: High}
              - {id: neg, metric: overdue, above: -1, label: Negative}

            """)
        let (_, messages) = PlacardFiguresTests.figures(Self.data, settings: settings)
        #expect(messages.filter { $0.contains("error") } == [
            "Content/site.yaml:10:8: error: field 'as_of' must be a day, a month or a year (YYYY-MM-DD, YYYY-MM or YYYY), found '2010-06-01T10:00'",
            "Content/site.yaml:12:3: error: unknown dataset 'comitments' in 'datasets' (did you mean 'commitments'?)",
            "Content/site.yaml:13:17: error: unknown dataset setting 'asof' (did you mean 'as_of'?)",
            "Content/site.yaml:13:36: error: field 'as_of' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2010-13'",
            "Content/site.yaml:14:3: error: unknown dataset 'projects' in 'datasets' (datasets: organisations, people, commitments, commitment-updates, evaluations, funding, indicators, assessments, surveys)",
            "Content/site.yaml:15:11: error: the settings of dataset 'people' must be a map of fields, found the number 2010",
            "Content/site.yaml:17:5: error: missing required field 'above'",
            "Content/site.yaml:17:40: error: an overdue rule takes 'above' (a count of overdue commitments), not 'below'",
            "Content/site.yaml:18:56: error: field 'above' is only for metric overdue (this rule takes 'below')",
            "Content/site.yaml:19:39: error: field 'above' must not be negative, found -1",
        ])
    }
}
