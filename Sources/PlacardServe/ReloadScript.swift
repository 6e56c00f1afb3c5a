import Foundation

/// The script `placard serve` adds to each HTML page it sends (never to the
/// files on disk): it listens to the server's events, reloads the page after a
/// successful rebuild and shows the problems of a failed one.
public enum ReloadScript {
    public static let eventsPath = "/_placard/events"

    // EventSource reports its own connection errors under the name "error" too,
    // without data; only the server's event carries the problems. EventSource
    // reconnects by itself when the server comes back, which has built afresh:
    // the page reloads then.
    public static let tag = """
        <script>
        (function () {
          var events = new EventSource("\(eventsPath)");
          var lost = false;
          events.addEventListener("open", function () { if (lost) location.reload(); });
          events.addEventListener("reload", function () { location.reload(); });
          events.addEventListener("error", function (event) {
            if (typeof event.data !== "string") { lost = true; return; }
            var box = document.getElementById("placard-serve-problems");
            if (!box) {
              box = document.createElement("pre");
              box.id = "placard-serve-problems";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;" +
                "padding:0.75em 1em;max-height:50vh;overflow:auto;white-space:pre-wrap;" +
                "background:#fff0f0;color:#8b0000;border-bottom:3px solid #8b0000;font:14px/1.4 monospace";
              document.body.appendChild(box);
            }
            box.textContent = "placard: the build failed; this is the last good site.\\n\\n" + event.data;
          });
        })();
        </script>

        """

    /// The page with the script inserted before its last `</body>`, or at the
    /// end when it has none.
    public static func inject(into html: Data) -> Data {
        let bytes = [UInt8](html)
        let closing = Array("</body>".utf8)
        var index = bytes.count - closing.count
        while index >= 0 {
            if zip(bytes[index...], closing).allSatisfy({ lowercased($0) == $1 }) { break }
            index -= 1
        }
        let at = index >= 0 ? index : bytes.count
        return Data(bytes[..<at] + Array(tag.utf8) + bytes[at...])
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
