import Foundation
import PlacardContent
import PlacardDiagnostics

/// Every computed figure of a site, computed once from the validated data.
/// Indexes are dictionaries built in one pass each, so the cost grows
/// linearly with the data (100,000 units and 1,000,000 commitments are fine).
/// Pure computation: no I/O, no HTML. Numbers are exact `Decimal`s.
public struct Figures: Sendable {
    /// The site's language tag, for formatting (`FigureFormat`) and labels.
    public let language: String
    public let config: SiteConfig
    public let organisations: OrgIndex
    public let commitments: CommitmentFigures
    public let satisfaction: SatisfactionFigures
    public let assessments: AssessmentFigures
    /// Sorted by survey name.
    public let surveys: [SurveyResult]
    public let rules: RuleFigures
    public let indicators: IndicatorFigures
    public let funding: FundingFigures
    /// The date each dataset's figures describe.
    public let asOf: AsOfDates
    /// Every year that has a commitment, rating, assessment, indicator or funding line, earliest first.
    public let years: [Int]
    /// Units per level id.
    public let unitsPerLevel: [String: Int]
    private let surveyIndex: [String: Int]
    /// Datasets that could not be read whole (`SiteData.incomplete`).
    public let incompleteDatasets: Set<String>

    /// `buildDay`: the build date, the as-of date of data that gives none.
    public init(data: SiteData, config: SiteConfig, buildDay: ISODate) {
        language = config.language
        self.config = config
        incompleteDatasets = data.incomplete
        let asOf = AsOfDates(config: config, data: data, buildDay: buildDay)
        self.asOf = asOf
        let orgs = OrgIndex(data.organisations)
        organisations = orgs
        // Assessments take about as long as the rest together (100,000 units' scores).
        // Rule thresholds, for showing the figures rules look at with the decimals they need.
        let satisfactionThresholds = RuleFigures.thresholds(config.rules, metric: .satisfaction, orgs: orgs)
        let schemeThresholds = Dictionary(data.assessments.map { scheme in
            (scheme.id, RuleFigures.thresholds(config.rules, metric: .assessment(scheme.id), orgs: orgs))
        }, uniquingKeysWith: { first, _ in first })
        let (assessed, others) = concurrently({
            AssessmentFigures(data.assessments, thresholds: { scheme, org in schemeThresholds[scheme]?(org) ?? [] })
        }) {
            (CommitmentFigures(data.commitments, orgs: orgs, asOf: asOf.dataset("commitments")),
             SatisfactionFigures(data.evaluations, orgs: orgs, thresholds: satisfactionThresholds),
             data.surveys.map(SurveyResult.init))
        }
        assessments = assessed
        (commitments, satisfaction, surveys) = others
        rules = RuleFigures(rules: config.rules, satisfaction: satisfaction, assessments: assessments, commitments: commitments, orgs: orgs)
        indicators = IndicatorFigures(data.indicators, definitions: config.indicators, orgs: orgs)
        funding = FundingFigures(data.funding, orgs: orgs)
        var years = Set(commitments.site.byYear.keys)
        years.formUnion(satisfaction.years)
        years.formUnion(data.assessments.compactMap(\.year))
        years.formUnion(data.indicators.map(\.year))
        years.formUnion(funding.years)
        self.years = years.sorted()
        var perLevel: [String: Int] = [:]
        for org in orgs.organisations { if let level = org.level { perLevel[level, default: 0] += 1 } }
        unitsPerLevel = perLevel
        surveyIndex = Dictionary(surveys.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func survey(_ id: String) -> SurveyResult? { surveyIndex[id].map { surveys[$0] } }
}
