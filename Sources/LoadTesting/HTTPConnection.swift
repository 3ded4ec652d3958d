#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback HTTP endpoint: `http://127.0.0.1:8080` (or `localhost`, `[::1]` is not supported).
/// Only loopback addresses are accepted: a load test never leaves the machine.
public struct HTTPEndpoint: Sendable, Equatable {
    /// IPv4 address (loopback).
    public var host: String
    /// TCP port.
    public var port: UInt16

    /// Parses `url`. - Throws: `--url` errors naming the part at fault. - Complexity: O(length).
    public init(parsing url: String) throws(LoadTestError) {
        guard url.hasPrefix("http://") else { throw LoadTestError(field: "--url", message: "expected http://127.0.0.1:PORT, got '\(url)'") }
        var rest = url.dropFirst("http://".count)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let p = UInt16(parts[1]), p > 0 else {
            throw LoadTestError(field: "--url", message: "expected http://127.0.0.1:PORT with a port in 1...65535, got '\(url)'")
        }
        let h = parts[0] == "localhost" ? "127.0.0.1" : String(parts[0])
        let octets = h.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4, octets[0] == 127 else {
            throw LoadTestError(field: "--url", message: "only loopback hosts (127.0.0.0/8, localhost) may be load-tested, got '\(parts[0])'")
        }
        host = h
        port = p
    }
}

/// One blocking HTTP/1.1 keep-alive connection on POSIX sockets, for the load test's `--url` client:
/// it writes requests back to back and reads responses by `Content-Length` (what `jornada serve`
/// sends). Owned by one client task; blocking calls run on that task's thread.
final class HTTPConnection: @unchecked Sendable {
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 65_536)
    let endpoint: HTTPEndpoint

    init(_ endpoint: HTTPEndpoint) { self.endpoint = endpoint }

    deinit { if fd >= 0 { close(fd) } }

    /// Connects (again) if needed. - Returns: false when the connection cannot be made. - Complexity: O(1).
    func connectIfNeeded() -> Bool {
        if fd >= 0 { return true }
        #if canImport(Glibc)
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let s = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard s >= 0 else { return false }
        var one: Int32 = 1
        setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = endpoint.port.bigEndian
        inet_pton(AF_INET, endpoint.host, &addr.sin_addr)
        let r = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard r == 0 else { close(s); return false }
        fd = s
        buffer.removeAll(keepingCapacity: true)
        start = 0
        return true
    }

    func drop() { if fd >= 0 { close(fd); fd = -1 } }

    /// Writes all of `bytes`. - Complexity: O(bytes).
    func write(_ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }

    /// Reads one response: its status and body, or nil on a transport error. - Complexity: O(response).
    func readResponse() -> (status: Int, body: ArraySlice<UInt8>)? {
        var headerEnd = -1
        while true {
            if let e = find(crlfcrlf: start) { headerEnd = e; break }
            guard fill() else { return nil }
        }
        let head = buffer[start..<headerEnd]
        let status = parseStatus(head)
        let length = contentLength(head)
        let bodyStart = headerEnd + 4
        while buffer.count < bodyStart + length { guard fill() else { return nil } }
        let body = buffer[bodyStart..<(bodyStart + length)]
        start = bodyStart + length
        if start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        return status.map { ($0, body) }
    }

    private func fill() -> Bool {
        if start > 65_536 { buffer.removeFirst(start); start = 0 }
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65_536, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    private func find(crlfcrlf from: Int) -> Int? {
        var i = from
        while i + 3 < buffer.count {
            if buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    private func parseStatus(_ head: ArraySlice<UInt8>) -> Int? {
        // "HTTP/1.1 201 Created"
        let line = head.prefix { $0 != 13 }
        let parts = line.split(separator: 32)
        guard parts.count >= 2 else { return nil }
        return Int(String(decoding: parts[1], as: UTF8.self))
    }

    private func contentLength(_ head: ArraySlice<UInt8>) -> Int {
        for line in head.split(separator: 10) {
            let text = String(decoding: line, as: UTF8.self).lowercased()
            if text.hasPrefix("content-length:") {
                return Int(text.dropFirst("content-length:".count).filter { $0.isNumber }) ?? 0
            }
        }
        return 0
    }
}
