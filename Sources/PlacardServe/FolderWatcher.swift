import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells when anything changes under the site's Content/ and Templates/
/// (subfolders too, also ones made later): one element per burst of changes,
/// once nothing has changed for `quietMilliseconds`. Hidden files are left out, as the
/// build leaves them out. Linux uses inotify; elsewhere the folders are polled.
enum FolderWatcher {
    static let folders = ["Content", "Templates"]

    /// Changes that arrive while the consumer is busy (building) are kept as one;
    /// `log` holds the paths changed since the consumer last took them.
    static func changes(site: URL, log: ChangeLog, quietMilliseconds: Int32 = 100) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        #if os(Linux)
        if let watcher = InotifyWatcher(site: site.path, log: log, quietMilliseconds: quietMilliseconds) {
            let thread = Thread { watcher.run { continuation.yield() } }
            thread.name = "placard-watch"
            thread.start()
            continuation.onTermination = { _ in watcher.stop() }
            return stream
        }
        #endif
        let task = Task {
            await poll(site: site, every: .milliseconds(500)) { paths in
                log.add(paths)
                continuation.yield()
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The fallback: compares every file's size and modification time twice a second.
    static func poll(site: URL, every interval: Duration, changed: (Set<String>) -> Void) async {
        var last = snapshot(site)
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = snapshot(site)
            if now != last {
                changed(Set(now.keys).union(last.keys).filter { now[$0] != last[$0] })
            }
            last = now
        }
    }

    private static func snapshot(_ site: URL) -> [String: [Double]] {
        var files: [String: [Double]] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        for folder in folders {
            let root = site.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walk {
                let values = try? url.resourceValues(forKeys: Set(keys))
                files[url.path] = [values?.contentModificationDate?.timeIntervalSince1970 ?? 0, Double(values?.fileSize ?? 0)]
            }
        }
        return files
    }
}

/// The paths changed since they were last taken; "unknown" when events were lost.
final class ChangeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var unknown = false

    func add(_ changed: some Sequence<String>) { lock.withLock { paths.formUnion(changed) } }
    func addUnknown() { lock.withLock { unknown = true } }

    /// The changed paths, or nil when some change is not known by its path.
    func take() -> Set<String>? {
        lock.withLock {
            defer { paths = []; unknown = false }
            return unknown ? nil : paths
        }
    }
}

#if os(Linux)
/// The inotify side: one watch per folder, added for new folders as they appear,
/// and one on the site folder itself for a Content/ or Templates/ made later.
/// Runs on its own thread, as it blocks in poll(2).
final class InotifyWatcher: @unchecked Sendable {
    private static let folderEvents = UInt32(IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
    private static let siteEvents = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

    private let fd: Int32
    private let site: String
    private let quietMilliseconds: Int32
    private let log: ChangeLog
    private let stopped = NSLock()
    private var isStopped = false
    private var siteWatch: Int32 = -1
    /// Watch descriptor -> folder path; touched only by the watching thread.
    private var folders: [Int32: String] = [:]

    init?(site: String, log: ChangeLog, quietMilliseconds: Int32) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.site = site
        self.log = log
        self.quietMilliseconds = quietMilliseconds
        siteWatch = inotify_add_watch(fd, site, Self.siteEvents)
        for name in FolderWatcher.folders { watchTree(site + "/" + name) }
    }

    func stop() {
        stopped.withLock { isStopped = true }
    }

    /// Calls `changed` once per burst, until `stop()`; then closes the descriptor.
    func run(changed: () -> Void) {
        defer { close(fd) }
        var pending = false
        while !stopped.withLock({ isStopped }) {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // Wakes now and then to see whether it was stopped.
            let ready = poll(&request, 1, pending ? quietMilliseconds : 250)
            if ready > 0 {
                if readEvents() { pending = true }
            } else if ready == 0, pending {
                pending = false
                changed()
            }
        }
    }

    /// Reads what is queued; true when any of it matters to the build.
    private func readEvents() -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return relevant }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                if handle(watch: watch, mask: mask, name: name) { relevant = true }
            }
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: String) -> Bool {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: watch every folder again (a known one keeps its descriptor).
            for folder in FolderWatcher.folders { watchTree(site + "/" + folder) }
            log.addUnknown()
            return true
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[watch] = nil
            return false
        }
        let isNewFolder = mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        if watch == siteWatch {
            // Only Content/ and Templates/ matter here, not the output being swapped in.
            guard FolderWatcher.folders.contains(name) else { return false }
            if isNewFolder { watchTree(site + "/" + name) }
            log.add([site + "/" + name])
            return true
        }
        guard let folder = folders[watch], !name.hasPrefix(".") else { return false }
        if isNewFolder { watchTree(folder + "/" + name) }
        log.add([name.isEmpty ? folder : folder + "/" + name])
        return true
    }

    /// Watches `path` and every folder below it, not following links.
    private func watchTree(_ path: String) {
        let watch = inotify_add_watch(fd, path, Self.folderEvents)
        guard watch >= 0 else { return }
        folders[watch] = path
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !entry.hasPrefix(".") {
            var info = stat()
            let child = path + "/" + entry
            if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { watchTree(child) }
        }
    }
}
#endif
