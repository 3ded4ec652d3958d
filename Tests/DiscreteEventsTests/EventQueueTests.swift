import DiscreteEvents
import Testing

/// A reference model of the pending-event set: a plain array sorted on demand.
private struct ReferenceQueue {
    var items: [(time: Int64, priority: Int16, seq: Int, id: Int)] = []
    var seq = 0
    mutating func schedule(id: Int, at t: Int64, priority: Int16) {
        items.append((t, priority, seq, id))
        seq += 1
    }
    mutating func cancel(id: Int) -> Bool {
        guard let i = items.firstIndex(where: { $0.id == id }) else { return false }
        items.remove(at: i)
        return true
    }
    mutating func pop() -> (Int64, Int)? {
        guard let i = items.indices.min(by: { a, b in
            let x = items[a], y = items[b]
            if x.time != y.time { return x.time < y.time }
            if x.priority != y.priority { return x.priority > y.priority }
            return x.seq < y.seq
        }) else { return nil }
        let e = items.remove(at: i)
        return (e.time, e.id)
    }
}

@Suite("EventQueue")
struct EventQueueTests {
    @Test func popsInTimeOrder() {
        var q = EventQueue<Int>()
        for (i, t) in [50, 10, 30, 20, 40].enumerated() { q.schedule(i, at: SimTime(ticks: Int64(t))) }
        var times: [Int64] = []
        while let (t, _) = q.popNext() { times.append(t.ticks) }
        #expect(times == [10, 20, 30, 40, 50])
        #expect(q.isEmpty && q.now == SimTime(ticks: 50))
    }

    @Test func popNextNotAfterStopsAtTheBoundAndSkipsCancelledEntries() {
        var q = EventQueue<Int>()
        let first = q.schedule(0, at: SimTime(ticks: 1))
        for (i, t) in [5, 5, 9, 12].enumerated() { q.schedule(i + 1, at: SimTime(ticks: Int64(t))) }
        let cancelled = q.cancel(first)
        #expect(cancelled)
        var got: [Int] = []
        while let (_, e) = q.popNext(notAfter: SimTime(ticks: 9)) { got.append(e) }
        // The cancelled event never comes out; the one at exactly the bound does; the later one stays.
        #expect(got == [1, 2, 3])
        #expect(q.count == 1 && q.now == SimTime(ticks: 9))
        let early = q.popNext(notAfter: SimTime(ticks: 11))
        #expect(early == nil && q.count == 1)
        let last = q.popNext(notAfter: SimTime(ticks: 12))
        #expect(last?.event == 4 && q.isEmpty)
        let none = q.popNext(notAfter: .distantFuture)
        #expect(none == nil)
    }

    @Test func equalTimesRunByPriorityThenSchedulingOrder() {
        var q = EventQueue<String>()
        let t = SimTime(day: 1)
        q.schedule("a", at: t)
        q.schedule("b", at: t)
        q.schedule("urgent", at: t, priority: 5)
        q.schedule("c", at: t)
        q.schedule("late", at: t, priority: -1)
        var out: [String] = []
        while let (_, e) = q.popNext() { out.append(e) }
        #expect(out == ["urgent", "a", "b", "c", "late"])
    }

    @Test func eventsScheduledAtNowJoinTheCurrentInstant() {
        var q = EventQueue<Int>()
        q.schedule(1, at: SimTime(ticks: 10))
        q.schedule(2, at: SimTime(ticks: 10))
        q.schedule(9, at: SimTime(ticks: 11))
        let r1 = q.popNext()
        #expect(r1?.event == 1)
        q.schedule(3, after: .zero, priority: 1)  // same instant, higher priority: next
        q.schedule(4, after: .zero)
        let r2 = q.popNext()
        #expect(r2?.event == 3)
        let r3 = q.popNext()
        #expect(r3?.event == 2)
        let r4 = q.popNext()
        #expect(r4?.event == 4)
        let r5 = q.popNext()
        #expect(r5?.event == 9)
    }

