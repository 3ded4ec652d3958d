import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A write that did not complete: the target (`standard output`, a path) and the system's reason.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being written (`standard output`, a file path).
    public var target: String
    /// Why it failed (`Broken pipe`, `No space left on device`).
    public var reason: String

    /// A failed write to `target` because of `reason`.
    public init(target: String, reason: String) {
        self.target = target
        self.reason = reason
    }

    /// `cannot write to standard output: Broken pipe`.
    public var description: String { "cannot write to \(target): \(reason)" }
}

/// Standard output written with checked, unbuffered `write(2)` calls: each call reaches the pipe
/// before it returns (so `--json` rows stream as they are produced), and a closed pipe or a full
/// disk is an `OutputError` rather than a silent loss or a SIGPIPE death.
public enum CheckedOutput {
    /// Ignores SIGPIPE so a closed pipe surfaces as `EPIPE` from `write`, reported as an error.
    /// Call once at start-up. - Complexity: O(1).
    public static func ignoreBrokenPipeSignal() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` and a newline to standard output. - Throws: `OutputError`. - Complexity: O(|text|).
    public static func line(_ text: String) throws(OutputError) {
        try write(text + "\n", fd: 1, target: "standard output")
    }

    /// Writes all of `text` to file descriptor `fd`, retrying short writes and `EINTR`.
    /// - Throws: `OutputError` naming `target`. - Complexity: O(|text|).
    public static func write(_ text: String, fd: Int32, target: String) throws(OutputError) {
        let bytes = Array(text.utf8)
        let failure: Int32 = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var done = 0
            while done < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, base + done, buffer.count - done)
                #else
                let n = Darwin.write(fd, base + done, buffer.count - done)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return 0
        }
        if failure != 0 { throw OutputError(target: target, reason: String(cString: strerror(failure))) }
    }
}

/// Files written atomically: to a temporary file beside the target, flushed to disk, then renamed
/// over it, so a killed run leaves the complete old file or the complete new one, never a part.
public enum AtomicFile {
    /// Writes `text` to `path` atomically. - Throws: `OutputError` naming `path` (full disk, no
    /// permission, missing folder); the temporary file is removed. - Complexity: O(|text|).
    public static func write(_ text: String, to path: String) throws(OutputError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputError(target: path, reason: String(cString: strerror(errno))) }
        do throws(OutputError) {
            try CheckedOutput.write(text, fd: fd, target: path)
            guard fsync(fd) == 0 else { throw OutputError(target: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(target: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(target: path, reason: reason)
        }
    }
}
