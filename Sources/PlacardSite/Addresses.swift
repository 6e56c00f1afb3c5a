/// Published addresses are paths relative to the site root: `""` for the home
/// page, `orgs/fuyuan/` for a page, `assets/style.css` for a file. Every link
/// in the site is relative, so the site works under any path of any server.
struct Addresses: Sendable {
    /// Links name `index.html` so the site also works opened from disk.
    var fileURLs: Bool

    /// The way from the page at `page` back to the site root: `./`, `../`, `../../`.
    func root(from page: String) -> String {
        // The folders above the page: its non-empty segments, less the file name. Counted
        // on bytes, not split: every link of every page starts here.
        var segments = 0
        var inSegment = false
        for byte in page.utf8 {
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                segments += 1
            }
        }
        let depth = segments - (page.hasSuffix("/") || page.isEmpty ? 0 : 1)
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A link from the page at `page` to `target`, with an optional `#fragment`.
    func link(from page: String, to target: String, fragment: String? = nil) -> String {
        var url = root(from: page)
        if url == "./", !target.isEmpty { url = "" }
        url += percentEncoded(target)
        if fileURLs, target.isEmpty || target.hasSuffix("/") { url += "index.html" }
        if let fragment, !fragment.isEmpty { url += "#" + percentEncoded(fragment) }
        return url
    }

    /// The folder a path is in: `a/b` of `a/b/c`; "" at the top. Always shorter than `path`.
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// The file a page is written to.
    static func file(for page: String) -> String {
        page.isEmpty || page.hasSuffix("/") ? page + "index.html" : page
    }

    /// Unreserved ASCII stays as it is; every other byte (Chinese included) is
    /// percent-encoded, which every server, browser and file system understands.
    func percentEncoded(_ path: String) -> String {
        // Most addresses need no escape: returned as they are, not copied.
        guard !path.utf8.allSatisfy(Self.isUnreserved) else { return path }
        var result = ""
        for byte in path.utf8 {
            if Self.isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
