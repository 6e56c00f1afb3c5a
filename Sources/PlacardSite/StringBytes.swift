import Foundation

/// Comparing and hashing text by its UTF-8 bytes. Swift's `==` and hashing of
/// strings follow Unicode canonical equivalence, which for Chinese text means
/// normalising character by character: far slower than `memcmp`, and it shows
/// when a session compares every page of a large site with the last build's.
/// Two canonically equal but differently encoded texts are merely "changed".
extension String {
    func hasSameBytes(as other: String) -> Bool {
        var (a, b) = (self, other)
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    func hashBytes(into hasher: inout Hasher) {
        var text = self
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
