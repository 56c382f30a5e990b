import Foundation

/// One piece of work started on a thread of its own, for its result to be waited for later: the command line reads
/// a CSV file on one core while the sign-in's bcrypt runs on the other.
public final class InBackground<Value: Sendable>: @unchecked Sendable {
    private let finished = NSCondition()
    private var result: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { try work() }
            finished.lock()
            result = outcome
            finished.broadcast()
            finished.unlock()
        }
        thread.start()
    }

    /// The work's value, or what it threw, once it has finished.
    public func value() throws -> Value {
        finished.lock()
        defer { finished.unlock() }
        while true {
            if let result { return try result.get() }
            finished.wait()
        }
    }
}
