import Testing
@testable import LoadTesting

@Suite struct ThresholdTests {
    func summary(p99: UInt64, errors: Int) -> LoadSummary {
        var r = LatencyRecorder(durationNanoseconds: 1_000_000_000, intervalCount: 1)
        for _ in 0..<100 { r.record(intended: 0, done: Int64(p99)) }
        r.scheduled = 100 + errors; r.sent = r.scheduled; r.completed = 100; r.errors = errors
        return LoadSummary(target: "delivery", scenario: "t", offeredRate: 100, achievedRate: 100, durationNanoseconds: 1_000_000_000,
                           elapsedNanoseconds: 1_000_000_000, clients: 1, desks: (1, 0), recorder: r, audit: DeskAuditSummary())
    }

    @Test func latencyAndCountThresholdsHoldOrFail() throws {
        let p99 = try Threshold(parsing: "p99<2ms")
        #expect(p99.metric == .p99 && p99.bound == 2_000_000)
        #expect(p99.holds(for: summary(p99: 1_000_000, errors: 0)))
        #expect(!p99.holds(for: summary(p99: 3_000_000, errors: 0)))
        let errors = try Threshold(parsing: "errors==0")
        #expect(errors.holds(for: summary(p99: 1, errors: 0)))
        #expect(!errors.holds(for: summary(p99: 1, errors: 2)))
        #expect(try Threshold(parsing: "p99.9 <= 500us").bound == 500_000)
        #expect(try Threshold(parsing: "achievedRate>=250k").bound == 250_000)
    }

    @Test func malformedExpressionsNameTheFlagAndThePart() throws {
        for (text, words) in [("p99", "METRIC OP VALUE"), ("p99x<2ms", "did you mean 'p99'"), ("p99<2", "needs a duration with a unit"),
                              ("errors==-1", "count ≥ 0"), ("p99<fast", "expected a duration")] {
            do {
                _ = try Threshold(parsing: text)
                Issue.record("'\(text)' was accepted")
            } catch {
                #expect(error.field == "--threshold")
                #expect(error.message.contains(words), "\(error.message)")
            }
        }
    }

    @Test func ratesAndDurationsRefuseZeroNegativeAndGarbage() throws {
        for bad in ["0", "-5", "abc", "1e300", "", "nan"] {
            #expect(throws: LoadTestError.self) { try LoadQuantity.rate(bad) }
        }
        for bad in ["0s", "-1s", "soon", "5x", "inf"] {
            #expect(throws: LoadTestError.self) { try LoadQuantity.nanoseconds(bad, field: "--duration") }
        }
        #expect(try LoadQuantity.rate("1.5M") == 1_500_000)
        #expect(try LoadQuantity.nanoseconds("2m", field: "--duration") == 120_000_000_000)
        #expect(try LoadQuantity.nanoseconds("30s", field: "--duration") == 30_000_000_000)
    }

    @Test func onlyLoopbackURLsAreAccepted() throws {
        #expect(try HTTPEndpoint(parsing: "http://127.0.0.1:8080").port == 8080)
        #expect(try HTTPEndpoint(parsing: "http://localhost:9/").host == "127.0.0.1")
        for bad in ["http://10.0.0.1:80", "https://127.0.0.1:80", "http://127.0.0.1", "http://127.0.0.1:0", "http://example.com:80"] {
            #expect(throws: LoadTestError.self) { try HTTPEndpoint(parsing: bad) }
        }
    }
}
