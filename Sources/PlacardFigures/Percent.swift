import Foundation
import PlacardContent

/// Shared rounding of the module. Every published rate is a percentage with
/// two decimals, rounded half up ("schoolbook": 66.665 -> 66.67, and half away
/// from zero for the rare negative figure), through `Decimal.rounded(_:)`.
/// Comparisons (rules, changes) use these published figures, so a page never
/// shows 90.00% next to "below 90".
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
