import ArgumentParser
import Foundation

/// Command-line durations: `1s`, `500ms`, `2.5s`, `1m`, or a plain number of seconds.
enum DurationOption {
    /// The duration `text` names. - Throws: `ValidationError` naming `option` for anything else.
    static func parse(_ text: String, option: String) throws -> Duration {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var value = t
        var scale = 1.0
        for (suffix, s) in [("ms", 1e-3), ("s", 1.0), ("m", 60.0)] where t.hasSuffix(suffix) {
            value = String(t.dropLast(suffix.count))
            scale = s
            break
        }
        guard let v = Double(value), v.isFinite, v > 0, v * scale < 1e6 else {
            throw ValidationError("\(option): expected a positive duration such as 1s, 500ms or 2.5, got '\(text)'")
        }
        return .nanoseconds(Int64((v * scale * 1e9).rounded()))
    }
}
