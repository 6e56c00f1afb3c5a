import Dispatch
import Foundation

/// `map` on every core (shared by every stage, so it lives in the lowest module), results in input order. Work is handed out in chunks so
/// that thousands of small items do not pay for thousands of dispatches.
public func concurrentMap<Input: Sendable, Output: Sendable>(_ items: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
    guard items.count > 1 else { return items.map(transform) }
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let chunkSize = max(1, min(256, items.count / (workers * 4)))
    let chunks = stride(from: 0, to: items.count, by: chunkSize).map { $0..<min($0 + chunkSize, items.count) }
    let results = ResultSlots<[Output]>(count: chunks.count)
    DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
        results[index] = chunks[index].map { transform(items[$0]) }
    }
    return results.values.flatMap { $0 }
}

/// Slots each written by exactly one worker; read after all workers finished.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}

/// Runs `body` for every item on all cores, an item at a time (for few, uneven items).
public func concurrentForEach<Input: Sendable>(_ items: [Input], _ body: @Sendable (Input) -> Void) {
    DispatchQueue.concurrentPerform(iterations: items.count) { body(items[$0]) }
}

/// Two independent computations at once, on two cores.
public func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    let firstResult = ResultSlots<First>(count: 1)
    let secondResult = ResultSlots<Second>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firstResult[0] = first() } else { secondResult[0] = second() }
    }
    return (firstResult[0]!, secondResult[0]!)
}
