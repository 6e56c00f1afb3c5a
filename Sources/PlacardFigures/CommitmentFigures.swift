import Foundation
import PlacardContent

/// Counts of commitments by status, and the fulfilment rate.
public struct CommitmentTally: Sendable, Hashable {
    /// Every commitment made, dropped ones included.
    public var made = 0
    public var fulfilled = 0
    public var dropped = 0
    public var pending = 0
    public var inProgress = 0
    /// Overdue on the commitments' as-of date, whatever their status (see `Commitment.isOverdue`).
    public var overdue = 0

    public init() {}

    /// fulfilled / made in percent, two decimals (see `Percent`); nil when none were made.
    /// A dropped commitment counts as made and not fulfilled.
    public var rate: Decimal? { Percent.of(fulfilled, made) }

    public mutating func add(_ status: CommitmentStatus, overdue isOverdue: Bool = false) {
        made += 1
        if isOverdue { overdue += 1 }
        switch status {
        case .fulfilled: fulfilled += 1
        case .dropped: dropped += 1
        case .pending: pending += 1
        case .in_progress: inProgress += 1
        }
    }

    public mutating func add(_ other: CommitmentTally) {
        made += other.made
        fulfilled += other.fulfilled
        dropped += other.dropped
        pending += other.pending
        inProgress += other.inProgress
        overdue += other.overdue
    }

    public func count(_ status: CommitmentStatus) -> Int {
        switch status {
        case .fulfilled: fulfilled
        case .dropped: dropped
        case .pending: pending
        case .in_progress: inProgress
        }
    }
}

/// The tallies of one unit (alone, or with its whole subtree), per year and over all years.
public struct CommitmentRecord: Sendable, Hashable {
    public var byYear: [Int: CommitmentTally] = [:]
    /// Every year, and commitments without a year too.
    public var allYears = CommitmentTally()

    public init() {}

    /// Years with commitments, earliest first.
    public var years: [Int] { byYear.keys.sorted() }

    public func tally(year: Int?) -> CommitmentTally {
        guard let year else { return allYears }
        return byYear[year] ?? CommitmentTally()
    }

    /// Change of the fulfilment rate from the year before (percentage points).
    public func rateChange(year: Int) -> Change? {
        guard let previous = byYear[year - 1] else { return nil }
        return Change(current: byYear[year]?.rate, previous: previous.rate, previousYear: year - 1)
    }

    mutating func add(_ commitment: Commitment, overdue: Bool) {
        allYears.add(commitment.status, overdue: overdue)
        if let year = commitment.year { byYear[year, default: CommitmentTally()].add(commitment.status, overdue: overdue) }
    }

    mutating func add(_ other: CommitmentRecord) {
        allYears.add(other.allYears)
        for (year, tally) in other.byYear { byYear[year, default: CommitmentTally()].add(tally) }
    }
}

/// Fulfilment of commitments for every unit, alone and with its subtree, and for the whole site.
public struct CommitmentFigures: Sendable {
    /// Each unit's own commitments.
    public let own: [String: CommitmentRecord]
    /// Each unit's commitments and those of every unit below it, for units
    /// with units below them (for the others it is `own`: 100,000 villages
    /// held a second copy of their record).
    private let subtrees: [String: CommitmentRecord]
    /// Every commitment of the site.
    public let site: CommitmentRecord
    /// The day overdue is decided on: the commitments' as-of date.
    public let asOf: AsOf
    private let asOfDay: Int

    init(_ commitments: [Commitment], orgs: OrgIndex, asOf: AsOf) {
        self.asOf = asOf
        asOfDay = asOf.day.lastDayNumber
        var own: [String: CommitmentRecord] = [:]
        var site = CommitmentRecord()
        var seen = Set<String>(minimumCapacity: commitments.count)
        // A duplicate id is an error at load time; count the first only.
        for commitment in commitments where seen.insert(commitment.id).inserted {
            let overdue = commitment.isOverdue(on: asOfDay)
            own[commitment.org, default: CommitmentRecord()].add(commitment, overdue: overdue)
            site.add(commitment, overdue: overdue)
        }
        // Bottom-up: each unit's subtree is complete before it is added to its parent.
        var subtrees: [String: CommitmentRecord] = [:]
        for id in orgs.topDown.reversed() {
            guard let parent = orgs.treeParent[id], let record = subtrees[id] ?? own[id] else { continue }
            subtrees[parent, default: own[parent] ?? CommitmentRecord()].add(record)
        }
        self.own = own
        self.subtrees = subtrees
        self.site = site
    }

    public func own(_ org: String) -> CommitmentRecord { own[org] ?? CommitmentRecord() }
    /// Whether a commitment is overdue on the commitments' as-of date.
    public func isOverdue(_ commitment: Commitment) -> Bool { commitment.isOverdue(on: asOfDay) }
    public func subtree(_ org: String) -> CommitmentRecord { subtrees[org] ?? own(org) }
}

extension Commitment {
    /// Overdue on a day (`YYYYMMDD`): its `due` date has passed (the day is
    /// after the last day `due` covers: due 2009-12 is overdue from 1 January
    /// 2010), and it is neither dropped nor fulfilled on or before that day.
    /// A fulfilment dated after the day does not count: on that day it was not
    /// yet fulfilled. Shown beside the status, never instead of it.
    public func isOverdue(on day: Int) -> Bool {
        guard let due, status != .dropped, day > due.lastDayNumber else { return false }
        if status == .fulfilled, (fulfilledOn?.firstDayNumber ?? Int.min) <= day { return false }
        return true
    }
}
