import Foundation
import PlacardDiagnostics

/// A dataset of any other name, kept as read for templates and tables.
public struct GenericDataset: Sendable {
    public var name: String
    /// The file or folder it was read from, relative to the site directory.
    public var file: String
    /// Each record as read (private fields removed), in file order.
    public var records: [SourceNode]
}

/// Every dataset of a site, typed and validated, each in file order.
public struct SiteData: Sendable {
    public var organisations: [Organisation] = []
    public var people: [Person] = []
    public var commitments: [Commitment] = []
    public var commitmentUpdates: [CommitmentUpdate] = []
    public var evaluations: [Evaluation] = []
    public var funding: [Funding] = []
    public var indicators: [IndicatorValue] = []
    /// Sorted by scheme name.
    public var assessments: [Assessment] = []
    /// Sorted by survey name.
    public var surveys: [Survey] = []
    /// Datasets of any other name, by name.
    public var generic: [String: GenericDataset] = [:]
    /// Where each dataset was read from (`organisations` -> `Content/data/organisations.csv`).
    public var files: [String: String] = [:]
    /// Datasets (by name) with a file that could not be read whole, or a record or
    /// document left out for its errors. References into them are not checked:
    /// a broken organisations.yaml is one problem, not one per reference to it.
    public var incomplete: Set<String> = []

    public init() {}

    public func organisation(_ id: String) -> Organisation? { organisations.first { $0.id == id } }
    public func survey(_ id: String) -> Survey? { surveys.first { $0.id == id } }

    /// A funding line's amount: as given, or rate x the organisation's fact.
    public func amount(of line: Funding) -> Decimal? {
        if let amount = line.amount { return amount }
        guard let rate = line.rate, let per = line.per, let fact = organisation(line.org)?.fact(per) else { return nil }
        return rate * fact
    }
}
