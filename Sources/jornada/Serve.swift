import ArgumentParser
import Foundation
import InputLimits
import DeskService
import LoadTesting
import ScenarioFiles

/// `jornada serve SCENARIO --port P`: checks the arguments and the port, then runs `jornada-serve`
/// from the nested `Serve` package (Hummingbird stays out of this package's build graph), or says
/// exactly how to build it.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the scenario's desks over HTTP/JSON (runs Serve/.build/release/jornada-serve).",
        discussion: """
        Build the server once with `swift build -c release --package-path Serve`. It binds 127.0.0.1 \
        unless --host says otherwise; with --token-file every route that changes state needs \
        `Authorization: Bearer <token>`. Its OpenAPI document is at /openapi.json. Set JORNADA_SERVE \
        to use a jornada-serve binary elsewhere.
        """)

    @Argument(help: "The scenario file (.yaml).") var scenario: String
    @Option(help: "TCP port (1...65535).") var port: Int
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "A file holding the bearer token for state-changing routes.") var tokenFile: String?
    @Option(help: "Desks per engine.") var desks: Int?

    func run() throws {
        do {
            guard (1...65_535).contains(port) else { throw LoadTestError(field: "--port", message: "expected 1...65535, got \(port)") }
            if let d = desks, !(1...DeskLayout.maxDesks).contains(d) { throw LoadTestError(field: "--desks", message: "expected 1...\(DeskLayout.maxDesks), got \(d)") }
            if let tokenFile, !FileManager.default.isReadableFile(atPath: tokenFile) {
                throw LoadTestError(field: "--token-file", message: "cannot read '\(tokenFile)'")
            }
            if let reason = Self.portInUse(host: host, port: port) {
                throw LoadTestError(field: "--port", message: "cannot listen on \(host):\(port): \(reason)")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
        guard let binary = Self.serverBinary() else {
            FileHandle.standardError.write(Data("""
            error: jornada-serve is not built. Build it once (Hummingbird, a few minutes) from the package root:
              swift build -c release --package-path Serve
            then run this command again.

            """.utf8))
            throw ExitCode.validationFailure
        }
        // The server gets the desks' layout, not the scenario: it never links the scenario reader.
        let layoutFile: String
        do {
            let profile = LoadProfile(try ScenarioFile.load(path: scenario).scenario)
            layoutFile = try Self.writeTemporary(DeskLayout(profile, desks: desks).json())
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
        var args = [binary, "--layout", layoutFile, "--remove-layout", "--port", String(port), "--host", host]
        if let tokenFile { args += ["--token-file", tokenFile] }
        let cargs = args.map { strdup($0) } + [nil]
        execv(binary, cargs)
        FileHandle.standardError.write(Data("error: cannot run \(binary): \(String(cString: strerror(errno)))\n".utf8))
        throw ExitCode.failure
    }

    /// Writes `data` to a new file in the temporary directory and returns its path (the server removes
    /// it once read). - Complexity: O(data).
    static func writeTemporary(_ data: Data) throws -> String {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(dir)/jornada-layout-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw LoadTestError(field: "TMPDIR", message: "cannot create a file in \(dir): \(String(cString: strerror(errno)))") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let ok = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
        close(fd)
        guard ok else { unlink(path); throw LoadTestError(field: "TMPDIR", message: "cannot write \(path)") }
        return path
    }

    /// `$JORNADA_SERVE`, else `Serve/.build/release/jornada-serve` beside the package this tool was
    /// built in (the tool lives in `.build/<config>/`), else under the current directory.
    static func serverBinary() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["JORNADA_SERVE"], fm.isExecutableFile(atPath: env) { return env }
        let exe = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var candidates: [String] = []
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("Serve/.build/release/jornada-serve").path)
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(fm.currentDirectoryPath + "/Serve/.build/release/jornada-serve")
        return candidates.first { fm.isExecutableFile(atPath: $0) }
    }

    /// Why `host:port` cannot be bound (in use, bad address), or nil when it can. - Complexity: O(1).
    static func portInUse(host: String, port: Int) -> String? {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { return "no socket (\(String(cString: strerror(errno))))" }
        defer { close(s) }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { return "'\(host)' is not an IPv4 address" }
        let r = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        return r == 0 ? nil : String(cString: strerror(errno))
    }
}
