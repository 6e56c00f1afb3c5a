import Foundation
import PlacardContent

/// Shared rounding of the module. Every published rate is a percentage with
/// two decimals, rounded half up ("schoolbook": 66.665 -> 66.67, and half away
/// from zero for the rare negative figure), through `Decimal.rounded(_:)`.
/// Rules and grades compare exact values instead (`ExactFigure`), and a figure
/// a rule looks at gets more decimals where two would read as on the wrong side
/// of its threshold (89.995%, not 90.00%, next to "below 90").
public enum Percent {
    public static let decimals = 2

    /// `part` of `whole` in percent, two decimals; nil when `whole` is 0.
    public static func of(_ part: Decimal, _ whole: Decimal) -> Decimal? {
        guard whole != 0 else { return nil }
        return (part * 100 / whole).rounded(decimals)
    }

    /// The same figure in integers (hundredths, rounded half away from zero):
    /// pages ask for rates of 100,000 units many times over, and Decimal
    /// division is about seven times slower. A share below 0.005 % and
    /// overflows take the Decimal route, so that even the zero is the same value.
    public static func of(_ part: Int, _ whole: Int) -> Decimal? {
        guard whole != 0 else { return nil }
        let (scaled, overflow) = part.magnitude.multipliedReportingOverflow(by: 10_000)
        let divisor = whole.magnitude
        let hundredths = overflow ? 0 : scaled / divisor + ((scaled % divisor) * 2 >= divisor ? 1 : 0)
        guard hundredths > 0 else { return of(Decimal(part), Decimal(whole)) }
        return Decimal(sign: (part < 0) != (whole < 0) ? .minus : .plus, exponent: -decimals, significand: Decimal(hundredths))
    }
}

/// A figure's change from the year before, in the figure's own unit
/// (percentage points for rates).
public struct Change: Sendable, Hashable {
    public var previousYear: Int
    public var previous: Decimal
    /// current - previous.
    public var difference: Decimal

    public init?(current: Decimal?, previous: Decimal?, previousYear: Int) {
        guard let current, let previous else { return nil }
        self.previousYear = previousYear
        self.previous = previous
        self.difference = current - previous
    }
}

/// A figure a rule or a grade looks at, kept as an exact fraction: 17,999 of
/// 20,000 satisfied is 1,799,900 / 20,000 percent, which is below 90 although
/// it rounds to 90.00. Compared with a threshold by multiplying, never by
/// dividing and rounding.
public struct ExactFigure: Sendable, Hashable {
    public var numerator: Decimal
    /// More than 0.
    public var denominator: Decimal

    /// The most decimals a figure is shown with to tell it from a threshold.
    public static let maximumDecimals = 12

    public init(_ numerator: Decimal, over denominator: Decimal) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Exactly: numerator < threshold x denominator.
    public func isBelow(_ threshold: Decimal) -> Bool { numerator < threshold * denominator }

    /// Exactly: numerator > threshold x denominator.
    public func isAbove(_ threshold: Decimal) -> Bool { numerator > threshold * denominator }

    /// The figure rounded half up to `decimals` decimals.
    public func rounded(_ decimals: Int) -> Decimal { (numerator / denominator).rounded(decimals) }

    /// Whether the figure shown with `decimals` decimals reads as below `threshold`.
    /// The shown figure is at least `threshold` exactly when the figure is at least the
    /// threshold rounded up to those decimals, less half a unit of the last one.
    func readsBelow(_ threshold: Decimal, decimals: Int) -> Bool {
        // A threshold with no more decimals than shown (90, 89.5) is its own rounding up.
        var value = threshold, roundedUp = threshold
        if !(threshold.isFinite && threshold.exponent >= -decimals) { NSDecimalRound(&roundedUp, &value, decimals, .up) }
        let halfUnit = Decimal(sign: .plus, exponent: -(decimals + 1), significand: 5)  // 0.005 for 2 decimals
        return numerator < (roundedUp - halfUnit) * denominator
    }

    /// The figure with the fewest decimals, at least `minimum`, that reads on the right side of every threshold.
    public func shown(atLeast minimum: Int, toTell thresholds: [Decimal]) -> (value: Decimal, decimals: Int) {
        let decimals = self.decimals(toTell: thresholds, atLeast: minimum)
        return (rounded(decimals), decimals)
    }

    /// The fewest decimals, at least `minimum`, with which the figure reads on the
    /// same side of every threshold as it is: 2 for 89.99 next to 90, 3 for 89.995.
    public func decimals(toTell thresholds: [Decimal], atLeast minimum: Int = Percent.decimals) -> Int {
        guard !thresholds.isEmpty else { return minimum }
        for decimals in minimum..<Self.maximumDecimals where thresholds.allSatisfy({ threshold in
            let below = isBelow(threshold)
            // At or above a threshold of no more decimals than shown, the rounded figure is too: nothing to work out.
            if !below && threshold.exponent >= -decimals { return true }
            return readsBelow(threshold, decimals: decimals) == below
        }) {
            return decimals
        }
        return max(minimum, Self.maximumDecimals)
    }
}
