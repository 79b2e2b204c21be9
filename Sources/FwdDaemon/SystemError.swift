#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Text for `errno` values.
enum SystemError {
    /// `strerror(code)`, or `error N`.
    static func text(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// The current `errno`.
    static var current: Int32 { errno }
}
