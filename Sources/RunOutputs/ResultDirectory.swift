import Foundation
import InputLimits

/// Writes a run's files atomically: everything goes to a hidden sibling folder, which is renamed into
/// place only once every file is complete, so a killed run leaves complete results or none, and an
/// existing folder is never mixed with a new run.
public enum ResultDirectory {
    /// Writes `files` (name → contents) as the folder `dir`, which must not exist yet (or be empty).
    ///
    /// - Throws: `OutputError` (InputLimits) naming the path when a folder cannot be made or a file cannot
    ///   be written (each file is written with `AtomicFile`: flushed to disk before the folder is renamed).
    /// - Complexity: O(bytes written).
    public static func write(_ files: [(name: String, contents: String)], to dir: URL) throws(OutputError) {
        let fm = FileManager.default
        let target = dir.standardizedFileURL
        if fm.fileExists(atPath: target.path) {
            let items = (try? fm.contentsOfDirectory(atPath: target.path)) ?? ["?"]
            guard items.isEmpty else {
                throw OutputError(target: target.path, reason: "the folder already exists and is not empty; choose another --out (results are never mixed)")
            }
            try? fm.removeItem(at: target)
        }
        let parent = target.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw OutputError(target: parent.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? fm.removeItem(at: staging)
        do { try fm.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
            throw OutputError(target: staging.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        for f in files {
            do { try AtomicFile.write(f.contents, to: staging.appendingPathComponent(f.name).path) } catch {
                try? fm.removeItem(at: staging)
                throw OutputError(target: target.appendingPathComponent(f.name).path, reason: error.reason)
            }
        }
        do { try fm.moveItem(at: staging, to: target) } catch {
            try? fm.removeItem(at: staging)
            throw OutputError(target: target.path, reason: "cannot move the finished results into place: \(error.localizedDescription)")
        }
    }

    /// A new run folder under `root/<scenario>/`: `seed<seed>-<UTC timestamp>`, with a suffix if taken.
    /// - Complexity: O(existing runs of the same second).
    public static func newRunFolder(root: URL, scenario: String, seed: UInt64, now: Date = Date()) -> URL {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        let base = root.appendingPathComponent(scenario).appendingPathComponent("seed\(seed)-\(f.string(from: now))")
        var url = base
        var k = 2
        while FileManager.default.fileExists(atPath: url.path) {
            url = URL(fileURLWithPath: base.path + "-\(k)")
            k += 1
        }
        return url
    }
}