    @Test func cancellationThroughAHandle() {
        var q = EventQueue<Int>()
        let a = q.schedule(1, at: SimTime(ticks: 5))
        let b = q.schedule(2, at: SimTime(ticks: 6))
        #expect(q.count == 2)
        let r6 = q.cancel(a)
        #expect(r6)
        let r7 = q.cancel(a)
        #expect(!r7, "a second cancel is a no-op")
        #expect(!q.isPending(a) && q.isPending(b))
        #expect(q.count == 1)
        let r8 = q.popNext()
        #expect(r8?.event == 2)
        let r9 = q.cancel(b)
        #expect(!r9, "a fired event cannot be cancelled")
        // The freed slot is reused; the stale handle must not cancel the new event.
        let c = q.schedule(3, at: SimTime(ticks: 7))
        #expect(c.slot == a.slot || c.slot == b.slot)
        let r10 = q.cancel(a)
        let r11 = q.cancel(b)
        #expect(!r10 && !r11)
        let r12 = q.popNext()
        #expect(r12?.event == 3)
        let r13 = q.popNext()
        #expect(r13 == nil)
    }

    @Test func peekDoesNotRemove() {
        var q = EventQueue<Int>()
        q.schedule(7, at: SimTime(ticks: 100))
        let r14 = q.peekTime()
        #expect(r14 == SimTime(ticks: 100))
        let r15 = q.peek()
        #expect(r15?.event == 7)
        #expect(q.count == 1)
        #expect(q.now == .zero)
    }

    @Test func copiesAreIndependent() {
        var q = EventQueue<Int>()
        for i in 0..<100 { q.schedule(i, at: SimTime(ticks: Int64(1000 - i))) }
        var copy = q
        _ = copy.popNext()
        copy.schedule(-1, at: SimTime(ticks: 5_000))
        #expect(q.count == 100 && copy.count == 100)
        let r16 = q.popNext()
        #expect(r16?.event == 99)
        #expect(q.now == SimTime(ticks: 901))
    }

    /// Random schedule / cancel / pop sequences against the reference model, at sizes that exercise
    /// both the front heap and the radix buckets (times spread over 2^40 ticks and clustered).
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func matchesAReferenceModel(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var q = EventQueue<Int>()
        var ref = ReferenceQueue()
        var handles: [Int: EventHandle] = [:]
        var nextID = 0
        let spread: UInt64 = seed % 2 == 0 ? 1 << 40 : 64
        for _ in 0..<4_000 {
            let r = rng.nextInt(below: 10)
            if r < 5 {
                let t = q.now.ticks + Int64(rng.nextInt(below: spread))
                let p = Int16(rng.nextInt(below: 3)) - 1
                // A third of the events are posted without a handle (never cancelled), interleaved with
                // handled ones: the order must be the same single (time, priority, insertion) order.
                if rng.nextInt(below: 3) == 0 {
                    q.post(nextID, at: SimTime(ticks: t), priority: p)
                } else {
                    handles[nextID] = q.schedule(nextID, at: SimTime(ticks: t), priority: p)
                }
                ref.schedule(id: nextID, at: t, priority: p)
                nextID += 1
            } else if r < 7, !handles.isEmpty {
                let id = handles.keys.sorted()[Int(rng.nextInt(below: UInt64(handles.count)))]
                let h = handles.removeValue(forKey: id)!
                let r17 = q.cancel(h)
                #expect(r17 == ref.cancel(id: id))
            } else {
                let got = q.popNext()
                let want = ref.pop()
                #expect(got?.time.ticks == want?.0 && got?.event == want?.1)
                if let id = got?.event { handles[id] = nil }
            }
            #expect(q.count == ref.items.count)
        }
        while let want = ref.pop() {
            let got = q.popNext()
            #expect(got?.time.ticks == want.0 && got?.event == want.1)
        }
        let r18 = q.popNext()
        #expect(r18 == nil)
    }
}
